package dev.streamfit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real redis-server from PATH on a port of our own, without persistence, in a temp dir. Its log
 * goes to target/test-servers/.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final Path log;
    private final Process process;

    private RedisServer(String binary, String logName, int port, List<String> extraArgs) {
        this.port = port;
        this.dir = ServerLogs.tempDir("streamfit-redis-");
        this.log = ServerLogs.logFile(logName);
        List<String> command = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(),
                "--logfile", log.toString()));
        command.addAll(extraArgs);
        try {
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        awaitPong(Duration.ofSeconds(15));
    }

    public static RedisServer start() {
        int port = FreePorts.next();
        return new RedisServer(binary("redis-server"), "redis-" + port + ".log", port, List.of());
    }

    public static RedisServer startOn(int port, String... extraArgs) {
        return new RedisServer(binary("redis-server"), "redis-" + port + ".log", port, List.of(extraArgs));
    }

    /** A server of another binary or role (a cluster node, an older Redis), with a log of its own. */
    static RedisServer start(String binary, String logName, int port, String... extraArgs) {
        return new RedisServer(binary, logName, port, List.of(extraArgs));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Freezes (true) or thaws (false) the server: one that stops answering without closing its sockets. */
    public void freeze(boolean frozen) {
        ChildProcesses.freeze(process, frozen);
    }

    /** redis-server or redis-cli from PATH. */
    static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Path.of(dir, name).toFile().canExecute()) {
                return Path.of(dir, name).toString();
            }
        }
        throw new IllegalStateException(name + " is not on PATH: install the Debian package 'redis-server' "
                + "(apt-get install -y redis-server)");
    }

    private void awaitPong(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited:\n" + ServerLogs.tail(log, 20));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] reply = new byte[7];
                int read = socket.getInputStream().read(reply);
                if (read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within " + timeout
                + ":\n" + ServerLogs.tail(log, 20));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, 10);
        ServerLogs.deleteRecursively(dir);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
