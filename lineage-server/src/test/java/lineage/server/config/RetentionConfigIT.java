package lineage.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link RetentionConfig}: {@code max-age} in the short form of docs/operations.md maps, {@code interval} keeps 1h. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionConfigIT implements TestPropertyProvider {
    @Inject
    RetentionConfig config;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.retention.max-age", "90d");
        return properties;
    }

    @Test
    void mapsMaxAgeAndKeepsTheDefaultInterval() {
        assertThat(config.maxAge()).contains(Duration.ofDays(90));
        assertThat(config.interval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesDurationsThatAreNotPositive() {
        assertThatThrownBy(() -> new RetentionConfig(Optional.of(Duration.ZERO), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.retention.max-age must be positive: PT0S");
        assertThatThrownBy(() -> new RetentionConfig(Optional.empty(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.retention.interval must be positive: PT-1S");
    }
}
