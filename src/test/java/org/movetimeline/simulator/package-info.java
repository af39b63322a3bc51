/**
 * MOVE simulator: a stand-in for Dolphin Technologies' MOVE backend API and Timeline Notifier,
 * for local runs, demos and load tests of the service. Plain Java (JDK HTTP server and client,
 * Jackson), no Quarkus, no stored state.
 *
 * <h2>Running it</h2>
 * <pre>
 * ./mvnw package -DskipTests
 * SIM_NOTIFY_URL=http://localhost:8080/webhooks/move/timeline SIM_NOTIFY_SECRET=demo-secret \
 *   java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' org.movetimeline.simulator.MoveSimulator
 * </pre>
 * and the service with {@code MOVE_API_BASE_URL=http://localhost:8089},
 * {@code MOVE_API_CREDENTIALS=1000:demo-key} (= SIM_CREDENTIALS) and
 * {@code MOVE_WEBHOOK_SECRETS=demo-secret} (= SIM_NOTIFY_SECRET). Ctrl-C stops it; the notifier
 * then gets ten seconds to deliver what it has queued. Every setting is an environment variable,
 * listed in {@link org.movetimeline.simulator.SimulatorSettings}. In-process (tests,
 * benchmarks): {@link org.movetimeline.simulator.MoveSimulator#start}.
 *
 * <h2>The data</h2>
 * Each project of SIM_CREDENTIALS has users {@code u0001..u<SIM_USERS_PER_PROJECT>}; each user has an
 * endless timeline from SIM_EPOCH, one item per two-hour slot at a pseudo-random minute, computed
 * from (SIM_SEED, projectId, userId, item number) alone, so the notifier and the API agree without
 * sharing anything, even across restarts and processes. A key exists only if its startTs is
 * exactly one of the user's item starts. Users live in one of a few real cities (Vienna, Berlin,
 * London, New York, Paris, Zürich, San Francisco, Sydney) and move between a handful of places;
 * an item starts where the previous one ended. IDLE and WALKING items have no GPS (no gpsStats,
 * transport, scores, distractions; {@code /points} answers {@code []}); trips (CAR, DRIVING, TRAIN,
 * TRAM, METRO, CYCLING) have consistent distance, speeds, GPS track, distractions, driving events
 * and scores. Every item also carries {@code energyEstimate}, a feature kind the service does not
 * know and must keep.
 *
 * <h2>The API</h2>
 * {@code POST /v20/timeline/batch}, {@code GET /v20/timeline/{unixSeconds}} and
 * {@code GET /v20/timeline/{unixSeconds}/points} with {@code ?projectId=&userId=}, Basic auth
 * {@code projectId:apiKey}; see {@link org.movetimeline.simulator.TimelineApiHandler}.
 * SIM_FAIL_429_RATIO, SIM_FAIL_500_RATIO, SIM_LATENCY_MS and SIM_LATENCY_JITTER_MS make it
 * misbehave on purpose; SIM_FAIL_ALL_500_PROJECTS (projectIds) makes only those
 * projects fail, every call. {@code GET /health} answers 200 without auth.
 *
 * <h2>The notifier</h2>
 * With SIM_NOTIFY_URL set: SIM_NOTIFY_RATE items/s, item k of every user in turn, in batches of at
 * most SIM_NOTIFY_BATCH_SIZE or every SIM_NOTIFY_INTERVAL, signed with {@code X-Dolphin-Signature}
 * ({@link org.movetimeline.timeline.WebhookSignature}), each batch retried until it gets a 200 (a refusal
 * is logged on stderr, a Retry-After honoured). Items are notified as fast as the rate says, not when
 * they would happen in real time, so a load test can replay months of timelines in minutes.
 * A progress line (notifier and API counters) is logged every SIM_PROGRESS_INTERVAL.
 *
 * <h2>Sentiance</h2>
 * With SIM_SOURCES=sentiance (or move,sentiance) the same process also plays Sentiance, its REST v3 API on the
 * same port and its Firehose sender: see {@link org.movetimeline.simulator.sentiance} and
 * docs/sentiance-simulator.md.
 */
package org.movetimeline.simulator;
