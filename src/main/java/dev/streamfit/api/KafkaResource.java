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

import dev.streamfit.lag.KafkaGroupLag;
import dev.streamfit.lag.KafkaLagService;
import dev.streamfit.api.KafkaTopicService;
import dev.streamfit.api.KafkaTopicView;
import dev.streamfit.poll.SystemKind;
import dev.streamfit.poll.TargetId;
import dev.streamfit.poll.TargetStatusRegistry;

@Path("/api/v1/kafka/{target}")
@Produces(MediaType.APPLICATION_JSON)
public class KafkaResource {

    @Inject
    TargetStatusRegistry targets;
    @Inject
    KafkaTopicService topics;
    @Inject
    KafkaLagService lag;

    @GET
    @Path("topics")
    @Operation(summary = "The watched topics of a Kafka target (internal topics excluded), as its last poll saw them")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = KafkaTopicView.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response topics(@PathParam("target") String target) {
        TargetId id = new TargetId(SystemKind.KAFKA, target);
        return TargetAnswers.of(targets, id, () -> topics.topics(id));
    }

    @GET
    @Path("groups")
    @Operation(summary = "The watched consumer groups of a Kafka target with lag, time lag and status per partition")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = KafkaGroupLag.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response groups(@PathParam("target") String target) {
        TargetId id = new TargetId(SystemKind.KAFKA, target);
        return TargetAnswers.of(targets, id, () -> lag.groups(id));
    }
}
