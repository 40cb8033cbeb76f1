package dev.streamfit.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingState;
import dev.streamfit.findings.Severity;
import dev.streamfit.poll.SystemKind;

/** Where an alert links to on the report page: the routes the page's routes.js reads. */
class ReportLinksTest {

    static final ReportLinks LINKS = new ReportLinks("https://streamfit.example/");

    static Finding finding(SystemKind system, String target, String workload, String group) {
        return new Finding("f", "rule", Severity.WARNING, system, target, workload, group, FindingState.FIRING, Instant.EPOCH, null, null, "m");
    }

    @Test
    void aWorkloadsFindingOpensItsCardEachPartEncodedOnItsOwn() {
        assertEquals("https://streamfit.example/#/workloads/redis/main/orders%2Feu%20west%3Cb%3E",
                LINKS.of(finding(SystemKind.REDIS, "main", "orders/eu west<b>", "billing")));
    }

    @Test
    void aGroupsOrATargetsFindingOpensTheFindingsFilteredToIt() {
        assertEquals("https://streamfit.example/#/findings?system=kafka&target=main&q=ledger%20v2",
                LINKS.of(finding(SystemKind.KAFKA, "main", null, "ledger v2")));
        assertEquals("https://streamfit.example/#/findings?system=redis&target=down", LINKS.of(finding(SystemKind.REDIS, "down", null, null)));
    }
}
