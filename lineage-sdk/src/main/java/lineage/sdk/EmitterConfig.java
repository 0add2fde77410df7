package lineage.sdk;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.transports.TokenProvider;
import io.openlineage.client.transports.TransportConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import lineage.sdk.sql.SqlContext;

/**
 * How a {@link LineageEmitter} delivers: the server ({@code url} + {@code endpoint}, with {@code auth} and
 * {@code headers}), or another openlineage-java transport ({@code transport}: console, file, Kafka, …); the job
 * namespace and producer; the bounded queue, the batch size, the spool and its retry back-off; and the SQL context
 * of {@link JobRun#sql(String)}. Built by {@link LineageEmitter.Builder}.
 */
public record EmitterConfig(
        URI url,
        String endpoint,
        Optional<TokenProvider> auth,
        Map<String, String> headers,
        Duration requestTimeout,
        Optional<TransportConfig> transport,
        String namespace,
        URI producer,
        int queueCapacity,
        int maxBatchSize,
        Path spoolDirectory,
        long maxSpoolBytes,
        Duration retryInterval,
        Duration maxRetryInterval,
        Duration closeTimeout,
        Optional<SqlContext> sqlContext) {
    public EmitterConfig {
        requireNonNull(url, "url is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(auth, "auth is null");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(headers, "headers is null")));
        requireNonNull(transport, "transport is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(producer, "producer is null");
        requireNonNull(spoolDirectory, "spoolDirectory is null");
        requireNonNull(sqlContext, "sqlContext is null");
        positive(requestTimeout, "requestTimeout");
        positive(retryInterval, "retryInterval");
        positive(maxRetryInterval, "maxRetryInterval");
        requireNonNull(closeTimeout, "closeTimeout is null");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("invalid closeTimeout: " + closeTimeout);
        }
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("invalid namespace: '" + namespace + "'");
        }
        if (!endpoint.startsWith("/")) {
            throw new IllegalArgumentException("invalid endpoint: '" + endpoint + "'");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("invalid queueCapacity: " + queueCapacity);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("invalid maxBatchSize: " + maxBatchSize);
        }
        if (maxSpoolBytes < 1) {
            throw new IllegalArgumentException("invalid maxSpoolBytes: " + maxSpoolBytes);
        }
    }

    /** Where events are posted: {@code url} with {@code endpoint} as its path. */
    public URI endpointUri() {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + endpoint);
    }

    private static void positive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("invalid " + name + ": " + duration);
        }
    }
}
