/**
 * Prometheus metrics at {@code /q/metrics}, built at scrape time from the same snapshots and results
 * the API shows; a value that is unknown is absent, not 0.
 * Reads: target statuses, pipeline timings, snapshots, lag, workloads, findings. Produces: samples.
 */
package dev.streamfit.metrics;
