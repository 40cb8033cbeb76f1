package dev.streamfit.helm;

import static dev.streamfit.helm.RenderedChart.CHART;
import static dev.streamfit.helm.RenderedChart.VALUES_CHART_SECRET;
import static dev.streamfit.helm.RenderedChart.VALUES_FULL;
import static dev.streamfit.helm.RenderedChart.fullName;
import static dev.streamfit.helm.RenderedChart.readYaml;
import static dev.streamfit.helm.RenderedChart.render;
import static dev.streamfit.helm.RenderedChart.stringMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import dev.streamfit.alerting.AlertsConfigCheck;
import dev.streamfit.config.ConfigValidator;
import dev.streamfit.config.RedisUrl;
import dev.streamfit.config.SecretRedactor;
import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.RuleSettingsCheck;
import dev.streamfit.support.TestConfig;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * helm/streamfit, linted and rendered by Helm 3 (helm-java) for its default values and for a release
 * with every feature (src/test/resources/helm/values-full.yaml), checked as parsed manifests: what
 * runs, how it is secured and probed, the configuration StreamFit gets (accepted by StreamFit's own
 * validation) and where its credentials come from; the values schema refusing bad values; the
 * dashboards and alert rules being the repository's.
 */
class HelmChartTest {

    private static final Map<String, String> SECRETS = stringMap(readYaml(VALUES_CHART_SECRET).path("secrets"));

    @TempDir
    Path workDir;

    @Test
    void lintStrictFindsNothingToFix() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
        // Helm recommends an icon (INFO): StreamFit publishes none yet.
        assertEquals(List.of(), lint.getMessages().stream().filter(m -> !m.startsWith("[INFO]")).toList());
    }

    @Test
    void theChartDeploysTheImageOfThisVersionBuiltAsTheReadmeSays() throws Exception {
        JsonNode chart = readYaml(CHART.resolve("Chart.yaml"));
        assertEquals("v2", chart.path("apiVersion").asText());
        assertEquals(pomVersion(), chart.path("appVersion").asText(), "appVersion is StreamFit's version in pom.xml");
        assertFalse(chart.path("kubeVersion").asText().isBlank());
        assertFalse(chart.path("maintainers").isEmpty());

        String image = readYaml(CHART.resolve("values.yaml")).path("image").path("repository").asText() + ":" + pomVersion();
        assertEquals(image, RenderedChart.defaults().container().path("image").asText());
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("docker build -f src/main/docker/Dockerfile.jvm -t " + image + " ."),
                "the README builds the image the chart deploys by default: " + image);
    }

    @Test
    void theDefaultReleaseIsTheServiceAloneWithStreamFitsDefaults() {
        RenderedChart chart = RenderedChart.defaults();
        assertEquals(List.of("ConfigMap", "Deployment", "Service", "ServiceAccount"), chart.kinds());
        assertEquals(0, chart.config().path("streamfit").size(), "no key set: StreamFit's defaults\n" + chart.configText());
        assertEquals(1, chart.deployment().path("spec").path("replicas").asInt());
        assertEquals(fullName(), chart.podSpec().path("serviceAccountName").asText());
    }

    @Test
    void theFullReleaseHasEveryOptionalResource() {
        RenderedChart chart = render(List.of(VALUES_FULL), Map.of());
        assertEquals(List.of("ConfigMap", "ConfigMap", "Deployment", "PodDisruptionBudget", "PrometheusRule", "Service",
                "ServiceAccount", "ServiceMonitor"), chart.kinds(), "no Secret: the credentials are in existingSecret");
        JsonNode selector = chart.deployment().path("spec").path("selector").path("matchLabels");
        assertEquals(Map.of("app.kubernetes.io/name", "streamfit", "app.kubernetes.io/instance", RenderedChart.RELEASE), stringMap(selector));
        assertEquals(selector, chart.one("Service", fullName()).path("spec").path("selector"));
        assertEquals(selector, chart.one("PodDisruptionBudget", fullName()).path("spec").path("selector").path("matchLabels"));
        assertEquals(1, chart.one("PodDisruptionBudget", fullName()).path("spec").path("minAvailable").asInt());

        JsonNode values = readYaml(VALUES_FULL).path("serviceMonitor");
        JsonNode monitor = chart.one("ServiceMonitor", fullName());
        assertEquals(selector, monitor.path("spec").path("selector").path("matchLabels"));
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertEquals("http", endpoint.path("port").asText());
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals(values.path("interval").asText(), endpoint.path("interval").asText());
        assertEquals(values.path("scrapeTimeout").asText(), endpoint.path("scrapeTimeout").asText());
        assertLabelled(monitor, values.path("additionalLabels"));
        assertLabelled(chart.one("PrometheusRule", fullName()), readYaml(VALUES_FULL).path("prometheusRule").path("additionalLabels"));
        assertEquals("streamfit-watcher", chart.podSpec().path("serviceAccountName").asText());
        assertEquals(readYaml(VALUES_FULL).path("tolerations"), chart.podSpec().path("tolerations"));
        assertEquals(readYaml(VALUES_FULL).path("affinity"), chart.podSpec().path("affinity"));
    }

    @Test
    void everyResourceCarriesTheKubernetesLabelsAndNamesFitInALabel() {
        for (RenderedChart chart : List.of(RenderedChart.defaults(), render(List.of(VALUES_FULL), Map.of()))) {
            for (JsonNode manifest : chart.manifests()) {
                JsonNode labels = manifest.path("metadata").path("labels");
                for (String label : List.of("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
                        "app.kubernetes.io/managed-by", "helm.sh/chart")) {
                    assertFalse(labels.path(label).asText().isEmpty(), manifest.path("kind") + " lacks " + label);
                }
            }
        }
        String longName = "a-release-name-that-is-far-longer-than-a-kubernetes-dns-label-may-be-at-all";
        RenderedChart chart = render(List.of(), Map.of("fullnameOverride", longName));
        String name = chart.all("Deployment").get(0).path("metadata").path("name").asText();
        assertEquals(63, name.length());
        assertTrue(longName.startsWith(name) && !name.endsWith("-"), name);
    }

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandard() {
        for (RenderedChart chart : List.of(RenderedChart.defaults(), render(List.of(VALUES_FULL), Map.of()))) {
            assertEquals(List.of(), RestrictedPodSecurity.violations("deployment", chart.podSpec()));
            JsonNode context = chart.podSpec().path("securityContext");
            assertEquals(10001, context.path("runAsUser").asInt(), "the image's user");
            assertTrue(context.has("fsGroup"));
            JsonNode tmp = chart.container().path("volumeMounts").findParents("mountPath").stream()
                    .filter(m -> m.path("mountPath").asText().equals("/tmp")).findFirst().orElseThrow();
            JsonNode volume = chart.podSpec().path("volumes").findParents("name").stream()
                    .filter(v -> v.path("name").asText().equals(tmp.path("name").asText())).findFirst().orElseThrow();
            assertTrue(volume.has("emptyDir"), "/tmp is an emptyDir: " + volume);
        }
        JsonNode testPod = testHookPod(List.of());
        assertEquals(List.of(), RestrictedPodSecurity.violations("helm test pod", testPod.path("spec")));
    }

    @Test
    void aPodThatBreaksTheRestrictedStandardIsCaught() {
        RenderedChart chart = render(List.of(), Map.of("securityContext.allowPrivilegeEscalation", "true",
                "securityContext.runAsUser", "0", "securityContext.readOnlyRootFilesystem", "false"));
        List<String> problems = RestrictedPodSecurity.violations("deployment", chart.podSpec());
        assertEquals(List.of("deployment container streamfit: allowPrivilegeEscalation is not false",
                "deployment container streamfit: runAsUser is 0 (root)",
                "deployment container streamfit: readOnlyRootFilesystem is not true"), problems);
    }

    @Test
    void probesAskQuarkusHealthOnTheHttpPort() {
        JsonNode container = RenderedChart.defaults().container();
        assertEquals("http", container.path("ports").get(0).path("name").asText());
        assertEquals(Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready"),
                Map.of("startupProbe", probePath(container, "startupProbe"), "livenessProbe", probePath(container, "livenessProbe"),
                        "readinessProbe", probePath(container, "readinessProbe")));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals("http", container.path(probe).path("httpGet").path("port").asText(), probe);
        }
        assertEquals("http", RenderedChart.defaults().one("Service", fullName()).path("spec").path("ports").get(0).path("targetPort").asText());
    }

    @Test
    void theHeapIsAShareOfTheMemoryLimit() {
        for (Path values : List.of(CHART.resolve("values.yaml"), VALUES_FULL)) {
            RenderedChart chart = render(List.of(values), Map.of());
            JsonNode jvm = readYaml(values).path("jvm");
            String javaOpts = chart.env().get("JAVA_OPTS").path("value").asText();
            assertTrue(javaOpts.contains("-XX:MaxRAMPercentage=" + jvm.path("maxRAMPercentage").asText()), javaOpts);
            assertTrue(javaOpts.contains(jvm.path("extraOptions").asText()), javaOpts);
            assertFalse(javaOpts.contains("-Xmx"), "a fixed heap would not follow the limit: " + javaOpts);
            assertEquals(readYaml(values).path("resources").path("limits").path("memory").asText(),
                    chart.container().path("resources").path("limits").path("memory").asText());
        }
    }

    @Test
    void theConfigurationIsMountedWhereQuarkusConfigLocationsPoints() {
        RenderedChart chart = render(List.of(VALUES_FULL), Map.of());
        Path location = Path.of(chart.env().get("QUARKUS_CONFIG_LOCATIONS").path("value").asText());
        JsonNode mount = chart.container().path("volumeMounts").findParents("mountPath").stream()
                .filter(m -> location.getParent().toString().equals(m.path("mountPath").asText())).findFirst().orElseThrow();
        JsonNode volume = chart.podSpec().path("volumes").findParents("name").stream()
                .filter(v -> v.path("name").asText().equals(mount.path("name").asText())).findFirst().orElseThrow();
        assertEquals(fullName(), volume.path("configMap").path("name").asText());
        assertTrue(chart.one("ConfigMap", fullName()).path("data").has(location.getFileName().toString()));
    }

    @Test
    void aChangeOfConfigurationOrSecretRollsThePods() {
        String config = checksum(render(List.of(VALUES_FULL), Map.of()), "checksum/config");
        assertEquals(config, checksum(render(List.of(VALUES_FULL), Map.of()), "checksum/config"));
        assertNotEquals(config, checksum(render(List.of(VALUES_FULL), Map.of("config.poll-interval", "30s")), "checksum/config"));

        String secret = checksum(render(List.of(VALUES_FULL, VALUES_CHART_SECRET), Map.of()), "checksum/secret");
        assertNotEquals(secret, checksum(render(List.of(VALUES_FULL, VALUES_CHART_SECRET), Map.of("secrets.api-admin-token", "rotated-token")),
                "checksum/secret"));
    }

    @Test
    void credentialsComeFromTheExistingSecretThroughEnvironmentVariables() {
        RenderedChart chart = render(List.of(VALUES_FULL), Map.of());
        String secretName = readYaml(VALUES_FULL).path("existingSecret").asText();
        Map<String, String> keyByVariable = new TreeMap<>();
        chart.env().forEach((name, entry) -> {
            JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertEquals(secretName, ref.path("name").asText(), name);
                assertTrue(name.matches("[A-Z_][A-Z0-9_]*"), name + " is not a portable variable name");
                keyByVariable.put(name, ref.path("key").asText());
            }
        });
        assertEquals(new TreeSet<>(RenderedChart.secretKeysIn(VALUES_FULL)), new TreeSet<>(keyByVariable.values()),
                "one variable for every secret key the values name");

        Set<String> expressions = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(chart.configText());
        while (m.find()) {
            expressions.add(m.group(1));
        }
        assertEquals(keyByVariable.keySet(), expressions, "the configuration refers to exactly the secret variables");

        JsonNode config = chart.config().path("streamfit");
        JsonNode values = readYaml(VALUES_FULL).path("config");
        for (String section : List.of("advisor", "rules")) {
            assertEquals(values.path(section), config.path(section), section + " is rendered as given");
        }
        assertEquals(values.path("kafka").path("payments"), config.path("kafka").path("payments"));
        config.path("redis").forEach(target -> assertFalse(target.has("username") || target.has("password"),
                "the chart's username and password go into the URL: " + target));
    }

    @Test
    void theChartsOwnSecretHoldsTheCredentialsAndNoOtherResourceDoes() {
        RenderedChart chart = render(List.of(VALUES_FULL, VALUES_CHART_SECRET), Map.of());
        String secretName = fullName() + "-credentials";
        assertEquals(SECRETS, chart.secretValues(secretName));
        chart.env().values().stream().map(e -> e.path("valueFrom").path("secretKeyRef")).filter(r -> !r.isMissingNode())
                .forEach(ref -> assertEquals(secretName, ref.path("name").asText()));
        for (JsonNode manifest : chart.manifests()) {
            if (manifest.path("kind").asText().equals("Secret")) {
                continue;
            }
            String text = manifest.toString() + manifest.path("data").path("application.yaml").asText();
            SECRETS.forEach((key, value) -> assertFalse(text.contains(value),
                    "the value of secret key " + key + " appears in " + manifest.path("kind").asText()));
        }
    }

    @Test
    void aSecretKeyNamedButNotGivenStopsTheRender() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> render(List.of(VALUES_FULL), Map.of("existingSecret", "")));
        assertTrue(e.getMessage().contains("secrets has no such key"), e.getMessage());
    }

    @Test
    void ambiguousCredentialsStopTheRender() {
        IllegalStateException shared = assertThrows(IllegalStateException.class,
                () -> render(List.of(VALUES_FULL), Map.of("config.api.admin-token.secretKey", "webhook.ops.token")));
        assertTrue(shared.getMessage().contains("would share the environment variable STREAMFIT_SECRET_WEBHOOK_OPS_TOKEN"), shared.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> render(List.of(VALUES_FULL), Map.of("config.redis.cache.password.secretKey", "redis-cache-password")));
        assertTrue(twice.getMessage().contains("config.redis.cache: the url comes from the Secret"), twice.getMessage());
    }

    @Test
    void theRenderedConfigurationPassesStreamFitsOwnValidation() {
        RenderedChart chart = render(List.of(VALUES_FULL, VALUES_CHART_SECRET), Map.of());
        StreamFitConfig config = TestConfig.loadAsDeployed(chart.configText(), chart.resolvedEnv(chart.secretValues(fullName() + "-credentials")));
        assertEquals(List.of(), problems(config));

        JsonNode values = readYaml(VALUES_FULL).path("config");
        assertEquals(Set.of("orders", "cache"), config.redis().keySet());
        assertEquals(Set.of("events", "payments"), config.kafka().keySet());
        RedisUrl orders = RedisUrl.parse(config.redis().get("orders").url());
        assertEquals(values.path("redis").path("orders").path("username").asText(), orders.user().orElseThrow());
        assertEquals(SECRETS.get("redis-orders-password"), orders.password().orElseThrow());
        assertEquals("redis-orders.data.svc:6379", orders.address());
        assertEquals(0, orders.database());
        assertEquals(SECRETS.get("redis-cache-url"), config.redis().get("cache").url());
        Map<String, String> properties = config.kafka().get("events").properties();
        assertEquals(SECRETS.get("kafka-events-jaas"), properties.get("sasl.jaas.config"));
        assertEquals(SECRETS.get("kafka-events-truststore-password"), properties.get("ssl.truststore.password"));
        assertEquals(values.path("kafka").path("events").path("properties").path("security.protocol").asText(), properties.get("security.protocol"));
        assertEquals(values.path("kafka").path("events").path("properties").path("request.timeout.ms").asText(), properties.get("request.timeout.ms"));
        StreamFitConfig.Webhook ops = config.alerts().webhooks().get("ops");
        assertEquals(SECRETS.get("webhook-ops-signing-key"), ops.secret().orElseThrow());
        assertEquals(SECRETS.get("webhook-ops-api-key"), ops.headers().get("X-Api-Key"));
        assertEquals(SECRETS.get("webhook-ops-token"), ops.auth().bearerToken().orElseThrow());
        assertEquals(List.of("system", "target"), ops.groupBy());
        assertEquals(SECRETS.get("webhook-chat-url"), config.alerts().webhooks().get("chat").url());
        assertEquals(SECRETS.get("alertmanager-password"), config.alerts().alertmanager().auth().password().orElseThrow());
        assertEquals(SECRETS.get("api-admin-token"), config.api().adminToken().orElseThrow());
        assertEquals(java.time.Duration.ofSeconds(20), config.pollInterval());
        assertEquals(java.time.Duration.ZERO, config.holdFor("target.down"));
        assertEquals(values.path("advisor").path("redis-memory-budget").asLong(), config.advisor().redisMemoryBudget());
    }

    @Test
    void streamFitsValidationRefusesABadValueTheSchemaLetsThrough() {
        // A regex the schema cannot judge: StreamFit's own validation must, naming the key.
        RenderedChart chart = render(List.of(VALUES_FULL, VALUES_CHART_SECRET), Map.of("config.kafka.events.topics", "orders.(*"));
        StreamFitConfig config = TestConfig.loadAsDeployed(chart.configText(), chart.resolvedEnv(chart.secretValues(fullName() + "-credentials")));
        assertEquals(List.of("streamfit.kafka.events.topics"), problems(config).stream().map(ConfigValidator.Problem::key).toList());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("replicaCount: \"two\"", "'/replicaCount': got string, want integer"),
                Arguments.of("replicas: 2", "additional properties 'replicas' not allowed"),
                Arguments.of("service: {port: 8080, portName: web}", "additional properties 'portName' not allowed"),
                Arguments.of("config: {advisor: {windw: 2h}}", "additional properties 'windw' not allowed"),
                Arguments.of("config: {poll-interval: often}", "/config/poll-interval"),
                Arguments.of("config: {redis: {main: {url: \"redis://streamfit:hunter2@redis:6379\"}}}", "/config/redis/main/url"),
                Arguments.of("config: {redis: {main: {url: \"redis://redis:6379\", username: streamfit}}}", "'password' required"),
                Arguments.of("config: {kafka: {main: {bootstrap-servers: \"k:9092\", properties: {sasl.jaas.config: \"password=x\"}}}}",
                        "/config/kafka/main/properties/sasl.jaas.config"),
                Arguments.of("config: {alerts: {webhooks: {ops: {url: \"https://h\", secret: whsec_x}}}}", "/config/alerts/webhooks/ops/secret"),
                Arguments.of("config: {alerts: {webhooks: {ops: {url: \"https://h\", headers: {Authorization: \"Bearer x\"}}}}}",
                        "/config/alerts/webhooks/ops/headers/Authorization"),
                Arguments.of("config: {api: {admin-token: letmein}}", "/config/api/admin-token"),
                Arguments.of("prometheusRule: {runbookUrlPrefix: \"https://wiki.example.com/streamfit\"}", "/prometheusRule/runbookUrlPrefix"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void theSchemaRefusesBadValues(String values, String complaint) throws IOException {
        Path file = Files.writeString(workDir.resolve("bad.yaml"), values);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> render(List.of(file), Map.of()));
        assertTrue(e.getMessage().contains("don't meet the specifications of the schema"), e.getMessage());
        assertTrue(e.getMessage().contains(complaint), complaint + " not in: " + e.getMessage());
    }

    @Test
    void theSchemaDemandsASecretForWhatStreamFitMasksAsACredential() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String property : List.of("security.protocol", "sasl.jaas.config", "ssl.truststore.password", "ssl.keystore.key",
                "sasl.oauthbearer.token.endpoint.url", "basic.auth.credentials.source", "client.id", "sasl.client.secret")) {
            String values = "config: {kafka: {main: {bootstrap-servers: \"k:9092\", properties: {" + property + ": \"some-text\"}}}}";
            if (refused(values) != SecretRedactor.isSecretProperty(property)) {
                problems.add("Kafka property " + property + ": the schema " + (refused(values) ? "refuses" : "takes") + " it as text");
            }
        }
        for (String header : List.of("Authorization", "X-Api-Key", "X-Auth-Token", "Cookie", "X-Signature", "X-Team", "Content-Type")) {
            String values = "config: {alerts: {webhooks: {ops: {url: \"https://h\", headers: {" + header + ": \"some-text\"}}}}}";
            if (refused(values) != SecretRedactor.isSecretHeader(header)) {
                problems.add("header " + header + ": the schema " + (refused(values) ? "refuses" : "takes") + " it as text");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theSchemaKnowsEveryStreamFitKeyAndNoOther() {
        JsonNode schema = readYaml(CHART.resolve("values.schema.json"));
        JsonNode config = schema.path("properties").path("config");
        JsonNode definitions = schema.path("definitions");
        JsonNode alerts = config.path("properties").path("alerts");
        JsonNode rules = config.path("properties").path("rules");
        Map<String, Set<String>> problems = new TreeMap<>();
        compare(problems, "config", config, StreamFitConfig.class, Set.of());
        compare(problems, "config.advisor", config.path("properties").path("advisor"), StreamFitConfig.Advisor.class, Set.of());
        compare(problems, "config.rules", rules, StreamFitConfig.Rules.class, Set.of());
        compare(problems, "config.rules.kafka", rules.path("properties").path("kafka"), StreamFitConfig.KafkaLagRules.class, Set.of());
        compare(problems, "config.rules.redis", rules.path("properties").path("redis"), StreamFitConfig.RedisRules.class, Set.of());
        compare(problems, "config.rules.<rule id>", rules.path("additionalProperties"), StreamFitConfig.RuleSettings.class, Set.of());
        compare(problems, "config.alerts", alerts, StreamFitConfig.Alerts.class, Set.of());
        compare(problems, "config.alerts.alertmanager", alerts.path("properties").path("alertmanager"), StreamFitConfig.AlertmanagerPush.class, Set.of());
        compare(problems, "config.api", config.path("properties").path("api"), StreamFitConfig.Api.class, Set.of());
        compare(problems, "webhook", definitions.path("webhook"), StreamFitConfig.Webhook.class, Set.of());
        compare(problems, "auth", definitions.path("auth"), StreamFitConfig.Auth.class, Set.of());
        compare(problems, "redis target", definitions.path("redisTarget"), StreamFitConfig.RedisTarget.class, Set.of("username", "password"));
        compare(problems, "kafka target", definitions.path("kafkaTarget"), StreamFitConfig.KafkaTarget.class, Set.of());
        assertEquals(Map.of(), problems, "keys in one and not the other (schema vs StreamFitConfig)");
    }

    @Test
    void theChartsDashboardsAreTheRepositorysDashboards() throws IOException {
        Path repository = Path.of("dashboards");
        Path chartCopies = CHART.resolve("dashboards");
        assertEquals(jsonFiles(repository), jsonFiles(chartCopies),
                "helm/streamfit/dashboards must hold exactly the files of dashboards/: cp dashboards/*.json helm/streamfit/dashboards/");
        for (String file : jsonFiles(repository)) {
            assertEquals(-1, Files.mismatch(repository.resolve(file), chartCopies.resolve(file)),
                    "helm/streamfit/dashboards/" + file + " differs from dashboards/" + file + ": cp dashboards/*.json helm/streamfit/dashboards/");
        }

        JsonNode values = readYaml(VALUES_FULL).path("grafanaDashboards");
        JsonNode configMap = render(List.of(VALUES_FULL), Map.of()).one("ConfigMap", fullName() + "-dashboards");
        assertEquals("1", configMap.path("metadata").path("labels").path("grafana_dashboard").asText());
        assertEquals(values.path("folder").asText(), configMap.path("metadata").path("annotations").path("grafana_folder").asText());
        assertEquals(values.path("namespace").asText(), configMap.path("metadata").path("namespace").asText());
        Map<String, String> data = stringMap(configMap.path("data"));
        assertEquals(new TreeSet<>(jsonFiles(repository)), new TreeSet<>(data.keySet()));
        for (String file : jsonFiles(repository)) {
            assertEquals(Files.readString(repository.resolve(file), StandardCharsets.UTF_8), data.get(file), file + " as Grafana gets it");
        }
    }

    @Test
    void thePrometheusRuleIsTheRulesFileWithTheRunbookPrefixOfTheValues() {
        Path rulesFile = CHART.resolve("rules").resolve("streamfit-alerts.yaml");
        JsonNode rules = readYaml(rulesFile);
        String filePrefix = runbookPrefix(rules);
        assertEquals(filePrefix, readYaml(CHART.resolve("values.yaml")).path("prometheusRule").path("runbookUrlPrefix").asText(),
                "by default the links stay as the rules file has them");

        RenderedChart byDefault = render(List.of(), Map.of("prometheusRule.enabled", "true"));
        assertEquals(rules, byDefault.one("PrometheusRule", fullName()).path("spec"));

        String prefix = readYaml(VALUES_FULL).path("prometheusRule").path("runbookUrlPrefix").asText();
        JsonNode expected = rules.deepCopy();
        expected.path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            ObjectNode annotations = (ObjectNode) rule.path("annotations");
            String link = annotations.path("runbook_url").asText();
            annotations.put("runbook_url", prefix + link.substring(link.indexOf('#') + 1));
        }));
        JsonNode rendered = render(List.of(VALUES_FULL), Map.of()).one("PrometheusRule", fullName()).path("spec");
        assertEquals(expected, rendered);
        assertNotEquals(rules, rendered);
    }

    @Test
    void theHelmTestPodAsksTheServiceWhetherStreamFitIsReady() {
        JsonNode pod = testHookPod(List.of(VALUES_FULL));
        assertEquals("test", pod.path("metadata").path("annotations").path("rendered-by-test/hook").asText(), "a helm test hook");
        String command = String.join(" ", stringList(pod.path("spec").path("containers").get(0).path("command")));
        assertTrue(command.contains("http://" + fullName() + ":8080/q/health/ready"), command);
        assertEquals("Never", pod.path("spec").path("restartPolicy").asText());
    }

    @Test
    void theNotesSayHowToReachThePageTheApiAndTheMetricsAndWhichKeysTheSecretNeeds() {
        String notes = new Helm(CHART).install().withName(RenderedChart.RELEASE).withNamespace(RenderedChart.NAMESPACE)
                .withKubeVersion(RenderedChart.KUBE_VERSION).withValuesFile(VALUES_FULL.toAbsolutePath())
                .clientOnly().withDryRunOption(DryRun.CLIENT).call().getOutput();
        for (String expected : List.of("port-forward svc/" + fullName(), "http://localhost:8080/ ", "/api/v1/workloads", "/q/metrics",
                "helm test " + RenderedChart.RELEASE)) {
            assertTrue(notes.contains(expected), expected + " not in:\n" + notes);
        }
        String keys = String.join(", ", new TreeSet<>(RenderedChart.secretKeysIn(VALUES_FULL)));
        assertTrue(notes.contains("must hold the keys: " + keys), notes);
    }

    @Test
    void docsHelmMdDescribesEveryValue() throws IOException {
        String docs = Files.readString(Path.of("docs", "helm.md"));
        List<String> missing = new ArrayList<>();
        valuePaths("", readYaml(CHART.resolve("values.yaml")), missing);
        missing.removeIf(path -> docs.contains("| `" + path + "` |"));
        assertEquals(List.of(), missing, "values without a row in docs/helm.md's values table");
    }

    /** Every key of values.yaml down to its leaves, but for objects that are described as a whole (a security context, probe timings, resources). */
    private static void valuePaths(String prefix, JsonNode node, List<String> paths) {
        Set<String> wholes = Set.of("podSecurityContext", "securityContext", "resources", "startupProbe", "livenessProbe", "readinessProbe");
        node.fields().forEachRemaining(field -> {
            String path = prefix + field.getKey();
            if (field.getValue().isObject() && !field.getValue().isEmpty() && !wholes.contains(path)) {
                valuePaths(path + ".", field.getValue(), paths);
            } else {
                paths.add(path);
            }
        });
    }

    /** The helm test pod: helm-java renders a release's manifest without its hooks, so a copy of the chart renames the hook annotation. */
    private JsonNode testHookPod(List<Path> values) {
        Path copy = workDir.resolve("chart");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(file).replace("helm.sh/hook", "rendered-by-test/hook"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> pods = RenderedChart.render(copy, values, Map.of()).all("Pod");
        assertEquals(1, pods.size());
        return pods.get(0);
    }

    private boolean refused(String values) throws IOException {
        Path file = Files.writeString(workDir.resolve("values.yaml"), values);
        try {
            render(List.of(file), Map.of());
            return false;
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("schema"), e.getMessage());
            return true;
        }
    }

    private static List<ConfigValidator.Problem> problems(StreamFitConfig config) {
        List<ConfigValidator.Problem> problems = new ArrayList<>(ConfigValidator.problems(config));
        problems.addAll(new RuleSettingsCheck().problems(config));
        problems.addAll(new AlertsConfigCheck().problems(config));
        return problems;
    }

    /** Keys of a schema object against the keys of a config mapping interface, both ways. */
    private static void compare(Map<String, Set<String>> problems, String where, JsonNode schemaObject, Class<?> mapping, Set<String> chartOnly) {
        Set<String> schemaKeys = new TreeSet<>();
        schemaObject.path("properties").fieldNames().forEachRemaining(schemaKeys::add);
        schemaKeys.removeAll(chartOnly);
        Set<String> mappingKeys = new TreeSet<>();
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.isSynthetic()
                    || method.isAnnotationPresent(WithParentName.class)) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            mappingKeys.add(name != null ? name.value() : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
        }
        Set<String> onlySchema = new TreeSet<>(schemaKeys);
        onlySchema.removeAll(mappingKeys);
        Set<String> onlyMapping = new TreeSet<>(mappingKeys);
        onlyMapping.removeAll(schemaKeys);
        if (!onlySchema.isEmpty()) {
            problems.put(where + " (schema only)", onlySchema);
        }
        if (!onlyMapping.isEmpty()) {
            problems.put(where + " (StreamFit only)", onlyMapping);
        }
    }

    private static String checksum(RenderedChart chart, String annotation) {
        String value = chart.deployment().path("spec").path("template").path("metadata").path("annotations").path(annotation).asText();
        assertTrue(value.matches("[0-9a-f]{64}"), annotation + " is a sha256: " + value);
        return value;
    }

    private static String probePath(JsonNode container, String probe) {
        return container.path(probe).path("httpGet").path("path").asText();
    }

    private static void assertLabelled(JsonNode manifest, JsonNode labels) {
        assertFalse(labels.isEmpty());
        labels.fields().forEachRemaining(label -> assertEquals(label.getValue().asText(),
                manifest.path("metadata").path("labels").path(label.getKey()).asText(), manifest.path("kind") + " label " + label.getKey()));
    }

    private static List<String> jsonFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
    }

    private static List<String> stringList(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(item -> list.add(item.asText()));
        return list;
    }

    static String pomVersion() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        var children = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeName().equals("version")) {
                return children.item(i).getTextContent().trim();
            }
        }
        throw new AssertionError("pom.xml has no project version");
    }

    /** The prefix every runbook_url of the rules file shares, up to and including its '#'. */
    private static String runbookPrefix(JsonNode rules) {
        Set<String> prefixes = new TreeSet<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            String link = rule.path("annotations").path("runbook_url").asText();
            prefixes.add(link.substring(0, link.indexOf('#') + 1));
        }));
        assertEquals(1, prefixes.size(), "one runbook prefix in the rules file: " + prefixes);
        return prefixes.iterator().next();
    }
}
