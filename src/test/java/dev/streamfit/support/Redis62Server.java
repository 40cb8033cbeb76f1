package dev.streamfit.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Redis 6.2 (older than the redis-server on PATH: no XINFO GROUPS lag, for instance), run from
 * the Linux x86_64 binary shipped in the test dependency com.github.codemonstur:embedded-redis, extracted
 * to a temp dir. Its log goes to target/test-servers/redis62-&lt;port&gt;.log.
 */
public final class Redis62Server implements AutoCloseable {

    // Despite its name this build reports redis_version:6.2.11.
    private static final String BINARY_RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";

    private final Path binaryDir;
    private final RedisServer server;

    private Redis62Server(String... extraArgs) {
        this.binaryDir = ServerLogs.tempDir("streamfit-redis62-bin-");
        try {
            Path binary = extractBinary(binaryDir);
            int port = FreePorts.next();
            this.server = RedisServer.start(binary.toString(), "redis62-" + port + ".log", port, extraArgs);
        } catch (RuntimeException e) {
            ServerLogs.deleteRecursively(binaryDir);
            throw e;
        }
    }

    /** {@code extraArgs} go to redis-server after the defaults of {@link RedisServer}, so they override them. */
    public static Redis62Server start(String... extraArgs) {
        return new Redis62Server(extraArgs);
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return server.url();
    }

    private static Path extractBinary(Path dir) {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("Redis62Server runs the Linux x86_64 binary " + BINARY_RESOURCE
                    + " only; this is " + os + " " + arch);
        }
        Path binary = dir.resolve("redis-server");
        try (InputStream in = Redis62Server.class.getResourceAsStream(BINARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BINARY_RESOURCE + " is not on the test classpath: "
                        + "is com.github.codemonstur:embedded-redis still a test dependency?");
            }
            Files.copy(in, binary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + BINARY_RESOURCE, e);
        }
        if (!binary.toFile().setExecutable(true, true)) {
            throw new IllegalStateException("cannot make " + binary + " executable");
        }
        return binary;
    }

    @Override
    public void close() {
        server.close();
        ServerLogs.deleteRecursively(binaryDir);
    }
}
