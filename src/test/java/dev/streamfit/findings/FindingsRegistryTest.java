package dev.streamfit.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.support.TestConfig;

/**
 * The findings lifecycle with {@code streamfit.alerts.for=1m}: pending, firing once held for a
 * minute, resolved when no longer observed — and kept as it is, neither resolved nor promoted, while
 * the workload it concerns is stale (the poll could not observe it).
 */
class FindingsRegistryTest {

    private static final TargetId KAFKA = new TargetId(SystemKind.KAFKA, "main");
    private static final TargetId REDIS = new TargetId(SystemKind.REDIS, "main");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private FindingsRegistry registry;

    @BeforeEach
    void create() {
        registry = new FindingsRegistry();
        registry.config = TestConfig.load(Map.of("streamfit.alerts.for", "1m"));
    }

    private static Observation stopped(String group) {
        return Observation.of(Rule.KAFKA_GROUP_STATUS, null, group, 4.0, 0.0, "consumer group " + group + " is STOP");
    }

    private static Observation stalled(String stream, String group) {
        return Observation.of(Rule.REDIS_GROUP_STALLED, stream, group, 600.0, 300.0, "idle");
    }

    private Finding only(TargetId target) {
        List<Finding> findings = registry.of(target);
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private static Instant at(long seconds) {
        return T0.plus(Duration.ofSeconds(seconds));
    }

    @Test
    void aFindingIsPendingThenFiringOnceHeldForThenResolvedWhenNoLongerObserved() {
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(0));
        Finding pending = only(KAFKA);
        assertEquals(FindingState.PENDING, pending.state());
        assertEquals(at(0), pending.since());

        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(59));
        assertEquals(FindingState.PENDING, only(KAFKA).state(), "held 59 s of 60");
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(60));
        Finding firing = only(KAFKA);
        assertEquals(FindingState.FIRING, firing.state());
        assertEquals(at(0), firing.since(), "since: when it was first observed in this run");

        registry.evaluate("kafka-health", KAFKA, List.of(), at(61));
        Finding resolved = only(KAFKA);
        assertEquals(FindingState.RESOLVED, resolved.state());
        assertEquals(at(61), resolved.since(), "once resolved, since is when it ended");
        assertEquals(pending.fingerprint(), firing.fingerprint());
        assertEquals(pending.fingerprint(), resolved.fingerprint());
    }

    @Test
    void theFingerprintIsStableAcrossRunsAndDiffersPerSubject() {
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(0));
        String first = only(KAFKA).fingerprint();
        registry.evaluate("kafka-health", KAFKA, List.of(), at(10));
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(20));
        Finding again = only(KAFKA);
        assertEquals(FindingState.PENDING, again.state(), "a new run starts pending");
        assertEquals(at(20), again.since());
        assertEquals(first, again.fingerprint(), "same rule, target, workload and group: same fingerprint, so receivers deduplicate");
        assertEquals(first, FindingsRegistry.fingerprint(Rule.KAFKA_GROUP_STATUS.id(), KAFKA, null, "billing"));
        assertNotEquals(first, FindingsRegistry.fingerprint(Rule.KAFKA_GROUP_STATUS.id(), KAFKA, null, "shipping"));
        assertNotEquals(first, FindingsRegistry.fingerprint(Rule.KAFKA_GROUP_STATUS.id(), new TargetId(SystemKind.KAFKA, "other"), null, "billing"));
    }

    @Test
    void aFindingOfAStaleGroupKeepsItsStateAndSinceInsteadOfResolving() {
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing"), stopped("shipping")), at(0));
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing"), stopped("shipping")), at(60));
        StaleSubjects billingUnknown = new StaleSubjects(Set.of(), Set.of("billing"));

        registry.evaluate("kafka-health", KAFKA, List.of(), billingUnknown, at(61));
        Map<String, Finding> byGroup = byGroup(registry.of(KAFKA));
        assertEquals(FindingState.FIRING, byGroup.get("billing").state(), "unknown is not resolved");
        assertEquals(at(0), byGroup.get("billing").since(), "the clock is not restarted");
        assertEquals(FindingState.RESOLVED, byGroup.get("shipping").state(), "observed, and no longer holds");

        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(70));
        Finding back = byGroup(registry.of(KAFKA)).get("billing");
        assertEquals(FindingState.FIRING, back.state(), "observed again: the same run goes on, no re-fire");
        assertEquals(at(0), back.since());
    }

    @Test
    void aPendingFindingOfAStaleWorkloadIsNotPromotedByTimeAlone() {
        registry.evaluate("redis-health", REDIS, List.of(stalled("orders", "billing")), at(0));
        registry.evaluate("redis-health", REDIS, List.of(), StaleSubjects.workloads(Set.of("orders")), at(120));
        Finding kept = only(REDIS);
        assertEquals(FindingState.PENDING, kept.state(), "nothing was observed: no progress towards firing");
        assertEquals(at(0), kept.since());
    }

    @Test
    void aWorkloadThatASuccessfulListingNoLongerContainsResolvesItsFindings() {
        registry.evaluate("redis-health", REDIS, List.of(stalled("orders", "billing")), at(0));
        registry.evaluate("redis-health", REDIS, List.of(), StaleSubjects.workloads(Set.of("orders")), at(10));
        registry.evaluate("redis-health", REDIS, List.of(), StaleSubjects.NONE, at(20));
        assertEquals(FindingState.RESOLVED, only(REDIS).state());
    }

    @Test
    void staleSubjectsCoverTheWorkloadOrTheGroupOfAFindingNeverTheTargetItself() {
        StaleSubjects stale = new StaleSubjects(Set.of("orders"), Set.of("billing"));
        assertTrue(stale.cover("orders", "any"));
        assertTrue(stale.cover(null, "billing"));
        assertTrue(stale.cover("payments", "billing"), "a topic's finding about a stale group");
        assertEquals(false, stale.cover("payments", "shipping"));
        assertEquals(false, stale.cover(null, null), "target findings (down, permission denied) are always observed");
    }

    @Test
    void resolvedFindingsAreDroppedAfterTheirRetention() {
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(0));
        registry.evaluate("kafka-health", KAFKA, List.of(), at(10));
        registry.evaluate("kafka-health", KAFKA, List.of(), at(10).plus(FindingsRegistry.RESOLVED_RETENTION).plusSeconds(1));
        assertEquals(List.of(), registry.of(KAFKA));
    }

    private static Map<String, Finding> byGroup(List<Finding> findings) {
        return findings.stream().collect(java.util.stream.Collectors.toMap(Finding::group, f -> f));
    }

    @Test
    void theRegistryRecordsWhatBeganAndStoppedFiringOnceForTheAlertingStageToTake() {
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing"), stopped("search")), at(0));
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(30));
        assertEquals(List.of(), registry.takeChanges(KAFKA), "pending, and a pending one that ended: nothing fired or resolved");

        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(60));
        List<FindingChange> fired = registry.takeChanges(KAFKA);
        assertEquals(1, fired.size(), fired.toString());
        assertTrue(fired.get(0).fired());
        assertEquals(FindingState.PENDING, fired.get(0).previous().state());
        assertEquals(List.of(), registry.takeChanges(KAFKA), "taken once");

        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(90));
        assertEquals(List.of(), registry.takeChanges(KAFKA), "still firing is no change");

        registry.evaluate("kafka-health", KAFKA, List.of(), new StaleSubjects(Set.of(), Set.of("billing")), at(100));
        assertEquals(List.of(), registry.takeChanges(KAFKA), "a stale group's finding keeps firing: no resolved notice for missing data");

        registry.evaluate("kafka-health", KAFKA, List.of(), at(120));
        List<FindingChange> resolved = registry.takeChanges(KAFKA);
        assertEquals(1, resolved.size(), resolved.toString());
        assertTrue(resolved.get(0).resolved());
        assertEquals(at(0), resolved.get(0).previous().since(), "when it started");
        assertEquals(at(120), resolved.get(0).current().since(), "when it ended");
    }

    @Test
    void aRuleWithItsOwnForFiresAfterItsOwnDuration() {
        registry.config = TestConfig.load(Map.of("streamfit.alerts.for", "1m", "streamfit.rules.\"kafka.group.status\".for", "0s",
                "streamfit.rules.\"redis.group.stalled\".for", "5m"));
        registry.evaluate("kafka-health", KAFKA, List.of(stopped("billing")), at(0));
        assertEquals(FindingState.FIRING, only(KAFKA).state(), "for 0s: fires at once");
        assertTrue(registry.takeChanges(KAFKA).get(0).fired());

        registry.evaluate("redis-health", REDIS, List.of(stalled("orders", "billing")), at(0));
        registry.evaluate("redis-health", REDIS, List.of(stalled("orders", "billing")), at(299));
        assertEquals(FindingState.PENDING, only(REDIS).state(), "its own 5m, not the general 1m");
        registry.evaluate("redis-health", REDIS, List.of(stalled("orders", "billing")), at(300));
        assertEquals(FindingState.FIRING, only(REDIS).state());
    }
}
