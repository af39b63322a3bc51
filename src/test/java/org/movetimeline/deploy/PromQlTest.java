package org.movetimeline.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromQlTest {

    @Test
    void functionsAggregationsAndKeywordsAreNotMetrics() {
        PromQl.Names names = PromQl.names(
                "sum by (project, outcome) (rate(move_api_calls_total{project=~\"$project\", outcome!=\"ok\"}[$__rate_interval]))"
                        + " / ignoring(outcome) group_left sum without (pod) (rate(move_api_calls_total[5m] offset 1h)) > bool 0.5"
                        + " or on() vector(0)");
        assertEquals(Map.of("move_api_calls_total", Set.of("outcome", "project")), names.metrics());
        assertEquals(Set.of("outcome", "pod", "project"), names.groupingLabels());
    }

    @Test
    void groupingAfterTheArgumentsSubqueriesAndStringsWithMetricLikeText() {
        PromQl.Names names = PromQl.names("""
                max(deriv(max(kafka_consumer_fetch_manager_records_lag_max)[15m:1m])) by (namespace)
                  and sum(increase(http_server_requests_seconds_count{uri="/webhooks/move/timeline", status='4\\'01'}[5m]))
                  # a comment that names not_a_metric
                  > 1e3 unless absent(move_api_limit)""");
        assertEquals(Map.of("kafka_consumer_fetch_manager_records_lag_max", Set.of(),
                "http_server_requests_seconds_count", Set.of("status", "uri"),
                "move_api_limit", Set.of()), names.metrics());
        assertEquals(Set.of("namespace"), names.groupingLabels());
    }

    @Test
    void whatItCannotReadIsAnErrorNotASkip() {
        assertThrows(IllegalArgumentException.class, () -> PromQl.names("{__name__=\"move_api_limit\"}"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.names("move_api_limit{project=1000}"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.names("rate(move_api_calls_total{outcome=\"ok\"[5m])"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.names("rate(move_api_calls_total[5m)"));
    }
}
