package lineage.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link TrinoConfig}: the namespace and a comma-separated alias list, as the environment gives them. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoConfigIT implements TestPropertyProvider {
    @Inject
    TrinoConfig config;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.trino.namespace", "trino://trino.example.com:443");
        properties.put("lineage.trino.namespace-aliases", "http://10.0.0.5:8080, https://trino.example.com:443,");
        return properties;
    }

    @Test
    void mapsTheNamespaceAndTheAliases() {
        assertThat(config.namespace()).isEqualTo("trino://trino.example.com:443");
        assertThat(config.namespaceAliases()).containsExactly("http://10.0.0.5:8080", "https://trino.example.com:443");
    }

    @Test
    void dropsBlankAliases() {
        assertThat(new TrinoConfig("trino://t:1", List.of(" ", "http://a:2 ")))
                .isEqualTo(new TrinoConfig("trino://t:1", List.of("http://a:2")));
        assertThat(new TrinoConfig("trino://t:1", null).namespaceAliases()).isEmpty();
    }
}
