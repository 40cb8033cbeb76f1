package dev.streamfit.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.streamfit.history.SnapshotStore;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetStatusRegistry;
import dev.streamfit.redis.RedisStreamSnapshot;
import dev.streamfit.redis.RedisTargetSnapshot;

@Path("/api/v1/redis/{target}/streams")
@Produces(MediaType.APPLICATION_JSON)
public class RedisStreamsResource {

    @Inject
    TargetStatusRegistry targets;
    @Inject
    SnapshotStore snapshots;

    @GET
    @Operation(summary = "Every watched stream of a Redis target, as its last poll saw it",
            description = "Unknown values are null. A stream the last poll could not see (its shard did not answer, XINFO failed) is "
                    + "kept as an earlier poll saw it, with stale true and its staleReason. "
                    + "404 for an unknown target; 503 while the target has no successful last poll.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RedisStreamSnapshot.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response streams(@PathParam("target") String target) {
        TargetId id = new TargetId(SystemKind.REDIS, target);
        return TargetAnswers.of(targets, id, () -> snapshots.latest(id, RedisTargetSnapshot.class)
                .<List<RedisStreamSnapshot>>map(RedisTargetSnapshot::streams));
    }
}
