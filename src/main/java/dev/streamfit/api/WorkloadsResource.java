package dev.streamfit.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.streamfit.advisor.AdvisorService;
import dev.streamfit.advisor.Workload;

@Path("/api/v1/workloads")
@Produces(MediaType.APPLICATION_JSON)
public class WorkloadsResource {

    @Inject
    AdvisorService advisor;

    @GET
    @Operation(summary = "Every Redis stream and Kafka topic with its verdict, the four answers with evidence, signals and recommendation",
            description = "Workloads of targets whose last poll failed are left out until they answer again. A workload the last poll "
                    + "could not list or describe keeps what the evaluation before said, with stale true and its staleReason; its verdict "
                    + "does not move until it is observed again.")
    public List<Workload> workloads() {
        return advisor.all();
    }
}
