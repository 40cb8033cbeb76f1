package dev.streamfit.redis;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Redis key, group or consumer name exactly as stored (any bytes), with a display name that is valid UTF-8: bytes that
 * are not UTF-8 are shown as {@code \xNN} and a literal backslash as {@code \\}, so two different
 * keys never share a display name.
 */
public final class RedisName {

    private final byte[] raw;
    private final String display;

    public RedisName(byte[] raw) {
        this.raw = raw.clone();
        this.display = display(raw);
    }

    public static RedisName of(String name) {
        return new RedisName(name.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] raw() {
        return raw.clone();
    }

    public String display() {
        return display;
    }

    private static String display(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return text.indexOf('\\') < 0 ? text : text.replace("\\", "\\\\");
        } catch (CharacterCodingException e) {
            return escapeInvalid(bytes);
        }
    }

    /** Decodes valid UTF-8 runs and escapes every byte that does not belong to one. */
    private static String escapeInvalid(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(bytes.length + 1);
        while (in.hasRemaining()) {
            chars.clear();
            var result = decoder.decode(in, chars, true);
            chars.flip();
            out.append(chars.toString().replace("\\", "\\\\"));
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.append(String.format("\\x%02x", in.get() & 0xff));
                }
            }
            decoder.reset();
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisName other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return display;
    }
}
