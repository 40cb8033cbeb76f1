package dev.streamfit.api;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetStatus;
import dev.streamfit.poll.TargetStatusRegistry;

/**
 * How a per-target resource answers: 404 for a target that is not configured, 503 with the reason
 * while it has no current snapshot (never polled, or its last poll failed: its figures are not
 * known now), else 200 with the body.
 */
final class TargetAnswers {

    private TargetAnswers() {
    }

    static Response of(TargetStatusRegistry targets, TargetId id, Supplier<Optional<?>> body) {
        Optional<TargetStatus> status = targets.status(id);
        if (status.isEmpty()) {
            return notConfigured(id);
        }
        Optional<?> current = body.get();
        if (current.isEmpty()) {
            return noCurrentData(id, status.get());
        }
        return Response.ok(current.get()).build();
    }

    /**
     * One workload (or other subject) of a target: as {@link #of}, and 404 naming {@code what} when the
     * target has current data but not that subject. {@code body} is empty while the target has no
     * current data, and holds an empty answer when it has but the subject is not there.
     */
    static Response ofOne(TargetStatusRegistry targets, TargetId id, String what, Supplier<Optional<? extends Optional<?>>> body) {
        Optional<TargetStatus> status = targets.status(id);
        if (status.isEmpty()) {
            return notConfigured(id);
        }
        Optional<? extends Optional<?>> current = body.get();
        if (current.isEmpty()) {
            return noCurrentData(id, status.get());
        }
        if (current.get().isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(new ApiError("target " + id + " has no " + what)).build();
        }
        return Response.ok(current.get().get()).build();
    }

    private static Response notConfigured(TargetId id) {
        return Response.status(Response.Status.NOT_FOUND).entity(new ApiError("no " + id.system().label() + " target named '"
                + id.name() + "' is configured")).build();
    }

    private static Response noCurrentData(TargetId id, TargetStatus known) {
        String reason = !known.polled() ? "it has not been polled yet"
                : Boolean.FALSE.equals(known.up()) ? "its last poll failed: " + known.error()
                : "its first poll since it came up is still being evaluated";
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(new ApiError("target " + id + " has no current data: " + reason)).build();
    }
}
