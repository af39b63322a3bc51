/**
 * The load driver behind {@code bench/run} ({@link LoadDriver}) and the chaos soak behind {@code bench/chaos}
 * ({@link ChaosDriver}). Reads the service's metrics, topics and table while driving raw HTTP load at a
 * service process against the {@code simulator}; writes a report and plot to {@code bench/results}. Failures:
 * bad settings exit 2; a chaos soak whose verdict fails exits 1.
 */
package org.movetimeline.bench;
