/**
 * The read-only REST API under {@code /api/v1} and the report page: thin resources over the views the
 * stages produce; unknown values are null.
 * Reads: target statuses, snapshots, history, lag, workloads, findings. Produces: JSON.
 */
package dev.streamfit.api;
