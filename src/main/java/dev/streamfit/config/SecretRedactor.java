package dev.streamfit.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Removes credentials from text that leaves the process (error messages in the API, logs).
 * It knows the configured secrets and also masks anything shaped like one, because a client
 * library may echo a URL or a JAAS line we never saw.
 */
@ApplicationScoped
public class SecretRedactor {

    static final String MASK = "****";
    private static final Pattern URL_USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern KEY_VALUE_SECRET = Pattern.compile(
            "(?i)((?:password|passwd|secret|token)\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;\"']+)");

    private final List<String> secrets;

    @Inject
    public SecretRedactor(StreamFitConfig config) {
        this(secretsOf(config));
    }

    SecretRedactor(List<String> secrets) {
        // Longest first so that a secret containing another is masked whole.
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 3).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        result = URL_USER_INFO.matcher(result).replaceAll("$1" + MASK + "@");
        return KEY_VALUE_SECRET.matcher(result).replaceAll("$1" + MASK);
    }

    private static List<String> secretsOf(StreamFitConfig config) {
        List<String> secrets = new ArrayList<>();
        config.redis().values().forEach(target -> {
            try {
                RedisUrl.parse(target.url()).password().ifPresent(secrets::add);
            } catch (IllegalArgumentException e) {
                // An unparsable URL stops start-up anyway; mask it whole meanwhile.
                secrets.add(target.url());
            }
        });
        config.kafka().values().forEach(target -> target.properties().forEach((key, value) -> {
            if (isSecretProperty(key)) {
                secrets.add(value);
            }
        }));
        StreamFitConfig.Alerts alerts = config.alerts();
        alerts.webhooks().values().forEach(webhook -> {
            // A webhook URL is often the credential itself (Slack's carries its token in the path).
            secrets.add(webhook.url());
            webhook.secret().ifPresent(secrets::add);
            addAuth(secrets, webhook.auth());
            webhook.headers().forEach((name, value) -> {
                if (isSecretHeader(name)) {
                    secrets.add(value);
                }
            });
        });
        addAuth(secrets, alerts.alertmanager().auth());
        config.api().adminToken().ifPresent(secrets::add);
        return secrets;
    }

    private static void addAuth(List<String> secrets, StreamFitConfig.Auth auth) {
        auth.bearerToken().ifPresent(secrets::add);
        auth.password().ifPresent(secrets::add);
    }

    /** Request headers that carry credentials: Authorization and anything named like a key or token. */
    public static boolean isSecretHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("authorization") || n.contains("key") || n.contains("token") || n.contains("secret")
                || n.contains("password") || n.contains("signature") || n.contains("cookie");
    }

    /** Kafka client properties that hold credentials: passwords, keys and JAAS lines. */
    public static boolean isSecretProperty(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key")
                || k.contains("token") || k.contains("credentials");
    }
}
