package dev.streamfit.alerting;

import static dev.streamfit.alerting.Receivers.assertSigned;
import static dev.streamfit.alerting.Receivers.notice;
import static dev.streamfit.alerting.Receivers.settings;
import static dev.streamfit.alerting.Receivers.sink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.streamfit.alerting.DeliveryStats.Outcome;
import dev.streamfit.alerting.WebhookSink.Result;
import dev.streamfit.support.WebhookReceiver;
import dev.streamfit.support.WebhookReceiver.Answer;

/**
 * Delivery of one sink against a real HTTP receiver that fails on command: retried with the same
 * webhook-id and a valid signature each time, Retry-After honoured, hung requests timed out, other
 * 4xx not retried, given up in time, a full queue dropping its oldest, a dead sink delaying no other,
 * and what is left at shutdown.
 */
class WebhookSinkTest {

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aNoticeIsRetriedThroughErrorsAndAHangWithOneIdAndAValidSignatureEachTimeThenNeverSentAgain() throws Exception {
        receiver.answerNext(Answer.status(503), Answer.status(500), Answer.tooManyRequests("1"), Answer.hang());
        WebhookSink sink = sink("am", receiver);
        Notice notice = notice("orders");

        assertEquals(Result.DELIVERED, sink.offer(notice).get(30, TimeUnit.SECONDS));

        List<WebhookReceiver.Request> requests = receiver.requests("/am");
        assertEquals(List.of(503, 500, 429, 0, 200), requests.stream().map(WebhookReceiver.Request::status).toList());
        for (WebhookReceiver.Request r : requests) {
            assertEquals(notice.id(), r.header("webhook-id"));
            assertEquals(requests.get(0).text(), r.text(), "the same body on every retry");
            assertEquals("sre", r.header("x-team"));
            assertSigned(r);
        }
        Duration afterRetryAfter = Duration.between(requests.get(2).at(), requests.get(3).at());
        assertTrue(afterRetryAfter.toMillis() >= 1000, "Retry-After: 1 honoured, waited " + afterRetryAfter);
        assertEquals(1, sink.stats().get(Outcome.DELIVERED));
        assertEquals(4, sink.stats().get(Outcome.RETRIED));
        assertEquals(0, sink.queued());
        Thread.sleep(1500);
        assertEquals(5, receiver.requests("/am").size(), "a delivered notice is not sent again");
    }

    @Test
    void aClientErrorOtherThan408Or429IsNotRetriedAndTheNextNoticeStillGoesOut() throws Exception {
        receiver.answerNext(Answer.status(400));
        WebhookSink sink = sink("am", receiver);

        assertEquals(Result.FAILED, sink.offer(notice("orders")).get(10, TimeUnit.SECONDS));
        assertEquals(Result.DELIVERED, sink.offer(notice("payments")).get(10, TimeUnit.SECONDS));

        assertEquals(List.of(400, 200), receiver.requests("/am").stream().map(WebhookReceiver.Request::status).toList());
        assertEquals(1, sink.stats().get(Outcome.FAILED));
        assertEquals(0, sink.stats().get(Outcome.RETRIED));
    }

    @Test
    void aNoticeIsGivenUpOnceMaxRetryDurationHasPassed() throws Exception {
        receiver.answerNext(java.util.stream.Stream.generate(() -> Answer.status(503)).limit(100).toArray(Answer[]::new));
        WebhookSink sink = new WebhookSink(settings("am", receiver.url("/am"), Duration.ofSeconds(1), Duration.ofMillis(1500), 10, Duration.ZERO),
                new StreamfitFormat(Receivers.JSON, Receivers.LINKS), text -> text);
        Instant started = Instant.now();

        assertEquals(Result.FAILED, sink.offer(notice("orders")).get(10, TimeUnit.SECONDS));

        assertTrue(Duration.between(started, Instant.now()).toMillis() < 3000, "given up within max-retry-duration, not much later");
        assertTrue(receiver.requests("/am").size() >= 3, "retried meanwhile: " + receiver.requests("/am").size());
        assertEquals(1, sink.stats().get(Outcome.FAILED));
    }

    @Test
    void aFullQueueDropsItsOldestNoticeAndCountsIt() throws Exception {
        receiver.answerNext(Answer.hang());
        WebhookSink sink = new WebhookSink(settings("am", receiver.url("/am"), Duration.ofSeconds(2), Duration.ofSeconds(30), 2, Duration.ZERO),
                new StreamfitFormat(Receivers.JSON, Receivers.LINKS), text -> text);
        Notice inFlight = notice("a");
        var first = sink.offer(inFlight);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests("/am").size() == 1);
        var oldest = sink.offer(notice("b"));
        Notice c = notice("c");
        Notice d = notice("d");
        var third = sink.offer(c);
        var fourth = sink.offer(d);

        assertEquals(Result.DROPPED, oldest.get(1, TimeUnit.SECONDS));
        assertEquals(Result.DELIVERED, first.get(10, TimeUnit.SECONDS));
        assertEquals(Result.DELIVERED, third.get(10, TimeUnit.SECONDS));
        assertEquals(Result.DELIVERED, fourth.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(inFlight.id(), inFlight.id(), c.id(), d.id()),
                receiver.requests("/am").stream().map(r -> r.header("webhook-id")).toList());
        assertEquals(1, sink.stats().get(Outcome.DROPPED));
    }

    @Test
    void aHangingReceiverDelaysNoOtherSink() throws Exception {
        receiver.answerNext(Answer.hang(), Answer.hang(), Answer.hang());
        WebhookSink hanging = sink("hanging", receiver);
        hanging.offer(notice("a"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests("/hanging").size() == 1);
        try (WebhookReceiver other = WebhookReceiver.start()) {
            WebhookSink healthy = sink("healthy", other);
            Instant offered = Instant.now();
            assertEquals(Result.DELIVERED, healthy.offer(notice("b")).get(5, TimeUnit.SECONDS));
            assertTrue(Duration.between(offered, Instant.now()).toMillis() < 900, "delivered while the other sink's request hangs");
        }
    }

    @Test
    void atShutdownASinkDeliversWhatItCanWithinTheDeadlineAndReportsTheRest() throws Exception {
        WebhookSink healthy = sink("healthy", receiver);
        List.of("a", "b", "c").forEach(w -> healthy.offer(notice(w)));
        assertEquals(0, healthy.drain(Instant.now().plusSeconds(5)));
        assertEquals(3, receiver.requests("/healthy").size());

        receiver.down();
        WebhookSink dead = sink("dead", receiver);
        var pending = List.of("a", "b", "c").stream().map(w -> dead.offer(notice(w))).toList();
        Instant started = Instant.now();
        assertEquals(3, dead.drain(Instant.now().plusSeconds(1)));
        assertTrue(Duration.between(started, Instant.now()).toMillis() < 2500, "the deadline holds");
        for (var result : pending) {
            assertEquals(Result.LEFT_AT_SHUTDOWN, result.get(1, TimeUnit.SECONDS));
        }
        assertEquals(Result.LEFT_AT_SHUTDOWN, dead.offer(notice("d")).get(1, TimeUnit.SECONDS), "no notice taken after shutdown began");
    }

    @Test
    void aSlackSinkSendsAtMostOneMessageASecond() throws Exception {
        WebhookSink slack = new WebhookSink(settings("slack", receiver.url("/slack"), Duration.ofSeconds(1), Duration.ofSeconds(30), 10,
                DeliverySettings.SLACK_MIN_INTERVAL), new SlackFormat(Receivers.JSON, Receivers.LINKS), text -> text);
        var results = List.of("a", "b", "c").stream().map(w -> slack.offer(notice(w))).toList();
        for (var result : results) {
            assertEquals(Result.DELIVERED, result.get(10, TimeUnit.SECONDS));
        }
        List<WebhookReceiver.Request> requests = receiver.requests("/slack");
        for (int i = 1; i < requests.size(); i++) {
            long gap = Duration.between(requests.get(i - 1).at(), requests.get(i).at()).toMillis();
            assertTrue(gap >= 950, "one message a second, but " + gap + " ms apart");
        }
    }
}
