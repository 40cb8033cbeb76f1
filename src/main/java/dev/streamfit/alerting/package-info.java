/**
 * Alerting: stage {@code ALERTS}. Takes what the findings registry recorded as beginning or stopping
 * to fire ({@link dev.streamfit.findings.FindingChange}) and what still fires, and turns it into
 * notices — fired, repeated (every {@code streamfit.alerts.repeat-interval}), resolved — for every
 * webhook sink in its format (Alertmanager webhook version 4, Slack, StreamFit's own), and into
 * pushes to an Alertmanager's {@code /api/v2/alerts}. It never re-derives the lifecycle.
 * Delivery is at-least-once and runs on each sink's own thread, never on an evaluation or I/O thread:
 * a bounded queue per sink (oldest dropped first when full), Standard Webhooks signatures, retries
 * with exponential backoff and jitter on network errors, 408, 429 and 5xx, given up after
 * {@code max-retry-duration}; on shutdown the queues drain within {@code drain-timeout}.
 * Reads: findings and their changes, config. Produces: HTTP requests to receivers, delivery counts
 * for the metrics, the test notice of the API.
 */
package dev.streamfit.alerting;
