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

/** {@link AuthConfig}: a comma-separated value, as {@code LINEAGE_WRITE_KEYS} gives it, becomes the list of keys. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthConfigIT implements TestPropertyProvider {
    @Inject
    AuthConfig config;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.auth.write-keys", "first-key, second-key,");
        return properties;
    }

    @Test
    void mapsCommaSeparatedKeysAndKeepsTheOtherListEmpty() {
        assertThat(config.writeKeys()).containsExactly("first-key", "second-key");
        assertThat(config.readKeys()).isEmpty();
    }

    @Test
    void dropsBlankKeys() {
        assertThat(new AuthConfig(List.of(" ", "key "), List.of("")))
                .isEqualTo(new AuthConfig(List.of("key"), List.of()));
    }
}
