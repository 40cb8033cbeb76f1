package dev.streamfit.alerting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.streamfit.findings.Finding;

/**
 * Where a receiver's reader goes to look: StreamFit's base URL ({@code externalURL}) and a finding's
 * place on the report page ({@code generatorURL}): the workload's card,
 * {@code /#/workloads/<system>/<target>/<name>}, or, for a finding about a consumer group or a whole
 * target, the findings list filtered to it, {@code /#/findings?system=<system>&target=<target>[&q=<group>]}.
 * The page opens a workload link it has no card for (a server's finding names the server) as the
 * findings of that name.
 */
public record ReportLinks(String externalUrl) {

    public ReportLinks {
        externalUrl = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
    }

    public String of(Finding f) {
        String system = f.system().label();
        if (f.workload() != null) {
            return externalUrl + "/#" + workloadPath(system, f.target(), f.workload());
        }
        return externalUrl + "/#/findings?system=" + part(system) + "&target=" + part(f.target()) + (f.group() == null ? "" : "&q=" + part(f.group()));
    }

    /** The report page's route to a workload's card: {@code /workloads/<system>/<target>/<name>}, each part percent-encoded. */
    public static String workloadPath(String system, String target, String workload) {
        return "/workloads/" + part(system) + "/" + part(target) + "/" + part(workload);
    }

    /** Percent-encoding as the report page's script does it (encodeURIComponent, and !'()~ too). */
    private static String part(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
