package dev.streamfit.config;

import java.util.ArrayList;
import java.util.List;

/** Parses and checks a Kafka {@code host:port[,host:port]} list. */
public final class BootstrapServers {

    private BootstrapServers() {
    }

    public static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; expected host:port[,host:port]");
        }
        List<String> servers = new ArrayList<>();
        for (String part : text.split(",")) {
            String server = part.trim();
            if (server.isEmpty()) {
                throw new IllegalArgumentException("has an empty entry in '" + text + "'; expected host:port[,host:port]");
            }
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || colon == server.length() - 1) {
                throw new IllegalArgumentException("entry '" + server + "' is not host:port");
            }
            String port = server.substring(colon + 1);
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("entry '" + server + "' has port '" + port + "' that is not a number");
            }
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("entry '" + server + "' has port " + number + " outside 1-65535");
            }
            servers.add(server);
        }
        return servers;
    }
}
