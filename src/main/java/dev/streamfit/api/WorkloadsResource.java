package dev.streamfit.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.streamfit.advisor.Workload;

@Path("/api/v1/workloads")
@Produces(MediaType.APPLICATION_JSON)
public class WorkloadsResource {

    @Inject
    WorkloadsJson json;

    @GET
    @Operation(summary = "Every Redis stream and Kafka topic with its verdict, the four answers with evidence, signals and recommendation",
            description = "Workloads of targets whose last poll failed are left out until they answer again. A workload the last poll "
                    + "could not list or describe keeps what the evaluation before said, with stale true and its staleReason; its verdict "
                    + "does not move until it is observed again.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Workload.class)))
    public Response workloads() {
        return Response.ok(json.all()).build();
    }
}
