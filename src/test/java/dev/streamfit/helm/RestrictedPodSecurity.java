package dev.streamfit.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The controls of the Kubernetes Pod Security Standards "restricted" profile (the baseline ones
 * included) that a pod spec can break, checked the way the admission controller reads them: a
 * container setting wins over the pod's. Plus the chart's own hardening: a read-only root file
 * system and no service account token.
 */
final class RestrictedPodSecurity {

    /** Volume types the restricted profile allows. */
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    private RestrictedPodSecurity() {
    }

    /** Every control the pod breaks, as "<where>: <what>"; empty when it meets the profile. */
    static List<String> violations(String pod, JsonNode spec) {
        List<String> problems = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (spec.path(host).asBoolean(false)) {
                problems.add(pod + ": " + host + " is true");
            }
        }
        spec.path("volumes").forEach(volume -> volume.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name") && !ALLOWED_VOLUMES.contains(field)) {
                problems.add(pod + ": volume " + volume.path("name").asText() + " is of type " + field);
            }
        }));
        if (!spec.path("securityContext").path("sysctls").isEmpty()) {
            problems.add(pod + ": sets sysctls");
        }
        if (spec.path("automountServiceAccountToken").asBoolean(true)) {
            problems.add(pod + ": mounts a service account token (automountServiceAccountToken is not false)");
        }
        JsonNode podContext = spec.path("securityContext");
        List<JsonNode> containers = new ArrayList<>();
        spec.path("initContainers").forEach(containers::add);
        spec.path("containers").forEach(containers::add);
        if (containers.isEmpty()) {
            problems.add(pod + ": no container");
        }
        for (JsonNode container : containers) {
            String where = pod + " container " + container.path("name").asText();
            JsonNode context = container.path("securityContext");
            if (context.path("privileged").asBoolean(false)) {
                problems.add(where + ": privileged");
            }
            if (context.path("allowPrivilegeEscalation").asBoolean(true)) {
                problems.add(where + ": allowPrivilegeEscalation is not false");
            }
            if (!effective(context, podContext, "runAsNonRoot").asBoolean(false)) {
                problems.add(where + ": runAsNonRoot is not true");
            }
            if (effective(context, podContext, "runAsUser").asLong(-1) == 0) {
                problems.add(where + ": runAsUser is 0 (root)");
            }
            String seccomp = effective(context, podContext, "seccompProfile").path("type").asText();
            if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                problems.add(where + ": seccompProfile is '" + seccomp + "', not RuntimeDefault or Localhost");
            }
            List<String> dropped = new ArrayList<>();
            context.path("capabilities").path("drop").forEach(c -> dropped.add(c.asText()));
            if (!dropped.contains("ALL")) {
                problems.add(where + ": capabilities do not drop ALL");
            }
            context.path("capabilities").path("add").forEach(c -> {
                if (!c.asText().equals("NET_BIND_SERVICE")) {
                    problems.add(where + ": adds capability " + c.asText());
                }
            });
            container.path("ports").forEach(port -> {
                if (port.has("hostPort")) {
                    problems.add(where + ": hostPort " + port.path("hostPort").asText());
                }
            });
            if (!context.path("readOnlyRootFilesystem").asBoolean(false)) {
                problems.add(where + ": readOnlyRootFilesystem is not true");
            }
        }
        return problems;
    }

    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }
}
