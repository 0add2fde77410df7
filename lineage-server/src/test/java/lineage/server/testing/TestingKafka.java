package lineage.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.UUID;

/**
 * The real Kafka broker the integration tests that want one share: its bootstrap servers in {@code
 * LINEAGE_TEST_KAFKA_BOOTSTRAP_SERVERS} ({@code deploy/local/kafka-stack.sh} starts one; {@code .ci/run} sets it).
 * Without it such a test is skipped, except in CI ({@code CI=true}), where it fails. Tests share the broker, so each
 * names its own topics and consumer groups ({@link #name}).
 */
public final class TestingKafka {
    private TestingKafka() {}

    /** The bootstrap servers, or the test is skipped (outside CI) or fails (in CI). */
    public static String bootstrapServers() {
        String servers = System.getenv("LINEAGE_TEST_KAFKA_BOOTSTRAP_SERVERS");
        boolean set = servers != null && !servers.isBlank();
        if (!set && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must name its Kafka broker in LINEAGE_TEST_KAFKA_BOOTSTRAP_SERVERS");
        }
        assumeTrue(set, "LINEAGE_TEST_KAFKA_BOOTSTRAP_SERVERS is not set: no real Kafka broker to test against");
        return servers.strip();
    }

    /** A topic or group name no other test (or earlier run against the same broker) uses: {@code prefix-<random>}. */
    public static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
