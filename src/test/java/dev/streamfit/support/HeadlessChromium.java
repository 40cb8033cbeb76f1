package dev.streamfit.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real headless Chromium ({@code /usr/bin/chromium}, the Debian package) driven over its DevTools
 * protocol — the protocol Selenium's and Puppeteer's Chromium drivers speak — with the JDK's own
 * WebSocket client: one page, navigated, scripts evaluated in it (promises awaited), keys typed,
 * colour scheme emulated, screenshots taken. Nothing but the browser binary is needed.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<JsonNode> dialogs = new CopyOnWriteArrayList<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    /** Responses the page received: request id → URL, in order. */
    private final Map<String, String> responses = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final String session;

    private HeadlessChromium(int width, int height) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package chromium (apt-get install -y chromium)");
        }
        profile = Files.createTempDirectory("streamfit-chromium-");
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=" + width + "," + height, "about:blank");
        builder.environment().put("HOME", profile.toString());
        process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stderr.add(line);
                    if (line.startsWith("DevTools listening on ")) {
                        endpoint.complete(line.substring("DevTools listening on ".length()).trim());
                    }
                }
            } catch (IOException e) {
                // the browser ended
            }
            endpoint.completeExceptionally(new IllegalStateException("Chromium ended before it listened: " + stderr));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(endpoint.get(30, TimeUnit.SECONDS)), new Listener()).get(30, TimeUnit.SECONDS);
        // The page the browser opened: a page created beside it would be a background tab, whose animation frames never come.
        String target = null;
        for (JsonNode info : browserCall("Target.getTargets", Map.of()).path("targetInfos")) {
            if ("page".equals(info.path("type").asText())) {
                target = info.path("targetId").asText();
            }
        }
        if (target == null) {
            throw new IllegalStateException("Chromium opened no page: " + stderrTail());
        }
        session = browserCall("Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        call("Page.bringToFront", Map.of());
        call("Emulation.setFocusEmulationEnabled", Map.of("enabled", true));
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        call("Network.enable", Map.of());
        viewport(width, height);
    }

    /** The size of the page's window in CSS pixels. */
    public void viewport(int width, int height) {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** A browser with one page of {@code width} × {@code height} CSS pixels. */
    public static HeadlessChromium start(int width, int height) {
        try {
            return new HeadlessChromium(width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not start Chromium: " + e, e);
        }
    }

    /** Runs {@code source} in every document the page loads from now on, before the page's own scripts. */
    public void beforeEachDocument(String source) {
        call("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }

    /** Opens {@code url} (a new document, or only a new hash in the same one). */
    public void navigate(String url) {
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + result.get("errorText").asText());
        }
    }

    /**
     * The value of a script expression in the page, a promise awaited; a thrown error or a rejected
     * promise fails the call with the page's message.
     */
    public JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            JsonNode details = result.get("exceptionDetails");
            throw new AssertionError("the page's script failed: " + details.path("exception").path("description").asText(details.toString())
                    + "\nerrors of the page's own scripts: " + pageErrors);
        }
        return result.path("result").path("value");
    }

    /**
     * Waits in the page until {@code condition} (an expression) is truthy and returns its value; fails
     * after {@code timeout} with {@code what} and the condition.
     */
    public JsonNode waitFor(String condition, Duration timeout, String what) {
        return evaluate("new Promise((resolve, reject) => { const until = performance.now() + " + timeout.toMillis() + ";"
                + " (function poll() { let v; try { v = (" + condition + "); } catch (e) { v = null; }"
                + " if (v) resolve(v); else if (performance.now() > until) reject(new Error(" + JSON.valueToTree(
                        "timed out after " + timeout.toMillis() + " ms waiting for " + what).toString() + "));"
                + " else setTimeout(poll, 5); })(); })");
    }

    /** A key pressed and released, as a keyboard would: "Tab", "Enter", "Space"... */
    public void press(String key) {
        Map<String, Object> keyEvent = switch (key) {
            case "Tab" -> Map.of("key", "Tab", "code", "Tab", "windowsVirtualKeyCode", 9);
            case "Enter" -> Map.of("key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13, "text", "\r");
            default -> throw new IllegalArgumentException("no key " + key);
        };
        ObjectNode down = JSON.valueToTree(keyEvent);
        down.put("type", "keyDown");
        call("Input.dispatchKeyEvent", down);
        ObjectNode up = JSON.valueToTree(keyEvent);
        up.put("type", "keyUp");
        up.remove("text");
        call("Input.dispatchKeyEvent", up);
    }

    /** Emulates the user's colour scheme preference: "light" or "dark". */
    public void colorScheme(String scheme) {
        call("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** A PNG of the element {@code selector} selects. */
    public byte[] screenshot(String selector) {
        return screenshot(selector, Integer.MAX_VALUE);
    }

    /** A PNG of the top of the page, at most {@code height} CSS pixels of it. */
    public byte[] screenshotTop(int height) {
        return screenshot(null, height);
    }

    private byte[] screenshot(String selector, int maxHeight) {
        JsonNode box = selector == null ? evaluate("({x: 0, y: 0, width: document.documentElement.scrollWidth,"
                + " height: Math.min(" + maxHeight + ", document.documentElement.scrollHeight)})")
                : evaluate("(() => { const r = document.querySelector(" + JSON.valueToTree(selector) + ").getBoundingClientRect();"
                        + " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })()");
        ObjectNode clip = JSON.createObjectNode();
        clip.put("x", box.get("x").asDouble());
        clip.put("y", box.get("y").asDouble());
        clip.put("width", Math.ceil(box.get("width").asDouble()));
        clip.put("height", Math.ceil(box.get("height").asDouble()));
        clip.put("scale", 1);
        ObjectNode params = JSON.createObjectNode();
        params.put("format", "png");
        params.put("captureBeyondViewport", true);
        params.set("clip", clip);
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").asText());
    }

    /** Every JavaScript dialog (alert, confirm, prompt) a page tried to open: an injected script's first sign. */
    public List<JsonNode> dialogs() {
        return List.copyOf(dialogs);
    }

    /**
     * The bodies of the responses the page received whose URL contains {@code part}, oldest first:
     * exactly what the page's scripts were given.
     */
    public List<String> responseBodies(String part) {
        List<String> bodies = new ArrayList<>();
        List<Map.Entry<String, String>> received;
        synchronized (responses) {
            received = new ArrayList<>(responses.entrySet());
        }
        for (Map.Entry<String, String> response : received) {
            if (response.getValue().contains(part)) {
                bodies.add(call("Network.getResponseBody", Map.of("requestId", response.getKey())).path("body").asText());
            }
        }
        return bodies;
    }

    /** Forgets the responses received so far. */
    public void forgetResponses() {
        responses.clear();
    }

    /** Errors the page's scripts threw or logged, oldest first: a page that works has none. */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** The last lines Chromium wrote to stderr, for a failure's message. */
    public String stderrTail() {
        List<String> lines = new ArrayList<>(stderr);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private JsonNode call(String method, Object params) {
        return send(method, params, session);
    }

    private JsonNode browserCall(String method, Object params) {
        return send(method, params, null);
    }

    private JsonNode send(String method, Object params, String sessionId) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        try {
            socket.sendText(message.toString(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer from Chromium: " + e + "\n" + stderrTail(), e);
        } finally {
            calls.remove(id);
        }
    }

    /** Replies go to the call waiting for them; a dialog is recorded and dismissed at once. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> call = calls.get(message.get("id").asInt());
                        if (call != null) {
                            call.complete(message);
                        }
                    } else if ("Network.responseReceived".equals(message.path("method").asText())) {
                        responses.put(message.path("params").path("requestId").asText(), message.path("params").path("response").path("url").asText());
                    } else if ("Runtime.exceptionThrown".equals(message.path("method").asText())) {
                        JsonNode details = message.path("params").path("exceptionDetails");
                        pageErrors.add(details.path("exception").path("description").asText(details.path("text").asText()));
                    } else if ("Runtime.consoleAPICalled".equals(message.path("method").asText())
                            && "error".equals(message.path("params").path("type").asText())) {
                        pageErrors.add("console.error: " + message.path("params").path("args"));
                    } else if ("Page.javascriptDialogOpening".equals(message.path("method").asText())) {
                        dialogs.add(message.get("params"));
                        ObjectNode dismiss = JSON.createObjectNode();
                        dismiss.put("id", ids.incrementAndGet());
                        dismiss.put("method", "Page.handleJavaScriptDialog");
                        dismiss.set("params", JSON.createObjectNode().put("accept", false));
                        dismiss.put("sessionId", message.path("sessionId").asText());
                        webSocket.sendText(dismiss.toString(), true);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException e) {
            // the browser is stopped below either way
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(profile)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a helper process may still hold a file: a leftover temp dir does not fail a test
        }
    }
}
