package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;

/**
 * Sentiance's car driving-behaviour scores, 0-1 as it gives them; its -1 ("not enough data"), an absent score and
 * anything not a number are null.
 */
public record DrivingScores(Double overall, Double smooth, Double legal, Double anticipative, Double focus,
                            Double mounted, Double hardAccel, Double hardBrake, Double hardEvents, Double hardTurn,
                            Double legalV2, Double smoothV2, Double anticipativeV2) {

    /** Sentiance's names, in the order of {@link #values()} (the table's columns are {@code score_<name>}). */
    public static final List<String> NAMES = List.of("overall", "smooth", "legal", "anticipative", "focus", "mounted",
            "hard_accel", "hard_brake", "hard_events", "hard_turn", "legal_v2", "smooth_v2", "anticipative_v2");

    public static final DrivingScores NONE = of(new Double[NAMES.size()]);

    /** The scores in a CarBehaviorScores object or a message's {@code behavior_scores}; null or missing: none. */
    public static DrivingScores from(JsonNode scores) {
        Double[] values = new Double[NAMES.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = scores == null ? null : scores.get(NAMES.get(i));
            values[i] = value != null && value.isNumber() && value.asDouble() != -1 ? value.asDouble() : null;
        }
        return of(values);
    }

    /** The scores in the order of {@link #NAMES}. */
    public List<Double> values() {
        return Arrays.asList(overall, smooth, legal, anticipative, focus, mounted, hardAccel, hardBrake, hardEvents,
                hardTurn, legalV2, smoothV2, anticipativeV2);
    }

    private static DrivingScores of(Double[] v) {
        return new DrivingScores(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
    }
}
