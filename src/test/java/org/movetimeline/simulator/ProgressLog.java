package org.movetimeline.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Logs one progress line every SIM_PROGRESS_INTERVAL, only when it changed, so an idle
 * simulator stays quiet and a busy one shows its throughput at a glance.
 */
public final class ProgressLog implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final Supplier<String> line;
    private String last;

    public ProgressLog(Duration interval, Supplier<String> line) {
        this.line = line;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-progress");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            String current = line.get();
            if (!Objects.equals(current, last)) {
                Log.info(current);
                last = current;
            }
        } catch (RuntimeException e) {
            // A broken report must not stop later ones (scheduleAtFixedRate would).
            Log.error("progress report failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
