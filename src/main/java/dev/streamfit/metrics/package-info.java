/**
 * Stage VIEWS and Prometheus metrics at {@code /q/metrics}: each target's series are built once per
 * evaluation from the same snapshots and results the API shows, and merged at scrape time; a value
 * that is unknown is absent, not 0.
 * Reads: target statuses, pipeline timings, snapshots, Kafka topic views ({@code api}), lag,
 * workloads, findings. Produces: samples.
 */
package dev.streamfit.metrics;
