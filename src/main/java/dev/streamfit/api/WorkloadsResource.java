package dev.streamfit.api;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.streamfit.advisor.Workload;
import dev.streamfit.history.SnapshotStore;
import dev.streamfit.kafka.KafkaTargetSnapshot;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetStatusRegistry;
import dev.streamfit.redis.RedisTargetSnapshot;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/workloads")
@Produces(MediaType.APPLICATION_JSON)
public class WorkloadsResource {

    @Inject
    WorkloadsJson json;
    @Inject
    WorkloadListing listing;
    @Inject
    WorkloadHistoryService histories;
    @Inject
    SnapshotStore snapshots;
    @Inject
    TargetStatusRegistry targets;

    @GET
    @Operation(summary = "Every Redis stream and Kafka topic with its verdict, the four answers with evidence, signals and recommendation",
            description = "Workloads of targets whose last poll failed are left out until they answer again. A workload the last poll "
                    + "could not list or describe keeps what the evaluation before said, with stale true and its staleReason; its verdict "
                    + "does not move until it is observed again. Outgrown and overbuilt first, then by system, target and name. "
                    + "With any of the query parameters the list is filtered and paged on the server, in the same order, and the "
                    + "X-Total-Count header says how many matched in all; list parameters take values separated by commas.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Workload.class)),
            headers = @Header(name = ListPage.TOTAL_HEADER, description = "workloads that matched the filters, on this page or not "
                    + "(only when a query parameter is given)", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", description = "a parameter with a value that cannot be read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response workloads(
            @Parameter(description = "redis or kafka") @QueryParam("system") String system,
            @Parameter(description = "the target's name, exactly") @QueryParam("target") String target,
            @Parameter(description = "OUTGROWN_REDIS, OVERBUILT_KAFKA, FITS, INSUFFICIENT_DATA") @QueryParam("verdict") String verdict,
            @Parameter(description = "info, warning, critical: workloads with a signal of that severity") @QueryParam("severity") String severity,
            @Parameter(description = "text the workload's or its target's name contains, in any case") @QueryParam("q") String q,
            @Parameter(description = "at most this many workloads; all when absent") @QueryParam("limit") String limit,
            @Parameter(description = "skip this many matches first (default 0)") @QueryParam("offset") String offset) {
        return ListPage.answer(() -> ListQuery.workloads(system, target, verdict, severity, q, limit, offset), json::all, listing::find);
    }

    @GET
    @Path("{system}/{target}/{name: .+}")
    @Operation(summary = "One workload, as in the list",
            description = "The name percent-encoded as one path segment (a '/' in it as %2F). 404 for an unknown target or workload; "
                    + "503 while the target has no current data.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Workload.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response workload(@PathParam("system") String system, @PathParam("target") String target, @PathParam("name") String name,
            @Context HttpServerRequest request) {
        return answer(request);
    }

    @GET
    @Path("{system}/{target}/{name: .+}/history")
    @Operation(summary = "A workload's history over the window, for charts",
            description = "For a Redis stream: its length, memory and write rate, and per consumer group its lag, time lag, pending "
                    + "entries and rewinds (last-delivered-id moved back). For a Kafka topic: its write rate, retained records and bytes, "
                    + "and per consumer group its lag and time lag on the topic, rewinds (committed offset moved back) and status changes. "
                    + "Both: the verdict's changes. Each series is a time array (epoch milliseconds, oldest first) and an array per figure, "
                    + "null where unknown. The name percent-encoded as one path segment. 404 for an unknown target or workload; 503 while "
                    + "the target has no current data.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(oneOf = {RedisStreamHistory.class, KafkaTopicHistory.class})))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response history(@PathParam("system") String system, @PathParam("target") String target, @PathParam("name") String name,
            @Context HttpServerRequest request) {
        return answer(request);
    }

    /**
     * Both paths above end here: which one was asked for, and for which name, is read from the raw path
     * ({@link WorkloadPath}), since a name may itself end in "/history".
     */
    private Response answer(HttpServerRequest request) {
        Optional<WorkloadPath> parsed = WorkloadPath.parse(request.path());
        if (parsed.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(new ApiError("expected /api/v1/workloads/{system}/{target}/{name}"
                    + "[/history] with system redis or kafka and the target and name percent-encoded")).build();
        }
        WorkloadPath path = parsed.get();
        String what = (path.target().system() == SystemKind.REDIS ? "stream '" : "topic '") + path.name() + "'";
        if (!path.history()) {
            return TargetAnswers.ofOne(targets, path.target(), what,
                    () -> listing.hasCurrent(path.target()) ? Optional.of(listing.find(path.target(), path.name())) : Optional.empty());
        }
        if (path.target().system() == SystemKind.REDIS) {
            return TargetAnswers.ofOne(targets, path.target(), what, () -> snapshots.latest(path.target(), RedisTargetSnapshot.class)
                    .map(snapshot -> histories.redis(snapshot, path.name())));
        }
        return TargetAnswers.ofOne(targets, path.target(), what, () -> snapshots.latest(path.target(), KafkaTargetSnapshot.class)
                .map(snapshot -> histories.kafka(snapshot, path.name())));
    }
}
