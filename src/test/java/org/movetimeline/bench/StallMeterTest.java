package org.movetimeline.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recovery figure of the soak: only time with work waiting and no new row counts as a stall. */
class StallMeterTest {

    @Test
    void theLongestStretchWithoutANewRowWhileItemsWaitIsTheStall() {
        StallMeter meter = new StallMeter();
        meter.sample(0, 0, 0);       // nothing acknowledged yet: no stall
        meter.sample(5, 100, 0);     // work waiting from here
        meter.sample(10, 200, 150);  // progress
        meter.sample(15, 300, 150);
        meter.sample(40, 300, 150);  // 30 s without a new row (from 10)
        meter.sample(45, 300, 300);  // caught up
        meter.sample(100, 300, 300); // idle, nothing waiting: not a stall
        meter.sample(105, 400, 300);
        meter.sample(120, 400, 300); // 15 s: shorter

        assertEquals(30, meter.longestSeconds());
        assertEquals(10, meter.longestFrom());
    }

    @Test
    void aPipelineThatNeverFallsBehindNeverStalls() {
        StallMeter meter = new StallMeter();
        for (int s = 0; s < 100; s += 5) {
            meter.sample(s, s * 10L, s * 10L);
        }

        assertEquals(0, meter.longestSeconds());
        assertTrue(Double.isNaN(meter.longestFrom()));
    }
}
