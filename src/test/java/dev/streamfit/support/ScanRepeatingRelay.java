package dev.streamfit.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay in front of a real Redis that passes every command and reply through unchanged (RESP2),
 * except that the last SCAN reply of an iteration also carries the iteration's first key once more —
 * what Redis documents that SCAN may do when its table is resized during an iteration, and what a
 * real Redis 7.0 does only at moments a test cannot choose. Everything else is the real server's.
 */
public final class ScanRepeatingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int redisPort;
    private final AtomicInteger repeated = new AtomicInteger();
    private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ScanRepeatingRelay(int redisPort) throws IOException {
        this.redisPort = redisPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scan-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** SCAN replies that carried a key a second time. */
    public int repeated() {
        return repeated.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                sockets.add(client);
                sockets.add(server);
                Queue<String> commands = new ConcurrentLinkedQueue<>();
                start("scan-relay-commands", () -> commands(client.getInputStream(), server.getOutputStream(), commands));
                start("scan-relay-replies", () -> replies(server.getInputStream(), client.getOutputStream(), commands));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private interface Pump {
        void run() throws IOException;
    }

    private void start(String name, Pump pump) {
        Thread thread = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException closed) {
                // the other side went away: so does this relay connection
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void commands(InputStream from, OutputStream to, Queue<String> commands) throws IOException {
        InputStream in = new BufferedInputStream(from);
        while (true) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            Object frame = read(in, raw);
            if (frame instanceof List<?> parts && !parts.isEmpty() && parts.get(0) instanceof byte[] name) {
                commands.add(new String(name, StandardCharsets.UTF_8).toUpperCase());
            } else {
                commands.add("");
            }
            to.write(raw.toByteArray());
            to.flush();
        }
    }

    private void replies(InputStream from, OutputStream to, Queue<String> commands) throws IOException {
        InputStream in = new BufferedInputStream(from);
        byte[] firstKeyOfIteration = null;
        while (true) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            Object reply = read(in, raw);
            String command = commands.poll();
            if ("SCAN".equals(command) && reply instanceof List<?> scan && scan.size() == 2 && scan.get(1) instanceof List<?> keys) {
                if (firstKeyOfIteration == null && !keys.isEmpty()) {
                    firstKeyOfIteration = (byte[]) keys.get(0);
                }
                String cursor = new String((byte[]) scan.get(0), StandardCharsets.UTF_8);
                if ("0".equals(cursor) && firstKeyOfIteration != null) {
                    List<Object> withRepeat = new ArrayList<>(keys);
                    withRepeat.add(firstKeyOfIteration);
                    to.write(scanReply(cursor, withRepeat));
                    to.flush();
                    repeated.incrementAndGet();
                    firstKeyOfIteration = null;
                    continue;
                }
                if ("0".equals(cursor)) {
                    firstKeyOfIteration = null;
                }
            }
            to.write(raw.toByteArray());
            to.flush();
        }
    }

    private static byte[] scanReply(String cursor, List<Object> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*2\r\n$" + cursor.length() + "\r\n" + cursor + "\r\n*" + keys.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (Object key : keys) {
            byte[] bytes = (byte[]) key;
            out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** One RESP2 value: simple strings, errors and integers as strings, bulk strings as bytes, arrays as lists. */
    private static Object read(InputStream in, ByteArrayOutputStream raw) throws IOException {
        String line = readLine(in, raw);
        switch (line.charAt(0)) {
            case '+', '-', ':' -> {
                return line.substring(1);
            }
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                if (bytes.length < length + 2) {
                    throw new IOException("closed");
                }
                raw.write(bytes);
                return java.util.Arrays.copyOf(bytes, length);
            }
            case '*' -> {
                int count = Integer.parseInt(line.substring(1));
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in, raw));
                }
                return items;
            }
            default -> throw new IOException("not RESP2: " + line);
        }
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder line = new StringBuilder();
        int previous = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
            raw.write(c);
            if (previous == '\r' && c == '\n') {
                return line.substring(0, line.length() - 1);
            }
            line.append((char) c);
            previous = c;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
