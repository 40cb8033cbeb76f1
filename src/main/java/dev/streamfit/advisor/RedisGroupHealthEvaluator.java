package dev.streamfit.advisor;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.streamfit.findings.FindingsRegistry;
import dev.streamfit.findings.Observation;
import dev.streamfit.findings.Severity;
import dev.streamfit.poll.TargetPolled;
import dev.streamfit.redis.RedisGroupSnapshot;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;

/** Health rules of Redis consumer groups: {@code redis.group.fell-off-trim}. */
@ApplicationScoped
public class RedisGroupHealthEvaluator {

    @Inject
    FindingsRegistry findings;

    void onPolled(@Observes @Priority(TargetHealthEvaluator.EVALUATOR_PRIORITY) TargetPolled event) {
        event.snapshot().filter(RedisTargetSnapshot.class::isInstance).map(RedisTargetSnapshot.class::cast)
                .ifPresent(snapshot -> findings.evaluate("redis-groups", snapshot.target(), evaluate(snapshot), snapshot.collectedAt()));
    }

    static List<Observation> evaluate(RedisTargetSnapshot snapshot) {
        List<Observation> observations = new ArrayList<>();
        for (RedisStreamSnapshot stream : snapshot.streams()) {
            for (RedisGroupSnapshot group : stream.groups()) {
                Long lost = group.trimmedBeforeDelivery();
                if (lost != null && lost > 0) {
                    observations.add(new Observation("redis.group.fell-off-trim", Severity.WARNING, stream.stream(), group.group(),
                            (double) lost, 0.0, lost + " entries of stream " + stream.stream() + " were trimmed before group "
                                    + group.group() + " read them"));
                }
            }
        }
        return observations;
    }
}
