/**
 * The Redis Streams collector: one {@link dev.streamfit.redis.RedisTargetPoller} per target, pipelined
 * read-only commands, an immutable {@link dev.streamfit.redis.RedisTargetSnapshot} per poll. Knows
 * nothing of history, rules or verdicts: what it could not collect it reports as a
 * {@link dev.streamfit.poll.CollectionProblem} of a kind, which the health stage names.
 * Reads: config. Produces: snapshots of servers, streams, groups and consumers.
 */
package dev.streamfit.redis;
