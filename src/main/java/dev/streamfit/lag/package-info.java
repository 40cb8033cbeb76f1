/**
 * Stage LAG: Kafka consumer-group lag per partition, time lag, and Burrow-style statuses
 * ({@link dev.streamfit.lag.LagEvaluator}, the rules; {@link dev.streamfit.lag.KafkaLagService}, the
 * stage).
 * Reads: Kafka snapshots and history. Produces: {@link dev.streamfit.lag.KafkaGroupLag} per group.
 */
package dev.streamfit.lag;
