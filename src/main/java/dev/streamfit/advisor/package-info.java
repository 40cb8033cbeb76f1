/**
 * Stage ADVISOR: per workload (a Redis stream or a Kafka topic) a profile from the history, the four
 * questions, capacity and overbuild signals, a verdict with hysteresis, and a recommendation with
 * numbers; verdicts are also reported as findings.
 * Reads: snapshots, history, lag and health results (a Redis server's evictions, projected exhaustion
 * and durability mismatch are judged by the health stage and attached to the streams they concern, not
 * judged again). Produces: {@link dev.streamfit.advisor.Workload}s.
 */
package dev.streamfit.advisor;
