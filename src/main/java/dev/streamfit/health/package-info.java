/**
 * Stage HEALTH: the day-to-day rules — a target that is down or partly readable, Redis groups,
 * pending entries and memory, Kafka group statuses, retention and replication — reported as
 * observations to the findings registry.
 * Reads: snapshots, history, lag results. Produces: health findings.
 */
package dev.streamfit.health;
