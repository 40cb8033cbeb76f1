/**
 * Stage HISTORY: the latest snapshot of every target ({@link dev.streamfit.history.SnapshotStore}) and
 * bounded per-workload sample rings over {@code streamfit.advisor.window}
 * ({@link dev.streamfit.history.RedisHistory}, {@link dev.streamfit.history.KafkaHistory}), with the
 * rates and trends computed from them ({@link dev.streamfit.history.Rates}). A stale workload keeps its
 * rings and adds no sample: its figures are an earlier poll's. {@link dev.streamfit.history.StateChanges}
 * keeps when a discrete state changed (a verdict, a lag status) for the stage that decides it.
 * Reads: snapshots. Produces: what every later stage, the API and the metrics read figures from.
 */
package dev.streamfit.history;
