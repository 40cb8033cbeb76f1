/**
 * Stage HEALTH: the day-to-day rules — a target that is down or partly readable, Redis groups,
 * pending entries and memory ({@link dev.streamfit.health.RedisHealthRules}), Kafka group statuses,
 * retention and replication — reported as observations to the findings registry.
 * Reads: snapshots, history, lag results. Produces: health findings, and per Redis stream the server
 * findings that concern it ({@link dev.streamfit.health.ServerFinding}), which the advisor turns into
 * signals; also {@link dev.streamfit.health.Evidence}, how numbers read in every message.
 */
package dev.streamfit.health;
