/**
 * The simulator playing Sentiance (SIM_SOURCES=sentiance or move,sentiance): the REST v3 event API
 * ({@link org.movetimeline.simulator.sentiance.SentianceApiHandler}, on the simulator's port under {@code /v3/users/})
 * and the Firehose webhook sender ({@link org.movetimeline.simulator.sentiance.FirehoseSender}), sharing the
 * transports sent ({@link org.movetimeline.simulator.sentiance.SentianceEvents}). Settings:
 * {@link org.movetimeline.simulator.sentiance.SentianceSettings}; overview: docs/sentiance-simulator.md.
 */
package org.movetimeline.simulator.sentiance;
