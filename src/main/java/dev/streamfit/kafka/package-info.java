/**
 * The Kafka collector: one {@link dev.streamfit.kafka.KafkaTargetPoller} per target, batched AdminClient
 * calls only, an immutable {@link dev.streamfit.kafka.KafkaTargetSnapshot} per poll. Knows nothing of
 * history, rules or verdicts: what it could not collect it reports as a
 * {@link dev.streamfit.poll.CollectionProblem} of a kind, which the health stage names.
 * Reads: config. Produces: snapshots of topics, partitions, groups and committed offsets.
 */
package dev.streamfit.kafka;
