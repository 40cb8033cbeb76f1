package dev.streamfit.alerting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.streamfit.findings.Finding;

/**
 * Where a receiver's reader goes to look: StreamFit's base URL ({@code externalURL}) and a finding's
 * place on the report page ({@code generatorURL}): the workload's card, {@code #workload/<system>/<target>/<name>},
 * or the findings list for a finding about a whole target.
 */
public record ReportLinks(String externalUrl) {

    public ReportLinks {
        externalUrl = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
    }

    public String of(Finding f) {
        if (f.workload() == null) {
            return externalUrl + "/#findings";
        }
        return externalUrl + "/#" + workloadAnchor(f.system().label(), f.target(), f.workload());
    }

    /** The id of a workload's card on the report page. */
    public static String workloadAnchor(String system, String target, String workload) {
        return "workload/" + part(system) + "/" + part(target) + "/" + part(workload);
    }

    /** The report page's card ids use the same encoding (encodeURIComponent). */
    private static String part(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
