package lineage.sdk;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.ConfigPathProvider;
import io.openlineage.client.OpenLineageConfig;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.TokenProvider;
import io.openlineage.client.transports.TransportConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import lineage.sdk.sql.SqlContext;

/**
 * Configuration of a {@link LineageEmitter} from code, {@code openlineage.yml} or the environment; later calls win.
 * {@link #toConfig()} validates it. Not thread-safe. See {@link EmitterConfig} for the meaning of each value.
 */
public final class EmitterBuilder {
    /** The producer URI of the SDK's events. */
    public static final URI PRODUCER = URI.create("https://github.com/io-github-lineage/lineage/tree/main/lineage-sdk");

    private URI url = URI.create("http://localhost:5000");
    private String endpoint = "/api/v1/lineage";
    private Optional<TokenProvider> auth = Optional.empty();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Optional<TransportConfig> transport = Optional.empty();
    private String namespace = "default";
    private URI producer = PRODUCER;
    private int queueCapacity = 10_000;
    private int maxBatchSize = 500;
    private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"), "lineage-spool");
    private long maxSpoolBytes = 256L * 1024 * 1024;
    private Duration retryInterval = Duration.ofMillis(500);
    private Duration maxRetryInterval = Duration.ofSeconds(30);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private Optional<SqlContext> sqlContext = Optional.empty();

    EmitterBuilder() {}

    /** The lineage server (or any OpenLineage HTTP endpoint); events go to this URL plus the endpoint path. */
    public EmitterBuilder url(String url) {
        return url(URI.create(requireNonNull(url, "url is null")));
    }

    public EmitterBuilder url(URI url) {
        this.url = requireNonNull(url, "url is null");
        this.transport = Optional.empty();
        return this;
    }

    public EmitterBuilder endpoint(String endpoint) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        return this;
    }

    /** Sent as {@code Authorization: Bearer <key>}, as the server's write keys expect. */
    public EmitterBuilder apiKey(String apiKey) {
        ApiKeyTokenProvider provider = new ApiKeyTokenProvider();
        provider.setApiKey(requireNonNull(apiKey, "apiKey is null"));
        this.auth = Optional.of(provider);
        return this;
    }

    public EmitterBuilder header(String name, String value) {
        headers.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return this;
    }

    public EmitterBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = requireNonNull(timeout, "timeout is null");
        return this;
    }

    /** The default job namespace. */
    public EmitterBuilder namespace(String namespace) {
        this.namespace = requireNonNull(namespace, "namespace is null");
        return this;
    }

    public EmitterBuilder producer(URI producer) {
        this.producer = requireNonNull(producer, "producer is null");
        return this;
    }

    /** Events held in memory before callers write overflowing events to the spool themselves. */
    public EmitterBuilder queueCapacity(int capacity) {
        this.queueCapacity = capacity;
        return this;
    }

    /** Events per request; 1 posts single events, for OpenLineage servers that do not take JSON arrays. */
    public EmitterBuilder maxBatchSize(int size) {
        this.maxBatchSize = size;
        return this;
    }

    public EmitterBuilder spoolDirectory(Path directory) {
        this.spoolDirectory = requireNonNull(directory, "directory is null");
        return this;
    }

    /** Past this size on disk, events that cannot be sent are dropped (counted, logged at WARN). */
    public EmitterBuilder maxSpoolBytes(long bytes) {
        this.maxSpoolBytes = bytes;
        return this;
    }

    /** The first wait before sending the spool again; it doubles up to {@code max} while the server stays away. */
    public EmitterBuilder retryInterval(Duration first, Duration max) {
        this.retryInterval = requireNonNull(first, "first is null");
        this.maxRetryInterval = requireNonNull(max, "max is null");
        return this;
    }

    public EmitterBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = requireNonNull(timeout, "timeout is null");
        return this;
    }

    /** Where {@link JobRun#sql(String)} finds its tables (default: the job namespace, names as written). */
    public EmitterBuilder sqlContext(SqlContext context) {
        this.sqlContext = Optional.of(requireNonNull(context, "context is null"));
        return this;
    }

    /**
     * Applies openlineage-java's configuration: an {@code http} transport sets the URL, endpoint, auth, timeout and
     * headers; any other transport (console, file, Kafka, composite, …) replaces the HTTP delivery; {@code
     * job.namespace} sets the namespace.
     */
    public EmitterBuilder openLineageConfig(OpenLineageConfig<?> config) {
        requireNonNull(config, "config is null");
        TransportConfig transportConfig = config.getTransportConfig();
        if (transportConfig instanceof HttpConfig) {
            HttpConfig http = (HttpConfig) transportConfig;
            url(requireNonNull(http.getUrl(), "transport.url is null"));
            if (http.getEndpoint() != null) {
                endpoint(http.getEndpoint().startsWith("/") ? http.getEndpoint() : "/" + http.getEndpoint());
            }
            if (http.getAuth() != null) {
                auth = Optional.of(http.getAuth());
            }
            if (http.getTimeoutInMillis() != null) {
                requestTimeout(Duration.ofMillis(http.getTimeoutInMillis()));
            }
            if (http.getHeaders() != null) {
                headers.putAll(http.getHeaders());
            }
        } else if (transportConfig != null) {
            transport = Optional.of(transportConfig);
        }
        if (config.getJobConfig() != null && config.getJobConfig().getNamespace() != null) {
            namespace(config.getJobConfig().getNamespace());
        }
        return this;
    }

    /** Reads and applies an {@code openlineage.yml}. */
    public EmitterBuilder openLineageYaml(Path file) {
        try (InputStream yaml = Files.newInputStream(file)) {
            return openLineageConfig(LineageEmitter.readConfig(yaml));
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + file, exception);
        }
    }

    /**
     * Applies {@code openlineage.yml} as openlineage-java finds it ({@code OPENLINEAGE_CONFIG}, the working
     * directory, {@code ~/.openlineage/}), else the {@code OPENLINEAGE__…} variables, then {@link #environment}.
     */
    public EmitterBuilder loadConfig(ConfigPathProvider paths, Map<String, String> environment) {
        Optional<Path> file = LineageEmitter.findConfigFile(paths);
        if (file.isPresent()) {
            openLineageYaml(file.get());
        } else {
            LineageEmitter.environmentConfig().ifPresent(this::openLineageConfig);
        }
        return environment(environment);
    }

    /**
     * Applies {@code OPENLINEAGE_URL}, {@code OPENLINEAGE_ENDPOINT}, {@code OPENLINEAGE_API_KEY},
     * {@code OPENLINEAGE_NAMESPACE} and {@code LINEAGE_SPOOL_DIR} when set.
     */
    public EmitterBuilder environment(Map<String, String> environment) {
        value(environment, "OPENLINEAGE_URL").ifPresent(this::url);
        value(environment, "OPENLINEAGE_ENDPOINT").ifPresent(this::endpoint);
        value(environment, "OPENLINEAGE_API_KEY").ifPresent(this::apiKey);
        value(environment, "OPENLINEAGE_NAMESPACE").ifPresent(this::namespace);
        value(environment, "LINEAGE_SPOOL_DIR").map(Path::of).ifPresent(this::spoolDirectory);
        return this;
    }

    /** The validated configuration. */
    public EmitterConfig toConfig() {
        return new EmitterConfig(
                url,
                endpoint,
                auth,
                headers,
                requestTimeout,
                transport,
                namespace,
                producer,
                queueCapacity,
                maxBatchSize,
                spoolDirectory,
                maxSpoolBytes,
                retryInterval,
                maxRetryInterval,
                closeTimeout,
                sqlContext);
    }

    public LineageEmitter build() {
        return new LineageEmitter(toConfig());
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
