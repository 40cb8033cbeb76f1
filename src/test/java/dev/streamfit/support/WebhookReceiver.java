package dev.streamfit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver for webhook tests, on a free port: it records every request it gets (headers
 * and body, at arrival) and answers 200 — or, on command, the next requests with 500, 503, 429 with
 * {@code Retry-After}, or not at all (it hangs until released). It can go down (its port closed) and
 * come back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names in lower case. */
    public record Request(Instant at, String path, Map<String, String> headers, byte[] body, int status) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How to answer one request: a status (with Retry-After when given), or hang. */
    public record Answer(int status, String retryAfter, boolean hangs) {
        public static Answer status(int status) {
            return new Answer(status, null, false);
        }

        public static Answer tooManyRequests(String retryAfter) {
            return new Answer(429, retryAfter, false);
        }

        public static Answer hang() {
            return new Answer(0, null, true);
        }
    }

    private final int port;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    /** Answers for requests whose body contains a text, before the general script. */
    private final Map<String, Deque<Answer>> scriptsByBody = new java.util.LinkedHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private volatile CountDownLatch hung = new CountDownLatch(1);
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
        up();
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver(FreePorts.next());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The next requests get these answers, in order; after them, 200 again. */
    public void answerNext(Answer... answers) {
        synchronized (script) {
            script.addAll(List.of(answers));
        }
    }

    /** The next requests whose body contains {@code text} get these answers, in order; others are not affected. */
    public void answerNextContaining(String text, Answer... answers) {
        synchronized (script) {
            scriptsByBody.computeIfAbsent(text, t -> new ArrayDeque<>()).addAll(List.of(answers));
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Closes the port: requests fail to connect, as when a receiver is down. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        hung.countDown();
    }

    /** Listens again on the same port. */
    public synchronized void up() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
        hung = new CountDownLatch(1);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Answer answer = null;
        String text = new String(body, StandardCharsets.UTF_8);
        synchronized (script) {
            for (Map.Entry<String, Deque<Answer>> e : scriptsByBody.entrySet()) {
                if (text.contains(e.getKey()) && !e.getValue().isEmpty()) {
                    answer = e.getValue().pollFirst();
                    break;
                }
            }
            if (answer == null) {
                answer = script.isEmpty() ? Answer.status(200) : script.pollFirst();
            }
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        requests.add(new Request(Instant.now(), exchange.getRequestURI().getPath(), headers, body, answer.hangs() ? 0 : answer.status()));
        if (answer.hangs()) {
            try {
                // Until the test ends or the receiver goes down: the sender's own timeout must give up first.
                hung.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }
}
