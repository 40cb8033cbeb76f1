package dev.streamfit.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.FindingsRegistry;

@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {

    @Inject
    FindingsRegistry findings;

    @GET
    @Operation(summary = "Every pending, firing and recently resolved finding, worst first")
    public List<Finding> findings() {
        return findings.all();
    }
}
