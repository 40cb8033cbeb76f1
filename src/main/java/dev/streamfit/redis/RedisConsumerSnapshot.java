package dev.streamfit.redis;

/**
 * One consumer of a group (XINFO CONSUMERS).
 *
 * @param inactiveSeconds since its last successful read; null before Redis 7.2, which has only idle
 */
public record RedisConsumerSnapshot(String consumer, long pending, double idleSeconds, Double inactiveSeconds) {
}
