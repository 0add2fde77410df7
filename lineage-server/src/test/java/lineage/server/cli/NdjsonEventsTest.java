package lineage.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NdjsonEventsTest {
    @Test
    void readsOneEventPerLineSkippingBlankLinesAndCountingThem() throws CommandFailure {
        List<NdjsonEvents.Line> lines = readAll(
                "\uFEFF{\"eventTime\": \"2026-03-01T10:00:00Z\"}\r\n\n   \n{\"eventTime\": \"2026-03-01T11:00:00Z\"}");

        assertThat(lines).extracting(NdjsonEvents.Line::number).containsExactly(1L, 4L);
        assertThat(lines.get(1).event().path("eventTime").asText()).isEqualTo("2026-03-01T11:00:00Z");
    }

    @Test
    void malformedJsonNamesTheFileLineAndColumn() {
        assertThatThrownBy(() -> readAll("{\"a\": 1}\n{\"a\": 2}\n{\"a\": \n"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageStartingWith("events.ndjson line 3: malformed JSON at column ")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("Source:");
    }

    @Test
    void aLineWithSomethingAfterItsObjectIsMalformed() {
        assertThatThrownBy(() -> readAll("{\"a\": 1} {\"a\": 2}\n"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageStartingWith("events.ndjson line 1: malformed JSON at column ");
    }

    @Test
    void aLineThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> readAll("{\"a\": 1}\n[{\"a\": 2}]\n"))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("events.ndjson line 2: not a JSON object (NDJSON holds one OpenLineage event per line)");
    }

    private static List<NdjsonEvents.Line> readAll(String text) throws CommandFailure {
        NdjsonEvents events = new NdjsonEvents(new BufferedReader(new StringReader(text)), "events.ndjson");
        List<NdjsonEvents.Line> lines = new ArrayList<>();
        for (Optional<NdjsonEvents.Line> line = events.next(); line.isPresent(); line = events.next()) {
            lines.add(line.get());
        }
        return lines;
    }
}
