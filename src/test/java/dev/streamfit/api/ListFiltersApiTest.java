package dev.streamfit.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.streamfit.support.RealServersResource;
import dev.streamfit.support.RedisFixtures;
import dev.streamfit.support.TestServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code ?system=&target=&verdict=&severity=&q=&limit=&offset=} on {@code /api/v1/workloads} and
 * {@code /api/v1/findings}: filtered and paged on the server in the order of the whole list, with
 * {@code X-Total-Count}; the answer without parameters stays the plain list.
 */
@QuarkusTest
@QuarkusTestResource(RealServersResource.class)
class ListFiltersApiTest {

    static final List<String> STREAMS = List.of("flt:Alpha", "flt:beta", "flt:gamma", "flt:delta");

    private static RedisFixtures redis;

    @BeforeAll
    static void build() {
        redis = new RedisFixtures(TestServers.redis().url());
        STREAMS.forEach(s -> redis.addEntries(s, 3));
    }

    @AfterAll
    static void cleanUp() {
        redis.call("DEL", STREAMS.toArray());
        redis.close();
    }

    @Test
    void workloadsAreFilteredPagedAndCountedInTheOrderOfTheWholeList() {
        // Verdicts settle within seconds (min-observation 2 s); compare lists taken while they hold still.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> all = given().get("/api/v1/workloads").then().statusCode(200)
                    .header(ListPage.TOTAL_HEADER, (String) null).extract().jsonPath().getList("$");
            List<String> expected = all.stream().filter(w -> "redis".equals(w.get("system")) && "main".equals(w.get("target"))
                    && String.valueOf(w.get("name")).toLowerCase().contains("flt:")).map(w -> (String) w.get("name")).toList();
            assertEquals(STREAMS.size(), expected.size(), "every flt: stream listed: " + expected);

            Response filtered = given().get("/api/v1/workloads?system=redis&target=main&q=FLT:");
            filtered.then().statusCode(200).header(ListPage.TOTAL_HEADER, String.valueOf(STREAMS.size()));
            assertEquals(expected, filtered.jsonPath().getList("name"), "the whole list's order, case-insensitive text");

            Response page = given().get("/api/v1/workloads?q=flt:&limit=2&offset=1");
            page.then().statusCode(200).header(ListPage.TOTAL_HEADER, String.valueOf(STREAMS.size()));
            assertEquals(expected.subList(1, 3), page.jsonPath().getList("name"), "the second and third matches");
        });

        given().get("/api/v1/workloads?q=flt:&limit=0").then().statusCode(200).header(ListPage.TOTAL_HEADER, String.valueOf(STREAMS.size()))
                .body("size()", org.hamcrest.Matchers.equalTo(0));
        given().get("/api/v1/workloads?system=kafka&q=flt:").then().statusCode(200).header(ListPage.TOTAL_HEADER, "0");
        given().get("/api/v1/workloads?q=flt:&offset=10").then().statusCode(200).header(ListPage.TOTAL_HEADER, String.valueOf(STREAMS.size()))
                .body("size()", org.hamcrest.Matchers.equalTo(0));
        List<String> verdicts = given().get("/api/v1/workloads?verdict=FITS,INSUFFICIENT_DATA").jsonPath().getList("verdict");
        assertTrue(verdicts.stream().allMatch(v -> v.equals("FITS") || v.equals("INSUFFICIENT_DATA")), verdicts.toString());
        List<List<Map<String, Object>>> signals = given().get("/api/v1/workloads?severity=critical").jsonPath().getList("signals");
        assertTrue(signals.stream().allMatch(list -> list.stream().anyMatch(s -> "critical".equals(s.get("severity")))), signals.toString());
    }

    @Test
    void findingsAreFilteredBySeverityStateAndText() {
        // redis/down is down from the first poll: a critical target.down finding.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/findings?severity=critical&target=down")
                .jsonPath().getList("rule").contains("target.down"));
        Response critical = given().get("/api/v1/findings?severity=critical");
        List<String> severities = critical.jsonPath().getList("severity");
        assertEquals(String.valueOf(severities.size()), critical.header(ListPage.TOTAL_HEADER));
        assertTrue(severities.stream().allMatch("critical"::equals), severities.toString());
        List<Map<String, Object>> down = given().get("/api/v1/findings?system=redis&q=TARGET.DOWN&state=pending,firing").jsonPath().getList("$");
        assertTrue(down.stream().anyMatch(f -> "down".equals(f.get("target"))), down.toString());
        assertTrue(down.stream().allMatch(f -> "redis".equals(f.get("system")) && !"resolved".equals(f.get("state"))), down.toString());
        assertNull(given().get("/api/v1/findings").header(ListPage.TOTAL_HEADER), "the plain list as before");
    }

    @Test
    void valuesThatCannotBeReadAre400NamingTheParameter() {
        given().get("/api/v1/workloads?verdict=OUTGROWN").then().statusCode(400).body("error", containsString("verdict 'OUTGROWN'"));
        given().get("/api/v1/workloads?system=mysql").then().statusCode(400).body("error", containsString("system 'mysql'"));
        given().get("/api/v1/workloads?limit=-1").then().statusCode(400).body("error", containsString("limit"));
        given().get("/api/v1/findings?offset=x").then().statusCode(400).body("error", containsString("offset"));
        given().get("/api/v1/findings?severity=fatal").then().statusCode(400).body("error", containsString("severity 'fatal'"));
    }
}
