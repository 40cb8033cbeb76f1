package dev.streamfit.alerting;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.streamfit.config.SecretRedactor;
import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingChange;
import dev.streamfit.findings.FindingState;
import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.findings.Severity;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetPolled;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Stage {@code ALERTS}: after each evaluation of a target, takes what the findings registry recorded
 * as beginning or stopping to fire and hands it, with what still fires, to every webhook sink and to
 * the Alertmanager push. It only queues: requests go out on the sinks' own threads. On shutdown the
 * sinks drain within {@code streamfit.alerts.drain-timeout}.
 */
@ApplicationScoped
public class AlertingStage implements Stage {

    private static final Logger LOG = Logger.getLogger(AlertingStage.class);

    @Inject
    StreamFitConfig config;
    @Inject
    FindingsRegistry findings;
    @Inject
    SecretRedactor redactor;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    private volatile Map<String, WebhookNotifier> notifiers = Map.of();
    private volatile AlertmanagerPusher pusher;
    private ReportLinks links;

    /** After the configuration was validated (priority 1): a bad webhook key has stopped start-up by then. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        links = new ReportLinks(config.alerts().externalUrl().orElseGet(this::defaultExternalUrl));
        Map<String, WebhookNotifier> created = new LinkedHashMap<>();
        config.alerts().webhooks().forEach((name, webhook) -> {
            NoticeFormat format = switch (webhook.format()) {
                case ALERTMANAGER -> new AlertmanagerFormat(json, links);
                case SLACK -> new SlackFormat(json, links);
                case STREAMFIT -> new StreamfitFormat(json, links);
            };
            WebhookSink sink = new WebhookSink(DeliverySettings.of(name, webhook), format, redactor::redact);
            created.put(name, new WebhookNotifier(sink, AlertsConfigCheck.severity(webhook.minSeverity()), webhook.sendResolved(),
                    webhook.groupBy(), webhook.maxAlerts(), config.alerts().repeatInterval()));
        });
        notifiers = Map.copyOf(created);
        StreamFitConfig.AlertmanagerPush am = config.alerts().alertmanager();
        am.url().ifPresent(url -> {
            Map<String, String> headers = DeliverySettings.authorization(am.auth()).map(a -> Map.of("Authorization", a)).orElse(Map.of());
            pusher = new AlertmanagerPusher(URI.create(url.trim()), headers, am.timeout(), config.pollInterval(), json, links, redactor::redact);
        });
        if (!created.isEmpty() || pusher != null) {
            LOG.infof("Alerting to %d webhook(s) %s%s; external URL %s", created.size(), created.keySet(),
                    pusher == null ? "" : " and an Alertmanager", links.externalUrl());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        Instant deadline = Instant.now().plus(config.alerts().drainTimeout());
        notifiers.values().forEach(n -> n.sink().stopTaking());
        notifiers.values().forEach(n -> n.sink().drain(deadline));
        if (pusher != null) {
            pusher.drain(deadline);
        }
    }

    @Override
    public StageName stage() {
        return StageName.ALERTS;
    }

    @Override
    public void evaluate(TargetPolled polled) {
        TargetId target = polled.status().id();
        List<FindingChange> changes = findings.takeChanges(target);
        if (notifiers.isEmpty() && pusher == null) {
            return;
        }
        Instant now = Instant.now();
        List<Finding> firing = findings.of(target).stream().filter(f -> f.state() == FindingState.FIRING).toList();
        Supplier<List<Finding>> allFiring = () -> findings.all().stream().filter(f -> f.state() == FindingState.FIRING).toList();
        for (WebhookNotifier notifier : notifiers.values()) {
            notifier.evaluated(changes, firing, allFiring, now);
        }
        if (pusher != null) {
            pusher.evaluated(changes, firing, now);
        }
    }

    /** The configured webhook sinks, by name. */
    public List<String> webhooks() {
        return notifiers.keySet().stream().sorted().toList();
    }

    /** Delivery counts and queue length of one sink. */
    public Optional<SinkState> sink(String webhook) {
        WebhookNotifier notifier = notifiers.get(webhook);
        return notifier == null ? Optional.empty() : Optional.of(new SinkState(notifier.sink().stats(), notifier.sink().queued()));
    }

    /** What a sink did, and how many notices it holds. */
    public record SinkState(DeliveryStats stats, int queued) {
    }

    /** Pushes to Alertmanager by outcome (delivered, retried, failed); empty without an Alertmanager. */
    public Optional<Map<DeliveryStats.Outcome, Long>> alertmanagerPushes() {
        AlertmanagerPusher p = pusher;
        return p == null ? Optional.empty()
                : Optional.of(Map.of(DeliveryStats.Outcome.DELIVERED, p.delivered(), DeliveryStats.Outcome.RETRIED, p.retried(),
                        DeliveryStats.Outcome.FAILED, p.failed()));
    }

    /**
     * Queues a test notice for {@code webhook} (signed, retried, like any other); empty when no such
     * sink exists. The future says what became of it.
     */
    public Optional<TestNotice> sendTest(String webhook) {
        WebhookNotifier notifier = notifiers.get(webhook);
        if (notifier == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Finding test = new Finding(WebhookNotifier.newId().substring(4, 20), "streamfit.test", Severity.INFO, SystemKind.REDIS, "test", null,
                null, FindingState.FIRING, now, null, null, "Test notice from StreamFit: webhook " + webhook + " is wired up");
        Notice notice = new Notice(WebhookNotifier.newId(), AlertEvent.TEST, webhook, List.of(Alert.firing(test)),
                Map.of("alertname", test.rule()), 0, now);
        return Optional.of(new TestNotice(notice.id(), notifier.sink().offer(notice).thenApply(Enum::name)));
    }

    /** A test notice's id and what became of it: DELIVERED, FAILED, DROPPED or LEFT_AT_SHUTDOWN. */
    public record TestNotice(String id, CompletableFuture<String> result) {
    }

    private String defaultExternalUrl() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "http://" + host + ":" + httpPort;
    }
}
