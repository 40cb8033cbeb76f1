package dev.streamfit.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes written once and then sent many times, kept in chunks of 16 KiB that are never grown by
 * copying: 10 MB of JSON as one array is a humongous object for G1, allocated in the old generation,
 * and copied at every doubling on the way there.
 */
final class JsonChunks extends OutputStream {

    static final int CHUNK = 16 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk;
    private int used = CHUNK; // no chunk yet: as if the last one were full
    private long size;

    @Override
    public void write(int b) {
        if (used == CHUNK) {
            next();
        }
        chunk[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int from = offset;
        int end = offset + length;
        while (from < end) {
            if (used == CHUNK) {
                next();
            }
            int n = Math.min(end - from, CHUNK - used);
            System.arraycopy(bytes, from, chunk, used, n);
            used += n;
            from += n;
        }
        size += length;
    }

    private void next() {
        chunk = new byte[CHUNK];
        chunks.add(chunk);
        used = 0;
    }

    long size() {
        return size;
    }

    /** Writes every byte written so far to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, i == chunks.size() - 1 ? used : CHUNK);
        }
    }
}
