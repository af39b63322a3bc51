package org.movetimeline.simulator;

import java.util.List;

/**
 * A real city users live in: centre, IANA time zone and enough street names and postcodes to
 * write plausible local addresses. {@code addressFormat} takes (street, house number, postcode)
 * as {@code %1$s %2$d %3$s}, because the order differs by country.
 */
public record City(String name, double latitude, double longitude, String timeZone,
            String addressFormat, List<String> streets, List<String> postcodes) {

    /** The catalogue; small on purpose, mixing hemispheres and UTC offsets to exercise time zone handling. */
    public static final List<City> ALL = List.of(
            new City("Wien", 48.2082, 16.3738, "Europe/Vienna", "%1$s %2$d, %3$s Wien",
                    List.of("Stephansplatz", "Mariahilfer Straße", "Praterstraße", "Landstraßer Hauptstraße",
                            "Favoritenstraße", "Währinger Straße", "Alser Straße", "Wiedner Hauptstraße",
                            "Thaliastraße", "Donaufelder Straße"),
                    List.of("1010", "1020", "1030", "1040", "1050", "1060", "1070", "1080", "1090", "1100",
                            "1120", "1150", "1160", "1180", "1210", "1220")),
            new City("Berlin", 52.5200, 13.4050, "Europe/Berlin", "%1$s %2$d, %3$s Berlin",
                    List.of("Unter den Linden", "Friedrichstraße", "Kurfürstendamm", "Karl-Marx-Allee",
                            "Oranienstraße", "Schönhauser Allee", "Torstraße", "Sonnenallee", "Müllerstraße"),
                    List.of("10115", "10178", "10243", "10405", "10437", "10719", "10967", "12043", "12435", "13347")),
            new City("London", 51.5074, -0.1278, "Europe/London", "%2$d %1$s, London %3$s",
                    List.of("Baker Street", "Oxford Street", "Kingsland Road", "Old Kent Road", "Brixton Road",
                            "Holloway Road", "King's Road", "Mile End Road", "Edgware Road"),
                    List.of("NW1", "W1", "E8", "SE1", "SW9", "N7", "SW3", "E1", "W2")),
            new City("New York", 40.7128, -74.0060, "America/New_York", "%2$d %1$s, New York, NY %3$s",
                    List.of("Broadway", "5th Avenue", "Lexington Avenue", "Amsterdam Avenue", "Canal Street",
                            "Bleecker Street", "Park Avenue", "Atlantic Avenue", "Bedford Avenue"),
                    List.of("10001", "10003", "10011", "10013", "10016", "10024", "10128", "11201", "11211")),
            new City("Paris", 48.8566, 2.3522, "Europe/Paris", "%2$d %1$s, %3$s Paris",
                    List.of("Rue de Rivoli", "Boulevard Saint-Germain", "Rue de la Roquette", "Avenue de Clichy",
                            "Rue du Faubourg Saint-Antoine", "Boulevard Voltaire", "Rue de Vaugirard"),
                    List.of("75001", "75004", "75005", "75011", "75012", "75015", "75017", "75018", "75020")),
            new City("Zürich", 47.3769, 8.5417, "Europe/Zurich", "%1$s %2$d, %3$s Zürich",
                    List.of("Bahnhofstrasse", "Langstrasse", "Badenerstrasse", "Seefeldstrasse",
                            "Universitätstrasse", "Hardturmstrasse"),
                    List.of("8001", "8003", "8004", "8005", "8006", "8008", "8032", "8050")),
            new City("San Francisco", 37.7749, -122.4194, "America/Los_Angeles", "%2$d %1$s, San Francisco, CA %3$s",
                    List.of("Market Street", "Mission Street", "Valencia Street", "Geary Boulevard",
                            "Divisadero Street", "Irving Street", "Columbus Avenue"),
                    List.of("94102", "94103", "94110", "94115", "94117", "94122", "94133")),
            new City("Sydney", -33.8688, 151.2093, "Australia/Sydney", "%2$d %1$s, Sydney NSW %3$s",
                    List.of("George Street", "Pitt Street", "Oxford Street", "King Street", "Parramatta Road",
                            "Military Road", "Anzac Parade"),
                    List.of("2000", "2010", "2021", "2037", "2042", "2050", "2088")));
}
