package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sortsKeysAtEveryDepthWithoutWhitespace() throws IOException {
        JsonNode node = JSON.readTree("{\"b\": [ {\"z\": 1, \"a\": 2.5} ], \"a\": null, \"é\": \"x\\\"y\"}");

        CanonicalJson.Canonical canonical = CanonicalJson.of(node);

        assertThat(canonical.text()).isEqualTo("{\"a\":null,\"b\":[{\"a\":2.5,\"z\":1}],\"é\":\"x\\\"y\"}");
        assertThat(canonical.hash()).isEqualTo(CanonicalJson.hash(node));
    }

    @Test
    void keyOrderDoesNotChangeTheHash() throws IOException {
        assertThat(CanonicalJson.of(JSON.readTree("{\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}}")))
                .isEqualTo(CanonicalJson.of(JSON.readTree("{\"b\": {\"d\": 3, \"c\": 2}, \"a\": 1}")));
    }

    /** The log's existing hashes stay valid: the hash is the one of the sorted copy that earlier versions wrote. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "fixtures/trino/476/003-http-query-completed.json",
                "fixtures/openlineage/column-lineage-build-mart.json"
            })
    void hashIsTheOneEarlierVersionsStored(String fixture) throws Exception {
        JsonNode node;
        try (InputStream input = getClass().getClassLoader().getResourceAsStream(fixture)) {
            node = JSON.readTree(input);
        }

        CanonicalJson.Canonical canonical = CanonicalJson.of(node);

        byte[] earlier = JSON.copy()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsBytes(sortedCopy(node));
        assertThat(canonical.hash()).isEqualTo(sha256(earlier));
        assertThat(canonical.text()).isEqualTo(new String(earlier, StandardCharsets.UTF_8));
        assertThat(JSON.readTree(canonical.text())).isEqualTo(node);
    }

    @Test
    void everyKindOfValueIsWrittenAsEarlierVersionsWroteIt() throws Exception {
        JsonNode node = JSON.readTree(
                """
                {"int": -7, "long": 9007199254740993, "big": 123456789012345678901234567890, "double": -1.5e-7,
                 "whole": 2.0, "exp": 6.02E23, "true": true, "false": false, "null": null, "empty": "",
                 "text": "tab\\t quote\\" slash\\\\ é ✓ \\u0001 </script>", "nested": [[], {}, [1, "a", null]]}""");

        byte[] earlier = JSON.copy()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsBytes(sortedCopy(node));

        assertThat(CanonicalJson.of(node).text()).isEqualTo(new String(earlier, StandardCharsets.UTF_8));
    }

    private static Object sortedCopy(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            node.fields().forEachRemaining(field -> fields.put(field.getKey(), sortedCopy(field.getValue())));
            return fields;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(sortedCopy(item)));
            return items;
        }
        return node;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
