package dev.streamfit.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

import dev.streamfit.poll.TargetStatus;
import dev.streamfit.poll.TargetStatusRegistry;

@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {

    static final String NO_TARGETS_WARNING = "199 streamfit \"no targets configured: set streamfit.redis.<name>.url "
            + "or streamfit.kafka.<name>.bootstrap-servers\"";

    @Inject
    TargetStatusRegistry registry;

    @GET
    @Operation(summary = "Every configured target and the outcome of its last poll",
            description = "up, lastPollAt and lastPollSeconds are null until the target's first poll. "
                    + "partial is true when the last poll answered but could not list or describe everything; gaps says what and why, "
                    + "and the workloads it could not see are kept from earlier polls with stale true and their staleReason. "
                    + "With no target configured the list is empty and a Warning header says so.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TargetStatus.class)))
    public Response targets() {
        List<TargetStatus> all = registry.all();
        Response.ResponseBuilder response = Response.ok(all);
        if (all.isEmpty()) {
            response.header("Warning", NO_TARGETS_WARNING);
        }
        return response.build();
    }
}
