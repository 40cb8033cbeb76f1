package dev.streamfit.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP POST to a receiver and what it means for delivery: delivered (2xx), worth retrying
 * (a network error or timeout, 408, 429, 5xx — with the receiver's {@code Retry-After} when it
 * gave one), or refused for good (any other status).
 *
 * @param status     the response status; 0 when no response came
 * @param error      what went wrong, for the log; null when delivered
 * @param retryAfter how long the receiver asked to wait, when it said
 */
record HttpAttempt(int status, String error, Duration retryAfter) {

    static final String USER_AGENT = "StreamFit";

    boolean delivered() {
        return status >= 200 && status < 300;
    }

    boolean retryable() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    static HttpAttempt post(HttpClient client, URI url, Map<String, String> headers, byte[] body, Duration timeout)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(value -> retryAfter(value, Instant.now())).orElse(null);
            return new HttpAttempt(status, status >= 200 && status < 300 ? null : "HTTP " + status, retryAfter);
        } catch (IOException e) {
            // The message may name the URL, which may carry a token: the caller redacts what it logs.
            return new HttpAttempt(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        }
    }

    /** {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110); unreadable or past: empty. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
