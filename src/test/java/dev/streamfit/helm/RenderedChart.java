package dev.streamfit.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * The manifests of helm/streamfit as {@code helm template} renders them (Helm 3 through helm-java),
 * parsed, with the pieces the tests look at: the Deployment's pod, the configuration StreamFit reads,
 * the Secret's values and the variables taken from it.
 */
record RenderedChart(String text, List<JsonNode> manifests) {

    static final Path CHART = Path.of("helm", "streamfit");
    static final Path VALUES_FULL = Path.of("src", "test", "resources", "helm", "values-full.yaml");
    static final Path VALUES_CHART_SECRET = Path.of("src", "test", "resources", "helm", "values-chart-secret.yaml");
    static final String RELEASE = "sf";
    static final String NAMESPACE = "monitoring";
    /**
     * helm-java's Helm library was built without the Kubernetes version Helm's release binaries carry,
     * so `helm template` would assume v1.20 and refuse the chart's kubeVersion; a supported release.
     */
    static final String KUBE_VERSION = "v1.31.0";

    static final YAMLMapper YAML = new YAMLMapper();

    /** Renders with the values files in order, then {@code --set} each entry. */
    static RenderedChart render(Path chart, List<Path> valuesFiles, Map<String, String> set) {
        TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values.toAbsolutePath());
        }
        for (Map.Entry<String, String> entry : set.entrySet()) {
            template = template.set(entry.getKey(), entry.getValue());
        }
        String text = template.call();
        return new RenderedChart(text, parseAll(text));
    }

    static RenderedChart render(List<Path> valuesFiles, Map<String, String> set) {
        return render(CHART, valuesFiles, set);
    }

    static RenderedChart defaults() {
        return render(List.of(), Map.of());
    }

    static List<JsonNode> parseAll(String yamlDocuments) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yamlDocuments)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered manifests are not YAML", e);
        }
        return documents;
    }

    List<String> kinds() {
        return manifests.stream().map(m -> m.path("kind").asText()).sorted().toList();
    }

    List<JsonNode> all(String kind) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals(kind)).toList();
    }

    JsonNode one(String kind, String name) {
        List<JsonNode> found = all(kind).stream().filter(m -> m.path("metadata").path("name").asText().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size() + " among " + names());
        }
        return found.get(0);
    }

    List<String> names() {
        return manifests.stream().map(m -> m.path("kind").asText() + "/" + m.path("metadata").path("name").asText()).toList();
    }

    /** Resource names of this release: <release>-streamfit. */
    static String fullName() {
        return RELEASE + "-streamfit";
    }

    JsonNode deployment() {
        return one("Deployment", fullName());
    }

    JsonNode podSpec() {
        return deployment().path("spec").path("template").path("spec");
    }

    JsonNode container() {
        return podSpec().path("containers").get(0);
    }

    /** The container's environment by name: each entry's value or valueFrom. */
    Map<String, JsonNode> env() {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container().path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    /** The text of application.yaml in the ConfigMap: what StreamFit reads. */
    String configText() {
        return one("ConfigMap", fullName()).path("data").path("application.yaml").asText();
    }

    JsonNode config() {
        try {
            return YAML.readTree(configText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart's Secret, decoded: key -> value. */
    Map<String, String> secretValues(String secretName) {
        Map<String, String> values = new TreeMap<>();
        one("Secret", secretName).path("data").fields().forEachRemaining(e -> values.put(e.getKey(),
                new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        return values;
    }

    /**
     * The environment the pod gets: plain values as they are, secretKeyRef values looked up in
     * {@code secrets} (what the kubelet does with the Secret).
     */
    Map<String, String> resolvedEnv(Map<String, String> secrets) {
        Map<String, String> resolved = new LinkedHashMap<>();
        env().forEach((name, entry) -> {
            JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
            if (ref.isMissingNode()) {
                resolved.put(name, entry.path("value").asText());
            } else {
                String key = ref.path("key").asText();
                if (!secrets.containsKey(key)) {
                    throw new AssertionError(name + " refers to key " + key + ", which the Secret does not hold: " + secrets.keySet());
                }
                resolved.put(name, secrets.get(key));
            }
        });
        return resolved;
    }

    /** Every {secretKey: k} of a values file, k in order of appearance. */
    static List<String> secretKeysIn(Path valuesFile) {
        List<String> keys = new ArrayList<>();
        try {
            collectSecretKeys(YAML.readTree(valuesFile.toFile()), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static void collectSecretKeys(JsonNode node, List<String> keys) {
        if (node.isObject() && node.size() == 1 && node.has("secretKey")) {
            keys.add(node.get("secretKey").asText());
        } else {
            node.forEach(child -> collectSecretKeys(child, keys));
        }
    }

    /** A YAML map of scalars, e.g. a values file's secrets, as strings. */
    static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
