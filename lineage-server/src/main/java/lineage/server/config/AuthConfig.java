package lineage.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * API keys ({@code lineage.auth.*}, from {@code LINEAGE_WRITE_KEYS} and {@code LINEAGE_READ_KEYS}, comma-separated). An
 * empty list turns that check off. Blank entries (an empty variable, a trailing comma) are dropped.
 *
 * @param writeKeys when not empty, every POST, PUT, PATCH and DELETE needs {@code Authorization: Bearer} one of them
 * @param readKeys when not empty, every GET needs {@code Authorization: Bearer} one of them or one of the write keys
 */
@ConfigurationProperties("lineage.auth")
public record AuthConfig(
        @Bindable(defaultValue = "") List<String> writeKeys, @Bindable(defaultValue = "") List<String> readKeys) {
    public AuthConfig {
        writeKeys = keys(writeKeys);
        readKeys = keys(readKeys);
    }

    private static List<String> keys(List<String> keys) {
        if (keys == null) {
            return List.of();
        }
        return keys.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
    }
}
