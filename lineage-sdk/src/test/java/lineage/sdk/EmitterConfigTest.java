package lineage.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openlineage.client.transports.ConsoleConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.sdk.sql.SqlContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmitterConfigTest {
    @TempDir
    Path directory;

    @Test
    void defaults() {
        EmitterConfig config = LineageEmitter.builder().toConfig();

        assertThat(config.endpointUri()).isEqualTo(URI.create("http://localhost:5000/api/v1/lineage"));
        assertThat(config.auth()).isEmpty();
        assertThat(config.headers()).isEmpty();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.transport()).isEmpty();
        assertThat(config.namespace()).isEqualTo("default");
        assertThat(config.producer()).isEqualTo(EmitterBuilder.PRODUCER);
        assertThat(config.queueCapacity()).isEqualTo(10_000);
        assertThat(config.maxBatchSize()).isEqualTo(500);
        assertThat(config.spoolDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "lineage-spool"));
        assertThat(config.maxSpoolBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(config.retryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.maxRetryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.sqlContext()).isEmpty();
    }

    @Test
    void explicitValues() {
        EmitterConfig config = LineageEmitter.builder()
                .url("https://lineage.example.com/")
                .endpoint("/v2/events")
                .apiKey("secret")
                .header("X-Team", "orders")
                .requestTimeout(Duration.ofSeconds(2))
                .namespace("etl")
                .producer(URI.create("https://example.com/job"))
                .queueCapacity(10)
                .maxBatchSize(1)
                .spoolDirectory(directory)
                .maxSpoolBytes(1024)
                .retryInterval(Duration.ofMillis(10), Duration.ofSeconds(1))
                .closeTimeout(Duration.ZERO)
                .sqlContext(SqlContext.of("trino://trino:8080"))
                .toConfig();

        assertThat(config.endpointUri()).isEqualTo(URI.create("https://lineage.example.com/v2/events"));
        assertThat(config.auth().orElseThrow().getToken()).isEqualTo("Bearer secret");
        assertThat(config.headers()).isEqualTo(Map.of("X-Team", "orders"));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.namespace()).isEqualTo("etl");
        assertThat(config.producer()).isEqualTo(URI.create("https://example.com/job"));
        assertThat(List.of(config.queueCapacity(), config.maxBatchSize())).containsExactly(10, 1);
        assertThat(config.spoolDirectory()).isEqualTo(directory);
        assertThat(config.maxSpoolBytes()).isEqualTo(1024);
        assertThat(config.retryInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(config.maxRetryInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.closeTimeout()).isZero();
        assertThat(config.sqlContext()).contains(SqlContext.of("trino://trino:8080"));
    }

    @Test
    void openLineageYamlWithAnHttpTransport() throws IOException {
        Path yaml = directory.resolve("openlineage.yml");
        Files.writeString(
                yaml,
                """
                transport:
                  type: http
                  url: http://lineage:5000
                  endpoint: api/v1/lineage
                  timeoutInMillis: 1500
                  auth:
                    type: api_key
                    apiKey: from-yaml
                  headers:
                    X-Source: yaml
                job:
                  namespace: yaml_jobs
                """);

        EmitterConfig config = LineageEmitter.builder().openLineageYaml(yaml).toConfig();

        assertThat(config.endpointUri()).isEqualTo(URI.create("http://lineage:5000/api/v1/lineage"));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.auth().orElseThrow().getToken()).isEqualTo("Bearer from-yaml");
        assertThat(config.headers()).isEqualTo(Map.of("X-Source", "yaml"));
        assertThat(config.namespace()).isEqualTo("yaml_jobs");
        assertThat(config.transport()).isEmpty();
    }

    @Test
    void anotherTransportReplacesHttpDelivery() throws IOException {
        Path yaml = directory.resolve("openlineage.yml");
        Files.writeString(yaml, "transport:\n  type: console\n");

        EmitterConfig config = LineageEmitter.builder().openLineageYaml(yaml).toConfig();

        assertThat(config.transport()).containsInstanceOf(ConsoleConfig.class);
    }

    @Test
    void loadConfigFindsTheYamlLikeOpenLineageJavaThenAppliesTheEnvironment() throws IOException {
        Path yaml = directory.resolve("openlineage.yml");
        Files.writeString(yaml, "transport:\n  type: http\n  url: http://from-yaml:5000\n");

        EmitterConfig config = LineageEmitter.builder()
                .loadConfig(
                        () -> List.of(directory.resolve("absent.yml"), yaml),
                        Map.of("OPENLINEAGE_NAMESPACE", "env_jobs"))
                .toConfig();

        assertThat(config.url()).isEqualTo(URI.create("http://from-yaml:5000"));
        assertThat(config.namespace()).isEqualTo("env_jobs");
    }

    @Test
    void environmentVariables() {
        EmitterConfig config = LineageEmitter.builder()
                .environment(Map.of(
                        "OPENLINEAGE_URL", "http://env:5000",
                        "OPENLINEAGE_ENDPOINT", "/api/v1/lineage",
                        "OPENLINEAGE_API_KEY", "env-key",
                        "OPENLINEAGE_NAMESPACE", "env_jobs",
                        "LINEAGE_SPOOL_DIR", directory.toString()))
                .toConfig();

        assertThat(config.endpointUri()).isEqualTo(URI.create("http://env:5000/api/v1/lineage"));
        assertThat(config.auth().map(provider -> provider.getToken())).isEqualTo(Optional.of("Bearer env-key"));
        assertThat(config.namespace()).isEqualTo("env_jobs");
        assertThat(config.spoolDirectory()).isEqualTo(directory);
    }

    @Test
    void invalidValuesAreRefusedByName() {
        assertThatThrownBy(() -> LineageEmitter.builder().queueCapacity(0).toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid queueCapacity: 0");
        assertThatThrownBy(() -> LineageEmitter.builder().maxBatchSize(0).toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid maxBatchSize: 0");
        assertThatThrownBy(() -> LineageEmitter.builder().endpoint("api").toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid endpoint: 'api'");
        assertThatThrownBy(() -> LineageEmitter.builder().namespace(" ").toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid namespace: ' '");
        assertThatThrownBy(() -> LineageEmitter.builder()
                        .retryInterval(Duration.ZERO, Duration.ofSeconds(1))
                        .toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid retryInterval: PT0S");
    }
}
