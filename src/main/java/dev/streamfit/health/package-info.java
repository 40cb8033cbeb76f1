/**
 * Stage HEALTH: the day-to-day rules — a target that is down or partly readable, Redis groups,
 * pending entries and memory, Kafka group statuses, retention and replication — reported as
 * observations to the findings registry.
 * Reads: snapshots, history, lag results. Produces: observations, reported to the findings registry;
 * also {@link dev.streamfit.health.Evidence}, how numbers read in every message.
 */
package dev.streamfit.health;
