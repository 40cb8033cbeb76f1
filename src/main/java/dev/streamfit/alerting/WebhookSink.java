package dev.streamfit.alerting;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import dev.streamfit.alerting.DeliveryStats.Outcome;

/**
 * Delivers one sink's notices, at least once, on a thread of its own: a slow or dead receiver holds
 * up only this sink, never polling, evaluation or another sink. Notices wait in a bounded queue (the
 * oldest dropped first when it is full) and go out one at a time, in the order they were raised, so
 * a receiver never sees a resolved notice before the fired one. A failed attempt is retried — same
 * body, same {@code webhook-id}, fresh timestamp and signature — after an exponential backoff with
 * jitter, or after the receiver's {@code Retry-After}, until {@code max-retry-duration} after the
 * notice was raised.
 */
final class WebhookSink {

    private static final Logger LOG = Logger.getLogger(WebhookSink.class);

    /** What became of a notice, for whoever waits for it (the test endpoint). */
    enum Result {
        DELIVERED, FAILED, DROPPED, LEFT_AT_SHUTDOWN
    }

    private record Queued(Notice notice, byte[] body, CompletableFuture<Result> result) {
    }

    private final DeliverySettings settings;
    private final NoticeFormat format;
    private final HttpClient http;
    private final UnaryOperator<String> redact;
    private final DeliveryStats stats = new DeliveryStats();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Thread thread;
    private Queued inFlight;
    private boolean closing;
    private boolean dropping;
    private long lastRequestNanos;

    WebhookSink(DeliverySettings settings, NoticeFormat format, UnaryOperator<String> redact) {
        this.settings = settings;
        this.format = format;
        this.redact = redact;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.thread = new Thread(this::run, "streamfit-webhook-" + settings.name());
        thread.setDaemon(true);
        thread.start();
    }

    String name() {
        return settings.name();
    }

    NoticeFormat format() {
        return format;
    }

    DeliveryStats stats() {
        return stats;
    }

    /** Notices waiting, the one being delivered included. */
    synchronized int queued() {
        return queue.size() + (inFlight == null ? 0 : 1);
    }

    /** Queues the notice and returns at once; its body is rendered now, once, so every retry sends the same bytes. */
    CompletableFuture<Result> offer(Notice notice) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Queued queued = new Queued(notice, format.render(notice), result);
        Queued dropped = null;
        boolean firstDrop = false;
        synchronized (this) {
            if (closing) {
                result.complete(Result.LEFT_AT_SHUTDOWN);
                return result;
            }
            if (queue.size() >= settings.queueCapacity()) {
                dropped = queue.pollFirst();
                firstDrop = !dropping;
                dropping = true;
            } else {
                dropping = false;
            }
            queue.addLast(queued);
            notifyAll();
        }
        if (dropped != null) {
            stats.count(Outcome.DROPPED);
            dropped.result().complete(Result.DROPPED);
            if (firstDrop) {
                LOG.warnf("Webhook %s: queue full (%d notices), dropping the oldest; counted in streamfit_webhook_deliveries_total{outcome=\"dropped\"}",
                        settings.name(), settings.queueCapacity());
            }
        }
        return result;
    }

    /**
     * Stops taking notices and delivers what is queued until {@code deadline}; then stops and logs
     * what was left. Returns the number of notices left undelivered.
     */
    int drain(Instant deadline) {
        stopTaking();
        try {
            long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        int left;
        synchronized (this) {
            left = queued();
            queue.forEach(q -> q.result().complete(Result.LEFT_AT_SHUTDOWN));
            if (inFlight != null) {
                inFlight.result().complete(Result.LEFT_AT_SHUTDOWN);
            }
            queue.clear();
        }
        if (left > 0) {
            LOG.warnf("Webhook %s: %d notice(s) not delivered at shutdown", settings.name(), left);
        }
        return left;
    }

    /** No more notices; the thread ends once the queue is empty. */
    synchronized void stopTaking() {
        closing = true;
        notifyAll();
    }

    private void run() {
        while (true) {
            Queued next;
            synchronized (this) {
                while (queue.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return; // closing, all delivered
                }
                next = queue.pollFirst();
                inFlight = next;
            }
            Result result;
            try {
                result = deliver(next);
            } catch (InterruptedException e) {
                return; // shutdown: drain() reports it as left
            } catch (RuntimeException e) {
                stats.count(Outcome.FAILED);
                result = Result.FAILED;
                LOG.errorf("Webhook %s: notice %s failed: %s", settings.name(), next.notice().id(), redact.apply(String.valueOf(e)));
            }
            // Out of the queue before anyone hears the outcome: whoever waits on it then sees the queue without it.
            synchronized (this) {
                inFlight = null;
            }
            next.result().complete(result);
        }
    }

    private Result deliver(Queued q) throws InterruptedException {
        Instant giveUpAt = q.notice().raisedAt().plus(settings.maxRetryDuration());
        for (int attempt = 1; ; attempt++) {
            pace();
            HttpAttempt outcome = HttpAttempt.post(http, settings.url(), headers(q), q.body(), settings.timeout());
            lastRequestNanos = System.nanoTime();
            if (outcome.delivered()) {
                stats.delivered(Duration.between(q.notice().raisedAt(), Instant.now()).toNanos() / 1e9);
                if (attempt > 1) {
                    LOG.infof("Webhook %s: notice %s delivered at attempt %d", settings.name(), q.notice().id(), attempt);
                }
                return Result.DELIVERED;
            }
            String why = redact.apply(outcome.error());
            if (!outcome.retryable()) {
                stats.count(Outcome.FAILED);
                LOG.warnf("Webhook %s: notice %s refused (%s); not retried", settings.name(), q.notice().id(), why);
                return Result.FAILED;
            }
            Duration wait = outcome.retryAfter() != null ? outcome.retryAfter()
                    : settings.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            if (Instant.now().plus(wait).isAfter(giveUpAt)) {
                stats.count(Outcome.FAILED);
                LOG.warnf("Webhook %s: notice %s given up after %d attempt(s) (max-retry-duration %s): %s", settings.name(),
                        q.notice().id(), attempt, settings.maxRetryDuration(), why);
                return Result.FAILED;
            }
            stats.count(Outcome.RETRIED);
            if (attempt == 1) {
                LOG.warnf("Webhook %s: notice %s not delivered (%s); retrying", settings.name(), q.notice().id(), why);
            }
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
    }

    /**
     * Keeps {@code minInterval} from the end of one request to the start of the next (Slack: one message a
     * second): counted from the start, a slow connect would bring two requests closer than that at the receiver.
     */
    private void pace() throws InterruptedException {
        long minNanos = settings.minInterval().toNanos();
        if (minNanos > 0 && lastRequestNanos != 0) {
            long waitNanos = lastRequestNanos + minNanos - System.nanoTime();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
    }

    /** The sink's headers, and per attempt the Standard Webhooks ones: same id, this attempt's timestamp and signature. */
    private java.util.Map<String, String> headers(Queued q) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(settings.headers());
        headers.put("webhook-id", q.notice().id());
        long timestamp = Instant.now().getEpochSecond();
        headers.put("webhook-timestamp", Long.toString(timestamp));
        if (settings.signature() != null) {
            headers.put("webhook-signature", settings.signature().sign(q.notice().id(), timestamp, q.body()));
        }
        return headers;
    }
}
