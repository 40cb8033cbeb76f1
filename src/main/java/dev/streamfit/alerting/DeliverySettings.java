package dev.streamfit.alerting;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.streamfit.config.StreamFitConfig;

/**
 * How one sink delivers: where, with which headers (credentials included), signed or not, and its
 * timing: per-request timeout, backoff between retries, when to give up, queue size, and the least
 * time between two requests (Slack takes at most one message a second per webhook).
 */
record DeliverySettings(String name, URI url, Map<String, String> headers, WebhookSignature signature, Duration timeout,
        Duration initialBackoff, Duration maxBackoff, Duration maxRetryDuration, int queueCapacity, Duration minInterval) {

    /** Slack's rate limit for incoming webhooks. */
    static final Duration SLACK_MIN_INTERVAL = Duration.ofSeconds(1);

    DeliverySettings {
        headers = Map.copyOf(headers);
    }

    static DeliverySettings of(String name, StreamFitConfig.Webhook webhook) {
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        authorization(webhook.auth()).ifPresent(value -> headers.put("Authorization", value));
        return new DeliverySettings(name, URI.create(webhook.url().trim()), headers, webhook.secret().map(WebhookSignature::of).orElse(null),
                webhook.timeout(), webhook.initialBackoff(), webhook.maxBackoff(), webhook.maxRetryDuration(), webhook.queueCapacity(),
                webhook.format() == StreamFitConfig.WebhookFormat.SLACK ? SLACK_MIN_INTERVAL : Duration.ZERO);
    }

    /** {@code Bearer <token>} or {@code Basic <base64 user:password>}, when configured. */
    static java.util.Optional<String> authorization(StreamFitConfig.Auth auth) {
        if (auth.bearerToken().isPresent()) {
            return auth.bearerToken().map(token -> "Bearer " + token);
        }
        if (auth.username().isPresent() && auth.password().isPresent()) {
            String pair = auth.username().get() + ":" + auth.password().get();
            return java.util.Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return java.util.Optional.empty();
    }

    /** The wait before retry number {@code retry} (1 for the first): doubling from initial-backoff up to max-backoff, the upper half randomised. */
    Duration backoff(int retry, double random) {
        double base = initialBackoff.toMillis() * Math.pow(2, Math.min(retry - 1, 30));
        double capped = Math.min(base, maxBackoff.toMillis());
        // "Equal jitter": at least half the backoff, so retries keep spreading out, and no two sinks in lockstep.
        return Duration.ofMillis((long) (capped / 2 + capped / 2 * random));
    }
}
