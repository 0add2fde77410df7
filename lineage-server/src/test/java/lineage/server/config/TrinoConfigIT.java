package lineage.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link TrinoConfig}: the namespace and a comma-separated alias list, as the environment gives them. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoConfigIT implements TestPropertyProvider {
    @Inject
    TrinoConfig config;

    @Inject
    TrinoPollerConfig poller;

    @Inject
    TrinoSyncConfig sync;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.trino.namespace", "trino://trino.example.com:443");
        properties.put("lineage.trino.namespace-aliases", "http://10.0.0.5:8080, https://trino.example.com:443,");
        // The poller stays off (it would connect); its connection and defaults still map.
        properties.put("lineage.trino.poller.url", "jdbc:trino://trino.example.com:443?SSL=true");
        properties.put("lineage.trino.poller.default-catalog", "insights");
        properties.put("lineage.trino.poller.default-schema", " ");
        properties.put("lineage.trino.sync.catalogs", "insights, ordersdb,");
        return properties;
    }

    @Test
    void mapsTheNamespaceAndTheAliases() {
        assertThat(config.namespace()).contains("trino://trino.example.com:443");
        assertThat(config.namespaceAliases()).containsExactly("http://10.0.0.5:8080", "https://trino.example.com:443");
    }

    @Test
    void mapsThePollerAndTheSyncAndKeepsTheirDefaults() {
        assertThat(poller)
                .isEqualTo(new TrinoPollerConfig(
                        false,
                        Optional.of("jdbc:trino://trino.example.com:443?SSL=true"),
                        "lineage",
                        Optional.empty(),
                        Duration.ofMinutes(1),
                        Optional.of("insights"),
                        Optional.empty()));
        assertThat(sync).isEqualTo(new TrinoSyncConfig(List.of("insights", "ordersdb"), Duration.ofHours(1)));
    }

    @Test
    void refusesAPollerWithoutUrlAndBadValues() {
        Optional<String> none = Optional.empty();
        assertThatThrownBy(() -> new TrinoPollerConfig(true, none, "lineage", none, Duration.ofMinutes(1), none, none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.trino.poller.url is required when the poller is enabled");
        assertThatThrownBy(() -> new TrinoPollerConfig(
                        false, Optional.of("http://trino:8080"), "lineage", none, Duration.ofMinutes(1), none, none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.trino.poller.url must start with jdbc:trino://, not http://trino:8080");
        assertThatThrownBy(() -> new TrinoSyncConfig(List.of("insights; DROP"), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.trino.sync.catalogs: 'insights; DROP' is not a catalog name");
    }

    @Test
    void dropsBlankAliases() {
        assertThat(new TrinoConfig(Optional.of("trino://t:1"), List.of(" ", "http://a:2 ")))
                .isEqualTo(new TrinoConfig(Optional.of("trino://t:1"), List.of("http://a:2")));
        assertThat(new TrinoConfig(Optional.of("trino://t:1"), null).namespaceAliases())
                .isEmpty();
        assertThat(new TrinoConfig(Optional.of(" "), null).namespace()).isEmpty();
    }
}
