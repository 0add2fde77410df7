package lineage.server.config;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@link LineageConfig}: its defaults, and a key of {@code application.yml} mapping onto it; the defaults of
 * {@link AuthConfig} and {@link RetentionConfig}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageConfigIT implements TestPropertyProvider {
    @Inject
    LineageConfig config;

    @Inject
    AuthConfig auth;

    @Inject
    RetentionConfig retention;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.max-graph-nodes", "77");
        return properties;
    }

    @Test
    void mapsItsKeysAndKeepsItsDefaults() {
        assertThat(config.maxGraphNodes()).isEqualTo(77);
        assertThat(config.maxEventBytes()).isEqualTo(33_554_432);
        assertThat(config.maxGroupWait()).isEqualTo(Duration.ofMillis(1));
        assertThat(config.sqlCacheBytes()).isEqualTo(33_554_432L);
    }

    @Test
    void apiKeysAndRetentionAreOffByDefault() {
        assertThat(auth.writeKeys()).isEmpty();
        assertThat(auth.readKeys()).isEmpty();
        assertThat(retention.maxAge()).isEmpty();
        assertThat(retention.interval()).isEqualTo(Duration.ofHours(1));
    }
}
