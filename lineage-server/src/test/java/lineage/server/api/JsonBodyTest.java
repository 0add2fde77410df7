package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    @Test
    void aBodyOfManyPiecesHoldsTheSameBytesAsOneString() throws Exception {
        // Multi-byte characters at every offset, so that some straddle the pieces' boundaries.
        List<String> values = new ArrayList<>();
        for (int index = 0; index < 30_000; index++) {
            values.add("é" + index + "✓".repeat(index % 5) + "\"");
        }

        ByteBuf body = JsonBody.of(json -> {
            json.writeStartArray();
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        });

        byte[] expected = new ObjectMapper().writeValueAsBytes(values);
        assertThat(body.readableBytes()).isEqualTo(expected.length).isGreaterThan(5 * 64 * 1024);
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyObjectIsTwoBytes() {
        ByteBuf body = JsonBody.of(json -> {
            json.writeStartObject();
            json.writeEndObject();
        });

        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }
}
