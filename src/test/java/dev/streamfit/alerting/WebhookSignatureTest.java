package dev.streamfit.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Standard Webhooks signatures, against the specification's published test vector. */
class WebhookSignatureTest {

    @Test
    void signsThePublishedTestVector() {
        WebhookSignature signature = WebhookSignature.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSecretThatIsNotBase64OrTooShortIsRefusedWithoutShowingIt() {
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class, () -> WebhookSignature.of("whsec_not base64!!"));
        assertTrue(!notBase64.getMessage().contains("not base64!!"), notBase64.getMessage());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> WebhookSignature.of("whsec_c2hvcnQ="));
        assertTrue(tooShort.getMessage().contains("5 bytes"), tooShort.getMessage());
    }
}
