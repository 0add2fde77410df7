package lineage.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link LimitsConfig}: its defaults and a key mapping onto it; and the HTTP layer's body limits, which follow {@code
 * lineage.max-event-bytes} (its default here).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsConfigIT implements TestPropertyProvider {
    @Inject
    LimitsConfig limits;

    @Inject
    HttpServerConfiguration http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.limits.max-work-time", "5s");
        return properties;
    }

    @Test
    void mapsItsKeysAndKeepsItsDefaults() {
        assertThat(limits.maxWorkTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.maxSchemaChanges()).isEqualTo(1000);
        assertThat(limits.maxDdlBytes()).isEqualTo(1_048_576);
        assertThat(limits.sqlParseTime()).isEqualTo(Duration.ofMillis(1400));
        assertThat(limits.maxBatchEvents()).isEqualTo(100_000);
    }

    @Test
    void theHttpLayerFollowsTheEventLimit() {
        assertThat(http.getMaxRequestSize()).isEqualTo(33_554_432L);
        assertThat(http.getMaxRequestBufferSize()).isEqualTo(33_554_432L);
    }

    @Test
    void refusesTimesThatAreNotPositive() {
        assertThatThrownBy(() -> new LimitsConfig(1, 1, Duration.ZERO, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.limits.max-work-time must be positive: PT0S");
        assertThatThrownBy(() -> new LimitsConfig(1, 1, Duration.ofSeconds(1), Duration.ofMillis(-1), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.limits.sql-parse-time must be positive: PT-0.001S");
    }
}
