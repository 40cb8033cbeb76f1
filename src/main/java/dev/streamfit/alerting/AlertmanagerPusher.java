package dev.streamfit.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingChange;

/**
 * Pushes findings to an Alertmanager as an alert source does ({@code POST /api/v2/alerts}): after
 * every evaluation of a target, each of its firing findings with {@code endsAt} = now + 3 poll
 * intervals (so Alertmanager resolves it by itself if StreamFit stops pushing), and each that just
 * resolved with {@code endsAt} = when it ended. On its own thread; while Alertmanager is unreachable
 * the latest state of each alert waits (a newer evaluation replaces an older state of the same alert)
 * and is sent with the next successful push.
 */
final class AlertmanagerPusher {

    private static final Logger LOG = Logger.getLogger(AlertmanagerPusher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** An alert source re-sends firing alerts well within their endsAt: three evaluations may be missed. */
    static final int ENDS_AFTER_INTERVALS = 3;

    record PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt, String endsAt,
            @JsonProperty("generatorURL") String generatorURL) {
    }

    private final URI alertsUrl;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final Duration pollInterval;
    private final ObjectMapper json;
    private final ReportLinks links;
    private final UnaryOperator<String> redact;
    private final HttpClient http;
    private final Map<String, PostableAlert> waiting = new LinkedHashMap<>();
    private final Thread thread;
    private boolean closing;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    AlertmanagerPusher(URI baseUrl, Map<String, String> headers, Duration timeout, Duration pollInterval, ObjectMapper json, ReportLinks links,
            UnaryOperator<String> redact) {
        String base = baseUrl.toString();
        this.alertsUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts");
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.json = json;
        this.links = links;
        this.redact = redact;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.thread = new Thread(this::run, "streamfit-alertmanager-push");
        thread.setDaemon(true);
        thread.start();
    }

    /** Pushes (outcome delivered), failed pushes to be retried, pushes refused for good. */
    long delivered() {
        return delivered.get();
    }

    long retried() {
        return retried.get();
    }

    long failed() {
        return failed.get();
    }

    void evaluated(List<FindingChange> changes, List<Finding> firingOfTarget, Instant now) {
        String endsAt = now.plus(pollInterval.multipliedBy(ENDS_AFTER_INTERVALS)).toString();
        synchronized (this) {
            for (Finding f : firingOfTarget) {
                waiting.put(f.fingerprint(), alert(f, f.since(), endsAt));
            }
            for (FindingChange change : changes) {
                if (change.resolved()) {
                    waiting.put(change.current().fingerprint(), alert(change.current(), change.previous().since(), change.current().since().toString()));
                }
            }
            if (!waiting.isEmpty()) {
                notifyAll();
            }
        }
    }

    private PostableAlert alert(Finding f, Instant startsAt, String endsAt) {
        return new PostableAlert(AlertLabels.of(f), AlertLabels.annotations(f), startsAt.toString(), endsAt, links.of(f));
    }

    /** Sends what waits, once more, until {@code deadline}. */
    void drain(Instant deadline) {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        try {
            thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Map<String, PostableAlert> batch;
            synchronized (this) {
                while (waiting.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = new LinkedHashMap<>(waiting);
                waiting.clear();
            }
            try {
                HttpAttempt attempt = HttpAttempt.post(http, alertsUrl, headers, json.writeValueAsBytes(new ArrayList<>(batch.values())), timeout);
                if (attempt.delivered()) {
                    delivered.incrementAndGet();
                    backoff = FIRST_BACKOFF;
                    continue;
                }
                if (!attempt.retryable()) {
                    failed.incrementAndGet();
                    LOG.warnf("Alertmanager refused a push of %d alert(s) (%s); not retried", batch.size(), redact.apply(attempt.error()));
                    continue;
                }
                retried.incrementAndGet();
                if (backoff.equals(FIRST_BACKOFF)) {
                    LOG.warnf("Alertmanager push failed (%s); retrying", redact.apply(attempt.error()));
                }
                synchronized (this) {
                    // What a newer evaluation said about an alert replaces what failed to go out.
                    batch.forEach(waiting::putIfAbsent);
                }
                Thread.sleep((attempt.retryAfter() != null ? attempt.retryAfter() : backoff).toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                return;
            } catch (JsonProcessingException | RuntimeException e) {
                failed.incrementAndGet();
                LOG.errorf("Alertmanager push failed: %s", redact.apply(String.valueOf(e)));
            }
        }
    }
}
