/**
 * Polling and the pipeline. {@link dev.streamfit.poll.PollScheduler} polls every target on its own
 * job through a {@link dev.streamfit.poll.TargetPoller} (the collector contract) and hands each result,
 * a {@link dev.streamfit.poll.TargetPolled}, to the {@link dev.streamfit.poll.EvaluationPipeline},
 * which runs every {@link dev.streamfit.poll.Stage} in {@link dev.streamfit.poll.StageName} order on a
 * worker thread, one poll of a target at a time.
 * A poll that answers without seeing everything is partial: its snapshot names its
 * {@link dev.streamfit.poll.Gap}s, and the workloads it could not see are kept from earlier polls,
 * marked stale ({@link dev.streamfit.poll.Staleness}).
 * Reads: config. Produces: target statuses ({@link dev.streamfit.poll.TargetStatusRegistry}) and poll
 * results for the stages.
 */
package dev.streamfit.poll;
