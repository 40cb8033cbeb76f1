package dev.streamfit.alerting;

import static dev.streamfit.alerting.Receivers.finding;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingChange;
import dev.streamfit.findings.FindingState;
import dev.streamfit.findings.Severity;
import dev.streamfit.support.WebhookReceiver;

/**
 * What a sink is told after each evaluation, as a real receiver gets it: alertmanager-format notices
 * grouped by target with every firing alert of the group, repeated after the repeat interval, resolved
 * ones with their end, nothing below min-severity, truncated alerts counted.
 */
class WebhookNotifierTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration REPEAT = Duration.ofHours(4);

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookNotifier notifier(Severity minSeverity, boolean sendResolved, int maxAlerts) {
        WebhookSink sink = new WebhookSink(Receivers.settings("am", receiver.url("/am"), Duration.ofSeconds(2), Duration.ofSeconds(30), 100,
                Duration.ZERO), new AlertmanagerFormat(Receivers.JSON, Receivers.LINKS), text -> text);
        return new WebhookNotifier(sink, minSeverity, sendResolved, List.of("system", "target"), maxAlerts, REPEAT);
    }

    private static Finding firing(String workload, Severity severity) {
        return finding(workload, severity, FindingState.FIRING, T0);
    }

    private static FindingChange fired(Finding f) {
        return new FindingChange(finding(f.workload(), f.severity(), FindingState.PENDING, T0), f);
    }

    private List<JsonNode> received(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests("/am").size() >= count);
        return receiver.requests("/am").stream().map(r -> {
            try {
                return Receivers.JSON.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void firingFindingsOfATargetGoOutAsOneGroupThenRepeatAfterTheIntervalThenResolve() throws Exception {
        WebhookNotifier notifier = notifier(Severity.INFO, true, 0);
        Finding orders = firing("orders", Severity.WARNING);
        Finding payments = firing("payments", Severity.CRITICAL);

        notifier.evaluated(List.of(fired(orders), fired(payments)), List.of(orders, payments), List::of, T0);
        notifier.evaluated(List.of(), List.of(orders, payments), List::of, T0.plus(REPEAT).minusSeconds(1));
        notifier.evaluated(List.of(), List.of(orders, payments), List::of, T0.plus(REPEAT));
        Finding ended = finding("orders", Severity.WARNING, FindingState.RESOLVED, T0.plus(REPEAT).plusSeconds(10));
        notifier.evaluated(List.of(new FindingChange(orders, ended)), List.of(payments), List::of, T0.plus(REPEAT).plusSeconds(10));

        List<JsonNode> notices = received(3);
        Thread.sleep(300);
        assertEquals(3, receiver.requests("/am").size(), "nothing before the repeat interval");
        JsonNode first = notices.get(0);
        assertEquals("firing", first.get("status").asText());
        assertEquals(List.of("payments", "orders"), workloads(first), "one notice for the group, the worst first");
        assertEquals("{}:{system=\"redis\", target=\"main\"}", first.get("groupKey").asText());
        assertEquals("redis.group.fell-off-trim", first.at("/commonLabels/alertname").asText());
        assertEquals("", first.at("/commonLabels/severity").asText(), "not common: warning and critical");
        assertEquals(first.get("groupKey"), notices.get(1).get("groupKey"), "the group key is stable");
        assertEquals(List.of("payments", "orders"), workloads(notices.get(1)), "repeated, the whole group");
        JsonNode last = notices.get(2);
        assertEquals("firing", last.get("status").asText(), "payments still fires");
        assertEquals("resolved", last.at("/alerts/1/status").asText());
        assertEquals(T0.plus(REPEAT).plusSeconds(10).toString(), last.at("/alerts/1/endsAt").asText());
        assertEquals(T0.toString(), last.at("/alerts/1/startsAt").asText(), "starts when it began, not when it ended");
    }

    @Test
    void belowMinSeverityNothingIsSentAndWithoutSendResolvedNoResolvedNotice() throws Exception {
        WebhookNotifier notifier = notifier(Severity.CRITICAL, false, 0);
        Finding warning = firing("orders", Severity.WARNING);
        Finding critical = firing("payments", Severity.CRITICAL);
        notifier.evaluated(List.of(fired(warning), fired(critical)), List.of(warning, critical), List::of, T0);
        Finding ended = finding("payments", Severity.CRITICAL, FindingState.RESOLVED, T0.plusSeconds(5));
        notifier.evaluated(List.of(new FindingChange(critical, ended)), List.of(warning), List::of, T0.plusSeconds(5));

        List<JsonNode> notices = received(1);
        Thread.sleep(500);
        assertEquals(1, receiver.requests("/am").size());
        assertEquals(List.of("payments"), workloads(notices.get(0)));
    }

    @Test
    void aGroupLargerThanMaxAlertsIsTruncatedAndTheRestCounted() throws Exception {
        WebhookNotifier notifier = notifier(Severity.INFO, true, 2);
        List<Finding> three = List.of(firing("a", Severity.WARNING), firing("b", Severity.WARNING), firing("c", Severity.WARNING));
        notifier.evaluated(three.stream().map(WebhookNotifierTest::fired).toList(), three, List::of, T0);
        notifier.evaluated(List.of(), three, List::of, T0.plusSeconds(1));

        JsonNode notice = received(1).get(0);
        Thread.sleep(500);
        assertEquals(1, receiver.requests("/am").size(), "the truncated alert was notified as a count, not news at the next evaluation");
        assertEquals(2, notice.get("alerts").size());
        assertEquals(1, notice.get("truncatedAlerts").asInt());
    }

    private static List<String> workloads(JsonNode notice) {
        List<String> names = new java.util.ArrayList<>();
        notice.get("alerts").forEach(a -> names.add(a.at("/labels/workload").asText()));
        return names;
    }
}
