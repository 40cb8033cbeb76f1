package dev.streamfit.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A parsed {@code redis://} or {@code rediss://} URL. Parsing explains what is wrong so that
 * start-up can name the key and the fault.
 */
public record RedisUrl(boolean tls, Optional<String> user, Optional<String> password, String host, int port, int database) {

    public static final int DEFAULT_PORT = 6379;

    public static RedisUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; expected redis://[user:password@]host:port[/db]");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + "); expected redis://[user:password@]host:port[/db]");
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("has no scheme; expected redis:// or rediss://");
        }
        boolean tls;
        switch (scheme.toLowerCase()) {
            case "redis" -> tls = false;
            case "rediss" -> tls = true;
            default -> throw new IllegalArgumentException("has unknown scheme '" + scheme + "'; expected redis:// or rediss://");
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            throw new IllegalArgumentException("has an invalid host or port '" + redactUserInfo(uri.getRawAuthority()) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host; expected redis://[user:password@]host:port[/db]");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("has port " + port + " outside 1-65535");
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            try {
                database = Integer.parseInt(db);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has database '" + db + "' that is not a number");
            }
            if (database < 0) {
                throw new IllegalArgumentException("has negative database " + database);
            }
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("has a query or fragment; expected redis://[user:password@]host:port[/db]");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                // redis://secret@host is the classic form: a password for the default user.
                password = Optional.of(userInfo);
            } else {
                String u = userInfo.substring(0, colon);
                user = u.isEmpty() ? Optional.empty() : Optional.of(u);
                password = Optional.of(userInfo.substring(colon + 1));
            }
        }
        return new RedisUrl(tls, user, password, uri.getHost(), port, database);
    }

    private static String redactUserInfo(String authority) {
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : "****@" + authority.substring(at + 1);
    }

    /** host:port, for messages; never carries credentials. */
    public String address() {
        return host + ":" + port;
    }
}
