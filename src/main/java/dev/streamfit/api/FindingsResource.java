package dev.streamfit.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingsRegistry;

@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {

    @Inject
    FindingsRegistry findings;

    @GET
    @Operation(summary = "Every pending, firing and recently resolved finding, worst first",
            description = "With any of the query parameters the list is filtered and paged on the server, in the same order, and the "
                    + "X-Total-Count header says how many matched in all; list parameters take values separated by commas.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Finding.class)),
            headers = @Header(name = ListPage.TOTAL_HEADER, description = "findings that matched the filters, on this page or not "
                    + "(only when a query parameter is given)", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", description = "a parameter with a value that cannot be read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response findings(
            @Parameter(description = "redis or kafka") @QueryParam("system") String system,
            @Parameter(description = "the target's name, exactly") @QueryParam("target") String target,
            @Parameter(description = "info, warning, critical") @QueryParam("severity") String severity,
            @Parameter(description = "pending, firing, resolved") @QueryParam("state") String state,
            @Parameter(description = "text the workload, group, target, rule or message contains, in any case") @QueryParam("q") String q,
            @Parameter(description = "at most this many findings; all when absent") @QueryParam("limit") String limit,
            @Parameter(description = "skip this many matches first (default 0)") @QueryParam("offset") String offset) {
        return ListPage.answer(() -> ListQuery.findings(system, target, severity, state, q, limit, offset), findings::all,
                query -> ListPage.of(findings.all(), query::matches, query.offset(), query.limit()));
    }
}
