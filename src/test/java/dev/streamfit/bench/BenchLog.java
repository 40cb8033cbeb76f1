package dev.streamfit.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Progress lines on standard output while a benchmark runs (minutes at full size): what it is doing
 * now, without the Kafka clients' INFO lines (every client's whole configuration) in between.
 */
final class BenchLog {

    /** Held: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger KAFKA_CLIENTS = Logger.getLogger("org.apache.kafka");

    private BenchLog() {
    }

    static void quietKafkaClients() {
        KAFKA_CLIENTS.setLevel(Level.WARNING);
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
