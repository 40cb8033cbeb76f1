package dev.streamfit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {

    private final SecretRedactor redactor = new SecretRedactor(List.of("hunter22", "Kafka-Pw"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "known secret anywhere | NOAUTH for hunter22 failed | NOAUTH for **** failed",
            "user info in a URL | cannot reach redis://ops:other@host:6379/0 | cannot reach redis://****@host:6379/0",
            "JAAS password | password=\"Kafka-Pw\" rejected | password=**** rejected",
            "unknown JAAS password | username=\"a\" password=\"zzz\"; | username=\"a\" password=****;",
            "nothing to hide | Connection refused: /127.0.0.1:6390 | Connection refused: /127.0.0.1:6390"
    })
    void masksCredentials(String name, String text, String expected) {
        assertEquals(expected, redactor.redact(text));
    }
}
