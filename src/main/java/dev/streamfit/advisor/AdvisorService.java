package dev.streamfit.advisor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.streamfit.config.StreamFitConfig;
import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.history.KafkaHistory;
import dev.streamfit.history.RedisHistory;
import dev.streamfit.history.StateChanges;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Rule;
import dev.streamfit.findings.StaleSubjects;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.kafka.KafkaTopicSnapshot;
import dev.streamfit.poll.Staleness;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.Stage;
import dev.streamfit.poll.StageName;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;
import dev.streamfit.health.Evidence;
import dev.streamfit.lag.KafkaGroupLag;
import dev.streamfit.lag.KafkaLagService;

/**
 * The advisor: after every poll of a target, profiles each of its workloads from the history,
 * answers the four questions, weighs the signals, proposes a verdict and lets the
 * {@link VerdictTracker} decide whether it takes effect. Verdicts become findings too
 * ({@code verdict.outgrown-redis}, {@code verdict.overbuilt-kafka}). A stale workload (the poll could
 * not observe it) is not evaluated again: it keeps what the evaluation before said, marked stale,
 * and its verdict state and findings stay as they are.
 */
@ApplicationScoped
public class AdvisorService implements Stage {


    @Inject
    StreamFitConfig config;
    @Inject
    RedisProfiler redisProfiler;
    @Inject
    KafkaProfiler kafkaProfiler;
    @Inject
    KafkaLagService lag;
    @Inject
    FindingsRegistry findings;
    @Inject
    RedisHistory redisHistory;
    @Inject
    KafkaHistory kafkaHistory;

    /** One per target: a target's evaluation only ever walks its own workloads' states. */
    private final Map<TargetId, VerdictTracker> trackers = new ConcurrentHashMap<>();
    private final Map<TargetId, List<Workload>> workloads = new ConcurrentHashMap<>();
    /** When each workload's verdict changed, within the window: the report page marks them on its charts. */
    private final StateChanges<String> verdictChanges = new StateChanges<>();

    @Override
    public StageName stage() {
        return StageName.ADVISOR;
    }

    @Override
    public void evaluate(TargetPolled event) {
        if (event.snapshot().isEmpty()) {
            // Its figures are no longer current: its verdicts are not shown as if they were.
            workloads.remove(event.status().id());
            return;
        }
        event.snapshot().ifPresent(snapshot -> {
            List<Workload> evaluated;
            if (snapshot instanceof RedisTargetSnapshot redis) {
                evaluated = evaluateRedis(redis);
            } else if (snapshot instanceof KafkaTargetSnapshot kafka) {
                if (lag.groups(kafka.target()).isEmpty()) {
                    // The lag stage failed for this poll: the topics' groups are unknown, so are their verdicts.
                    workloads.remove(kafka.target());
                    return;
                }
                evaluated = evaluateKafka(kafka);
            } else {
                return;
            }
            workloads.put(snapshot.target(), evaluated);
            findings.evaluate("advisor", snapshot.target(), verdictFindings(evaluated),
                    StaleSubjects.workloads(Staleness.reasons(evaluated, Workload::name).keySet()), snapshot.collectedAt());
        });
    }

    @Override
    public void forget(TargetId target) {
        workloads.remove(target);
    }

    /** The workloads of one target, by name; empty while its last poll failed. */
    public List<Workload> workloads(TargetId target) {
        return workloads.getOrDefault(target, List.of());
    }

    /** When the workload's verdict changed within the window, oldest first (its first verdict is no change). */
    public List<StateChanges.Change> verdictChanges(TargetId target, String workload) {
        return verdictChanges.changes(target, workload);
    }

    /** The order of every workload list: outgrown and overbuilt first, then by system, target and name. */
    public static final Comparator<Workload> ACT_ON_FIRST = Comparator.comparing((Workload w) -> w.verdict().actOn() ? 0 : 1)
            .thenComparing(Workload::system).thenComparing(Workload::target).thenComparing(Workload::name);

    /** The targets with workloads: those whose last poll succeeded. */
    public Set<TargetId> targets() {
        return Set.copyOf(workloads.keySet());
    }

    List<Workload> evaluateRedis(RedisTargetSnapshot snapshot) {
        StreamFitConfig.Advisor a = config.advisor();
        List<Workload> result = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        VerdictTracker tracker = trackers.computeIfAbsent(snapshot.target(), t -> new VerdictTracker());
        Map<String, String> stale = Staleness.reasons(snapshot.streams(), RedisStreamSnapshot::stream);
        Map<String, Workload> before = byName(workloads(snapshot.target()));
        for (RedisStreamProfile p : redisProfiler.profiles(snapshot)) {
            Questions q = RedisStreamRules.questions(p, a);
            List<Signal> signals = RedisStreamRules.signals(p, q, a);
            Verdict proposed = RedisStreamRules.verdict(q, signals);
            String key = p.stream();
            keys.add(key);
            VerdictTracker.State state = state(snapshot.target(), tracker, key, proposed, stale.containsKey(key), snapshot.collectedAt());
            Recommendation recommendation = state.verdict() == Verdict.INSUFFICIENT_DATA ? insufficient(state, snapshot.collectedAt())
                    : RedisStreamRules.recommendation(state.verdict(), p, q, signals, a);
            double observed = redisHistory.readStream(snapshot.target(), p.stream(), s -> s.observedMillis() / 1000.0).orElse(0.0);
            result.add(kept(before, new Workload(SystemKind.REDIS, snapshot.target().name(), p.stream(), state.verdict(), state.since(),
                    state.candidate(), observed, q, signals, recommendation, null, stale.get(key))));
        }
        tracker.retain(keys);
        verdictChanges.retain(snapshot.target(), keys);
        return List.copyOf(result);
    }

    List<Workload> evaluateKafka(KafkaTargetSnapshot snapshot) {
        StreamFitConfig.Advisor a = config.advisor();
        List<Workload> result = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        VerdictTracker tracker = trackers.computeIfAbsent(snapshot.target(), t -> new VerdictTracker());
        List<KafkaGroupLag> groups = lag.groups(snapshot.target()).orElseThrow();
        Map<String, String> stale = Staleness.reasons(snapshot.topics(), KafkaTopicSnapshot::topic);
        Map<String, Workload> before = byName(workloads(snapshot.target()));
        for (KafkaTopicProfile p : kafkaProfiler.profiles(snapshot, groups)) {
            Questions q = KafkaTopicRules.questions(p, a);
            List<Signal> signals = KafkaTopicRules.signals(p, a);
            Verdict proposed = KafkaTopicRules.verdict(p, q, signals, a);
            String key = p.topic();
            keys.add(key);
            VerdictTracker.State state = state(snapshot.target(), tracker, key, proposed, stale.containsKey(key), snapshot.collectedAt());
            Recommendation recommendation = state.verdict() == Verdict.INSUFFICIENT_DATA ? insufficient(state, snapshot.collectedAt())
                    : KafkaTopicRules.recommendation(state.verdict(), p, q, signals, a);
            double observed = kafkaHistory.readTopic(snapshot.target(), p.topic(), s -> s.observedMillis() / 1000.0).orElse(0.0);
            result.add(kept(before, new Workload(SystemKind.KAFKA, snapshot.target().name(), p.topic(), state.verdict(), state.since(),
                    state.candidate(), observed, q, signals, recommendation, KafkaTopicRules.partitionsNeeded(p, a), stale.get(key))));
        }
        tracker.retain(keys);
        verdictChanges.retain(snapshot.target(), keys);
        return List.copyOf(result);
    }

    /**
     * The verdict state after this evaluation. A stale workload's figures are an earlier poll's: no new
     * observation, so the tracker does not count it — hysteresis and min-observation neither advance
     * nor restart.
     */
    private VerdictTracker.State state(TargetId target, VerdictTracker tracker, String key, Verdict proposed, boolean stale, Instant now) {
        StreamFitConfig.Advisor a = config.advisor();
        if (stale) {
            return tracker.current(key, now);
        }
        VerdictTracker.State state = tracker.evaluate(key, proposed, now, a.minObservation(), a.stableEvaluations(), a.window());
        verdictChanges.record(target, key, state.verdict().name(), state.since(), a.window());
        return state;
    }

    /** A stale workload shows what the evaluation before said about it, where there was one, marked stale. */
    private static Workload kept(Map<String, Workload> before, Workload evaluated) {
        Workload earlier = evaluated.stale() ? before.get(evaluated.name()) : null;
        return earlier == null ? evaluated : earlier.stale(evaluated.staleReason());
    }

    private static Map<String, Workload> byName(List<Workload> workloads) {
        Map<String, Workload> byName = new HashMap<>();
        workloads.forEach(w -> byName.put(w.name(), w));
        return byName;
    }

    private Recommendation insufficient(VerdictTracker.State state, Instant now) {
        double observed = Math.max(0, now.toEpochMilli() - state.firstSeen().toEpochMilli()) / 1000.0;
        return Recommendation.of(() -> "observed for " + Evidence.duration(observed) + " of the " + Evidence.duration(config.advisor().minObservation().toSeconds())
                + " needed" + (state.candidate() == null ? "" : "; pointing to " + state.candidate()));
    }

    private static List<Observation> verdictFindings(List<Workload> workloads) {
        List<Observation> observations = new ArrayList<>();
        for (Workload w : workloads) {
            if (w.stale()) {
                continue; // not observed: its finding keeps its state
            }
            if (w.verdict() == Verdict.OUTGROWN_REDIS) {
                observations.add(Observation.of(Rule.VERDICT_OUTGROWN_REDIS, w.name(), null, (double) w.questions().yesCount(),
                        2.0, "stream " + w.name() + " has outgrown Redis: " + w.recommendation().summary()));
            } else if (w.verdict() == Verdict.OVERBUILT_KAFKA) {
                observations.add(Observation.of(Rule.VERDICT_OVERBUILT_KAFKA, w.name(), null, (double) w.questions().yesCount(),
                        1.0, "topic " + w.name() + " is overbuilt on Kafka: " + w.recommendation().summary()));
            }
        }
        return observations;
    }

}
