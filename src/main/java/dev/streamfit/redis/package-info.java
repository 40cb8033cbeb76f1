/**
 * The Redis Streams collector: one {@link dev.streamfit.redis.RedisTargetPoller} per target, pipelined
 * read-only commands, an immutable {@link dev.streamfit.redis.RedisTargetSnapshot} per poll. Knows
 * nothing of history, rules or verdicts: what it could not collect it reports as a
 * {@link dev.streamfit.poll.CollectionProblem} of a kind, which the health stage names. A shard that
 * does not answer, or a stream that cannot be described, leaves what the previous poll saw there, stale.
 * Reads: config. Produces: snapshots of servers, streams, groups and consumers.
 */
package dev.streamfit.redis;
