package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lineage.server.config.AuthConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;

/**
 * API keys, when configured ({@link AuthConfig}): {@code Authorization: Bearer <key>}, as OpenLineage clients send
 * with {@code transport.auth.apiKey}. Writes need a write key; reads need a read or a write key. Every path but
 * {@code /health} is guarded, so a path spelled unusually cannot slip past a prefix match.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ApiKeyFilter {
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BEARER = "Bearer ";

    private final List<byte[]> writeKeys;
    private final List<byte[]> readKeys;
    private final boolean readsGuarded;
    private final ProblemRenderer renderer;

    public ApiKeyFilter(AuthConfig config, ProblemRenderer renderer) {
        this.renderer = renderer;
        this.writeKeys = digests(config.writeKeys());
        List<byte[]> read = new ArrayList<>(digests(config.readKeys()));
        read.addAll(writeKeys);
        this.readKeys = List.copyOf(read);
        this.readsGuarded = !config.readKeys().isEmpty();
    }

    /** Null lets the request through; otherwise the 401 to answer. */
    @RequestFilter
    @Nullable
    public HttpResponse<Problem> authorize(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals("/health") || path.startsWith("/health/")) {
            return null;
        }
        boolean read = READS.contains(request.getMethod());
        if (read ? !readsGuarded : writeKeys.isEmpty()) {
            return null;
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized(request, "this request needs an API key: Authorization: Bearer <key>");
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).strip());
        if (!matchesAny(presented, read ? readKeys : writeKeys)) {
            return unauthorized(
                    request, read ? "the API key is not a read or write key" : "the API key is not a write key");
        }
        return null;
    }

    /** Compares with every key, each in constant time, so timing tells nothing about which or how much matched. */
    private static boolean matchesAny(byte[] presented, List<byte[]> keys) {
        boolean matched = false;
        for (byte[] key : keys) {
            matched |= MessageDigest.isEqual(presented, key);
        }
        return matched;
    }

    private HttpResponse<Problem> unauthorized(HttpRequest<?> request, String detail) {
        return renderer.render(request, new LineageException(ErrorCode.UNAUTHORIZED, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lineage\"");
    }

    private static List<byte[]> digests(List<String> keys) {
        return keys.stream().map(ApiKeyFilter::digest).toList();
    }

    // Keys are compared as SHA-256 digests: equal lengths, so isEqual's time does not depend on the key's length.
    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", exception);
        }
    }
}
