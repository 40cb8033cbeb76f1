package dev.streamfit.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.streamfit.support.PackagedApp;
import dev.streamfit.support.RedisServer;

/**
 * StreamFit as a user runs it: the packaged app ({@code java -Xmx512m -jar
 * target/quarkus-app/quarkus-run.jar}) with a config file in QUARKUS_CONFIG_LOCATIONS and its HTTP
 * port on a free port, on its normal schedule, with no warm-up of its own: what a benchmark reads
 * from it is what an operator would see from the first poll on.
 */
final class ServiceUnderTest implements AutoCloseable {

    /** A 512 MiB pod's worth of heap, as in the measurements. */
    static final String MAX_HEAP = "512m";
    static final String COMMAND = "java -Xmx" + MAX_HEAP + " -jar target/quarkus-app/quarkus-run.jar";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP answer and how long it took, from sending the request to the last byte of the body. */
    record Answer(double millis, int status, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    private final PackagedApp app;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private double startSeconds;

    private ServiceUnderTest(ServiceConfigFile config) {
        this.app = new PackagedApp(config.text(), Map.of(), MAX_HEAP);
    }

    /** Starts the app and waits until its API answers. */
    static ServiceUnderTest start(ServiceConfigFile config, Duration timeout) {
        long started = System.nanoTime();
        ServiceUnderTest service = new ServiceUnderTest(config);
        long deadline = started + timeout.toNanos();
        while (!service.get("/api/v1/targets").ok()) {
            if (!service.app.isAlive() || System.nanoTime() > deadline) {
                String output = service.outputTail();
                service.close();
                throw new IllegalStateException("StreamFit did not answer on /api/v1/targets within " + timeout + ":\n" + output);
            }
            RedisServer.sleep(200);
        }
        service.startSeconds = (System.nanoTime() - started) / 1e9;
        return service;
    }

    boolean isAlive() {
        return app.isAlive();
    }

    /** The end of the app's log, for a failure message. */
    String outputTail() {
        String output = app.output();
        return output.substring(Math.max(0, output.length() - 4000));
    }

    /** Seconds from starting the JVM until the API answered. */
    double startSeconds() {
        return startSeconds;
    }

    /** A GET; an answer that never came (refused, timed out) has status -1 and the error as its body. */
    Answer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(REQUEST_TIMEOUT).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer((System.nanoTime() - start) / 1e6, response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer((System.nanoTime() - start) / 1e6, -1, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer((System.nanoTime() - start) / 1e6, -1, "interrupted");
        }
    }

    /** A GET whose JSON body the benchmark needs: fails the run when it does not come. */
    JsonNode json(String path) {
        Answer answer = get(path);
        if (!answer.ok()) {
            throw new IllegalStateException("GET " + path + " answered " + answer.status() + ": " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " is not JSON", e);
        }
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }

    HeapAfterGc heapAfterFullGc() {
        return HeapAfterGc.of(app.pid());
    }

    ServiceLog log() {
        return ServiceLog.scan(app.output());
    }

    @Override
    public void close() {
        app.close();
    }
}
