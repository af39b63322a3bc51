package org.movetimeline.testsupport;

import java.util.Arrays;

/** Reads the service's Prometheus metrics as a scraper would, on the management port. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The sum of the samples of {@code name} whose labels include every {@code labels} pair (name, value, ...);
     * NaN when there is none.
     */
    public static double value(String name, String... labels) {
        String body = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        String[] wanted = new String[labels.length / 2];
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = labels[2 * i] + "=\"" + labels[2 * i + 1] + "\"";
        }
        return body.lines()
                .filter(l -> l.startsWith(name + "{") && Arrays.stream(wanted).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce(Double::sum).orElse(Double.NaN);
    }
}
