package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import dev.streamfit.support.RealServersResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Without streamfit.api.admin-token the API's one write endpoint does not exist, whatever the request carries. */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class AlertsTestEndpointDisabledTest {

    @Test
    void theTestEndpointIsDisabledWithoutAnAdminToken() {
        given().auth().oauth2("anything").post("/api/v1/alerts/test?webhook=any").then().statusCode(404)
                .body("error", containsString("streamfit.api.admin-token"));
    }
}
