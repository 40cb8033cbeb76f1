package dev.streamfit.metrics;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * The answer to one scrape as the pieces it is made of — Micrometer's text, each family's header,
 * each target's rendered chunks — written to the response one after the other without being copied
 * into one array first. At 10,000 streams the answer is 26 MB: as one buffer it was a humongous object
 * for G1 (and grew by copying) at every scrape. The pieces are immutable once rendered, so the
 * response may send them as they are.
 */
final class ScrapeBody {

    private final List<Buffer> pieces = new ArrayList<>();
    private long size;

    /** Appends the first {@code length} bytes of {@code bytes}, which nobody changes afterwards. */
    ScrapeBody add(byte[] bytes, int length) {
        if (length > 0) {
            pieces.add(Buffer.buffer(Unpooled.wrappedBuffer(bytes, 0, length)));
            size += length;
        }
        return this;
    }

    ScrapeBody add(byte[] bytes) {
        return add(bytes, bytes.length);
    }

    long size() {
        return size;
    }

    /** Sends the body with its length (no chunked encoding) and ends the response; on the response's event loop. */
    void send(HttpServerResponse response) {
        response.putHeader("Content-Length", Long.toString(size));
        for (Buffer piece : pieces) {
            response.write(piece);
        }
        response.end();
    }

    /** The whole body in one buffer (for tests that read it as text). */
    Buffer toBuffer() {
        Buffer all = Buffer.buffer((int) size);
        pieces.forEach(all::appendBuffer);
        return all;
    }
}
