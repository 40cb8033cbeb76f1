package dev.streamfit.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.streamfit.alerting.AlertingStage;
import dev.streamfit.config.StreamFitConfig;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /api/v1/alerts/test?webhook=<name>}: the API's one write endpoint. Disabled (404) unless
 * {@code streamfit.api.admin-token} is set; then it requires that token as a bearer token.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    /** How long the answer waits for the first outcome; a receiver slower than this is reported as still being tried. */
    private static final long WAIT_SECONDS = 10;

    @Inject
    StreamFitConfig config;
    @Inject
    AlertingStage alerting;

    /** What became of the test notice: its webhook-id and DELIVERED, FAILED, DROPPED, or PENDING (still being retried). */
    public record TestResult(String webhook, String id, String result) {
    }

    @POST
    @Path("/test")
    @Blocking
    @Operation(summary = "Send a test notice to a webhook (requires streamfit.api.admin-token as a bearer token)")
    public Response test(@QueryParam("webhook") String webhook, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<String> token = config.api().adminToken();
        if (token.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "the test endpoint is disabled: set streamfit.api.admin-token to enable it");
        }
        if (authorization == null || !matches(authorization, "Bearer " + token.get())) {
            return Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(new ApiError("a bearer token (streamfit.api.admin-token) is required")).build();
        }
        if (webhook == null || webhook.isBlank()) {
            return error(Response.Status.BAD_REQUEST, "name the webhook: ?webhook=<name>; configured: " + alerting.webhooks());
        }
        return alerting.sendTest(webhook).map(notice -> {
            String result;
            try {
                result = notice.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                result = "PENDING";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = "PENDING";
            } catch (ExecutionException e) {
                result = "FAILED";
            }
            return Response.ok(new TestResult(webhook, notice.id(), result)).build();
        }).orElseGet(() -> error(Response.Status.NOT_FOUND, "no webhook named '" + webhook + "'; configured: " + alerting.webhooks()));
    }

    /** In constant time: how much of a guess was right must not show in how long the answer takes. */
    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(new ApiError(message)).build();
    }
}
