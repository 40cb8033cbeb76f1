package dev.streamfit.alerting;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">},
 * keyed with the bytes of the base64 secret after {@code whsec_}.
 */
public final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";
    /** The key sizes Standard Webhooks allows. */
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;

    private final SecretKeySpec key;

    private WebhookSignature(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** From {@code whsec_<base64>} (the prefix may be left out); an IllegalArgumentException says what is wrong, never the secret. */
    public static WebhookSignature of(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not whsec_ followed by base64");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("decodes to " + key.length + " bytes; Standard Webhooks keys have " + MIN_KEY_BYTES + " to "
                    + MAX_KEY_BYTES + " (e.g. whsec_ + the base64 of 32 random bytes: openssl rand -base64 32)");
        }
        return new WebhookSignature(key);
    }

    /** The {@code webhook-signature} header's value for one attempt. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
