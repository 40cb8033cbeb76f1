package dev.streamfit.api;

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
import dev.streamfit.redis.RedisTargetSnapshot;

@Path("/api/v1/servers/{target}")
@Produces(MediaType.APPLICATION_JSON)
public class ServersResource {

    @Inject
    TargetStatusRegistry targets;
    @Inject
    SnapshotStore snapshots;
    @Inject
    ServerHistoryService servers;

    @GET
    @Path("history")
    @Operation(summary = "Used memory of a Redis target's servers over the window, with maxmemory and the projected growth",
            description = "One entry per server (each primary of a cluster). The projection is used_memory's least-squares growth over "
                    + "the window from the last poll's value, and when it reaches maxmemory at that growth: the figures behind "
                    + "redis.memory.exhaustion-projected. maxmemory 0 means no limit. 404 for a target that is not a configured Redis "
                    + "target; 503 while it has no current data.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ServerHistory.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response history(@PathParam("target") String target) {
        TargetId id = new TargetId(SystemKind.REDIS, target);
        return TargetAnswers.of(targets, id, () -> snapshots.latest(id, RedisTargetSnapshot.class).map(servers::servers));
    }
}
