/**
 * The Kafka collector: one {@link dev.streamfit.kafka.KafkaTargetPoller} per target, batched AdminClient
 * calls only, an immutable {@link dev.streamfit.kafka.KafkaTargetSnapshot} per poll. Knows nothing of
 * history, rules or verdicts: what it could not collect it reports as a
 * {@link dev.streamfit.poll.CollectionProblem} of a kind, which the health stage names. A listing or
 * describe that fails leaves the topics and groups it covers as the previous poll saw them, stale.
 * Reads: config. Produces: snapshots of topics, partitions, groups and committed offsets.
 */
package dev.streamfit.kafka;
