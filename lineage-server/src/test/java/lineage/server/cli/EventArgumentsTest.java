package lineage.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import lineage.server.model.TimeRange;
import org.junit.jupiter.api.Test;

class EventArgumentsTest {
    private static final EventArguments PLAIN = new EventArguments(Map.of());
    private static final EventArguments CONFIGURED =
            new EventArguments(Map.of("LINEAGE_SERVER", "http://lineage:5000", "LINEAGE_API_KEY", "writer-key"));

    @Test
    void copyDefaultsToTheLocalServerTheWholeLogAndNoKeys() throws CommandFailure {
        assertThat(PLAIN.copy(List.of("--from", "http://marquez:5000")))
                .isEqualTo(new EventArguments.Copy(
                        URI.create("http://marquez:5000"),
                        URI.create("http://localhost:5000"),
                        Optional.empty(),
                        Optional.empty(),
                        TimeRange.MIN,
                        TimeRange.MAX,
                        Optional.empty(),
                        1000,
                        1000,
                        OptionalLong.empty()));
    }

    @Test
    void copyTakesTheServerAndWriteKeyFromTheEnvironmentAsTheOtherCommandsDo() throws CommandFailure {
        EventArguments.Copy copy = CONFIGURED.copy(List.of("--from", "https://marquez.example.com/"));

        assertThat(copy.to()).isEqualTo(URI.create("http://lineage:5000"));
        assertThat(copy.toApiKey()).contains("writer-key");
        assertThat(copy.fromApiKey()).isEmpty();
    }

    @Test
    void copyReadsEveryOption() throws CommandFailure {
        EventArguments.Copy copy = CONFIGURED.copy(List.of(
                "--from", "http://a:5000",
                "--to", "http://b:5000",
                "--from-api-key", "reader",
                "--to-api-key", " writer ",
                "--since", "2026-03-01T12:00:00+02:00",
                "--until", "2026-03-02",
                "--state", "copy.state",
                "--page-size", "50",
                "--batch-size", "1",
                "--max-events", "7"));

        assertThat(copy)
                .isEqualTo(new EventArguments.Copy(
                        URI.create("http://a:5000"),
                        URI.create("http://b:5000"),
                        Optional.of("reader"),
                        Optional.of("writer"),
                        Instant.parse("2026-03-01T10:00:00Z"),
                        Instant.parse("2026-03-02T00:00:00Z"),
                        Optional.of(Path.of("copy.state")),
                        50,
                        1,
                        OptionalLong.of(7)));
    }

    @Test
    void aTimeWithoutAnOffsetIsUtc() throws CommandFailure {
        assertThat(PLAIN.copy(List.of("--from", "http://a:5000", "--since", "2026-03-01T10:00:00.5"))
                        .since())
                .isEqualTo(Instant.parse("2026-03-01T10:00:00.500Z"));
    }

    @Test
    void anEventTimeMayNameItsZone() {
        assertThat(EventTimes.of(TestingEventLog.event("2026-03-01T11:00:00+01:00[Europe/Paris]", 1)))
                .contains(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(EventTimes.of(TestingEventLog.event("yesterday", 1))).isEmpty();
    }

    @Test
    void copyRefusalsSayWhatIsWrong() {
        assertRefused(List.of(), "--from URL is required (the server to copy from)");
        assertRefused(
                List.of("--from", "marquez:5000"),
                "--from 'marquez:5000' is not an http(s) URL of a server (http://host:port)");
        assertRefused(
                List.of("--from", "http://a:5000", "--to", "http://a:5000"),
                "--from and --to name the same server (http://a:5000)");
        assertRefused(
                List.of("--from", "http://a:5000", "--since", "yesterday"),
                "--since 'yesterday' is not an ISO-8601 date-time (2026-11-23T10:00:00Z) or date (2026-11-23)");
        assertRefused(
                List.of("--from", "http://a:5000", "--since", "1800-01-01"),
                "--since must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        assertRefused(
                List.of("--from", "http://a:5000", "--since", "2026-03-02", "--until", "2026-03-01"),
                "--since 2026-03-02T00:00:00Z is not before --until 2026-03-01T00:00:00Z");
        assertRefused(
                List.of("--from", "http://a:5000", "--page-size", "0"), "--page-size must be between 1 and 100000");
        assertRefused(
                List.of("--from", "http://a:5000", "--batch-size", "many"),
                "--batch-size 'many' is not a whole number");
        assertRefused(List.of("--from", "http://a:5000", "--speed", "fast"), "unknown option '--speed'");
        assertRefused(List.of("--from"), "--from needs a value");
        assertRefused(List.of("--from", "http://a:5000", "--from", "http://b:5000"), "--from is given twice");
        assertRefused(List.of("--from", "http://a:5000", "extra"), "unexpected argument 'extra'");
    }

    @Test
    void exportNeedsAnOutputAndDefaultsLikeTheOtherCommands() throws CommandFailure {
        assertThatThrownBy(() -> PLAIN.export(List.of()))
                .hasMessage("--output FILE is required (- for standard output)");
        assertThat(CONFIGURED.export(List.of("--output", "-", "--since", "2026-03-01")))
                .isEqualTo(new EventArguments.Export(
                        URI.create("http://lineage:5000"),
                        Optional.of("writer-key"),
                        Instant.parse("2026-03-01T00:00:00Z"),
                        TimeRange.MAX,
                        "-",
                        1000));
    }

    @Test
    void importTakesFilesAndStandardInputOnce() throws CommandFailure {
        assertThat(PLAIN.importing(List.of("a.ndjson", "--batch-size", "10", "-")))
                .isEqualTo(new EventArguments.Import(
                        URI.create("http://localhost:5000"), Optional.empty(), List.of("a.ndjson", "-"), 10));
        assertThatThrownBy(() -> PLAIN.importing(List.of("--server", "http://a:5000")))
                .hasMessage("name at least one FILE (- for standard input)");
        assertThatThrownBy(() -> PLAIN.importing(List.of("-", "-"))).hasMessage("standard input (-) can be read once");
    }

    @Test
    void theCommandPrintsTheRefusalOnOneLineThenTheUsageAndExitsTwo() {
        LineageCliRun run = LineageCliRun.run("copy-events", "--to", "http://b:5000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("lineage copy-events: --from URL is required (the server to copy from)\n"
                        + "usage: lineage copy-events --from URL");
        assertThat(run.out()).isEmpty();
    }

    private static void assertRefused(List<String> arguments, String message) {
        assertThatThrownBy(() -> PLAIN.copy(arguments))
                .as(String.join(" ", arguments))
                .isInstanceOf(CommandFailure.class)
                .hasMessage(message);
    }
}
