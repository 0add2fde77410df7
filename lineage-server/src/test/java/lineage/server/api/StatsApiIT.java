package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import lineage.server.store.RetentionStore;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Marquez's {@code /api/v1/stats}: every hour of the last day or day of the last week, oldest first, with the stored
 * lineage events by type and the running totals of jobs, datasets and sources; days of the given timezone; what
 * retention deletes is no longer counted. The expected figures are computed here from the events posted, by the
 * intervals the answer names.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsApiIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final String NAMESPACE = "stats";

    /** An event posted: its time and type. */
    private record Posted(Instant time, String type) {}

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /**
     * A minute past the hour, two hours ago: the five minutes of events from then stay in one hour (of UTC, and of
     * Kathmandu, whose hours start at a quarter past) whenever the test runs.
     */
    private final Instant recent =
            now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2)).plus(Duration.ofMinutes(1));

    private final Instant lastWeek = now.minus(Duration.ofDays(3));
    /** Local midnight in Kathmandu (UTC+05:45) four days ago: events just before and after it fall on two days. */
    private final Instant midnight = now.atZone(KATHMANDU)
            .toLocalDate()
            .minusDays(4)
            .atStartOfDay(KATHMANDU)
            .toInstant();

    private final List<Posted> posted = new ArrayList<>();
    private Map<String, String> properties;

    @Inject
    EmbeddedServer server;

    @Inject
    RetentionStore retention;

    @Override
    public Map<String, String> getProperties() {
        properties = TestingDatabase.properties();
        return properties;
    }

    @BeforeAll
    void postEvents() {
        ObjectNode raw = dataset("public.raw", "s3-lake");
        ObjectNode hourly = dataset("public.hourly", "postgres-prod");
        UUID first = UUID.randomUUID();
        post(event("START", recent, first, "stats.hourly", raw, hourly));
        post(event("COMPLETE", recent.plusSeconds(60), first, "stats.hourly", raw, hourly));
        UUID second = UUID.randomUUID();
        post(event("START", recent.plusSeconds(120), second, "stats.hourly", raw, hourly));
        post(event("FAIL", recent.plusSeconds(180), second, "stats.hourly", raw, hourly));
        UUID third = UUID.randomUUID();
        ObjectNode resent = event("START", recent.plusSeconds(240), third, "stats.hourly", raw, hourly);
        post(resent);
        // Stored once, counted once.
        post(resent);
        post(event("RUNNING", recent.plusSeconds(250), third, "stats.hourly", raw, hourly));
        post(event("ABORT", recent.plusSeconds(300), third, "stats.hourly", raw, hourly));

        post(event("COMPLETE", lastWeek, UUID.randomUUID(), "stats.daily", null, dataset("public.daily", null)));

        post(event("START", midnight.plusSeconds(300), UUID.randomUUID(), "stats.kathmandu", null, null));
        post(event("COMPLETE", midnight.minusSeconds(300), UUID.randomUUID(), "stats.kathmandu", null, null));
        // The job's latest run, which retention keeps, newer than its cut-off and older than a day.
        post(event("START", now.minus(Duration.ofHours(30)), UUID.randomUUID(), "stats.kathmandu", null, null));
    }

    @Test
    void aDayIsItsLastTwentyFourHoursWithTheEventsOfEachByType() {
        JsonNode day = getOk("/api/v1/stats/lineage-events?period=DAY&timezone=UTC");

        assertHours(day, 0);
        assertThat(Instant.parse(day.get(23).path("endInterval").asText())).isAfter(now);
        int hour = indexOf(day, recent);
        for (int index = 0; index < 24; index++) {
            JsonNode interval = day.get(index);
            assertThat(keys(interval))
                    .containsExactly("startInterval", "endInterval", "fail", "start", "complete", "abort");
            List<Long> counts = List.of(
                    interval.path("fail").asLong(),
                    interval.path("start").asLong(),
                    interval.path("complete").asLong(),
                    interval.path("abort").asLong());
            assertThat(counts).as("hour %d", index).isEqualTo(index == hour ? List.of(1L, 3L, 1L, 1L) : zeros());
        }
        assertSameAnswers(
                "/api/v1/stats/lineage-events?period=DAY&timezone=UTC",
                "/api/v1/stats/lineage-events?period=day",
                "/api/v1/stats/lineage-events?period=Day&timezone=Europe/Berlin");
    }

    @Test
    void theHoursOfATimezoneOffByAQuarterHourAreItsOwn() {
        JsonNode day = getOk("/api/v1/stats/lineage-events?period=DAY&timezone=Asia/Kathmandu");

        assertHours(day, 15);
        assertThat(day.get(indexOf(day, recent)).path("start").asLong()).isEqualTo(3);
    }

    @Test
    void jobsDatasetsAndSourcesAreRunningTotalsByCreation() {
        JsonNode jobs = getOk("/api/v1/stats/jobs?period=DAY&timezone=UTC");
        JsonNode datasets = getOk("/api/v1/stats/datasets?period=DAY&timezone=UTC");
        JsonNode sources = getOk("/api/v1/stats/sources?period=DAY&timezone=UTC");

        for (JsonNode answer : List.of(jobs, datasets, sources)) {
            assertHours(answer, 0);
            assertThat(keys(answer.get(0))).containsExactly("startInterval", "endInterval", "count");
        }
        int hour = indexOf(jobs, recent);
        // stats.daily and stats.kathmandu are older than the day; stats.hourly (and stats.resent) are of the day.
        assertThat(counts(jobs).subList(0, hour)).containsOnly(2L);
        assertThat(counts(jobs).get(hour)).isGreaterThanOrEqualTo(3L);
        assertThat(counts(datasets).subList(0, hour)).containsOnly(1L);
        assertThat(counts(datasets).subList(hour, 24)).containsOnly(3L);
        // "default" (public.daily has no dataSource facet) is older; s3-lake and postgres-prod are of the day.
        assertThat(counts(sources).subList(0, hour)).containsOnly(1L);
        assertThat(counts(sources).subList(hour, 24)).containsOnly(3L);

        JsonNode week = getOk("/api/v1/stats/jobs?period=WEEK&timezone=Asia/Kathmandu");
        assertThat(week).hasSize(7);
        assertThat(counts(week).get(6)).isEqualTo(counts(jobs).get(23));
        // By the end of each of the last seven UTC days: public.daily once lastWeek has passed, public.raw and
        // public.hourly once recent has (which is yesterday in the first two hours of a UTC day).
        List<Long> byDay = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int daysAgo = 6; daysAgo >= 0; daysAgo--) {
            Instant end =
                    today.minusDays(daysAgo - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
            byDay.add((lastWeek.isBefore(end) ? 1L : 0L) + (recent.isBefore(end) ? 2L : 0L));
        }
        assertThat(counts(getOk("/api/v1/stats/datasets?period=WEEK&timezone=UTC")))
                .containsExactlyElementsOf(byDay);
    }

    @Test
    void aWeekIsTheLastSevenDaysOfTheTimezoneAndCountsWhatRetentionKept() {
        JsonNode week = getOk("/api/v1/stats/lineage-events?period=WEEK&timezone=Asia/Kathmandu");

        assertThat(week).hasSize(7);
        LocalDate today = now.atZone(KATHMANDU).toLocalDate();
        for (int index = 0; index < 7; index++) {
            LocalDate day = today.minusDays(6 - index);
            // Marquez's way of naming a day: its date at midnight UTC.
            assertThat(week.get(index).path("startInterval").asText()).isEqualTo(day + "T00:00:00Z");
            assertThat(week.get(index).path("endInterval").asText()).isEqualTo(day.plusDays(1) + "T00:00:00Z");
        }
        assertThat(dayOf(week, midnight.plusSeconds(300))).isEqualTo(dayOf(week, midnight.minusSeconds(300)) + 1);
        assertWeek(week, posted);

        int deleted = retention.deleteEventsBefore(now.minus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC), 100);

        // The two runs of stats.kathmandu that are not its latest; stats.daily's only run is its latest.
        assertThat(deleted).isEqualTo(2);
        List<Posted> kept = posted.stream()
                .filter(event -> !event.time().equals(midnight.plusSeconds(300))
                        && !event.time().equals(midnight.minusSeconds(300)))
                .toList();
        assertWeek(getOk("/api/v1/stats/lineage-events?period=WEEK&timezone=Asia/Kathmandu"), kept);
        // The counts are the log's, quarter hour by quarter hour.
        assertThat(
                        TestingDatabase.query(
                                properties,
                                """
                        WITH counted AS (
                            SELECT bucket_start, event_type, sum(events) AS events FROM lineage_event_counts
                            GROUP BY 1, 2 HAVING sum(events) <> 0),
                        logged AS (
                            SELECT to_timestamp(floor(extract(epoch FROM event_time) / 900) * 900) AS bucket_start,
                                COALESCE(event_type, '') AS event_type, count(*) AS events
                            FROM lineage_events GROUP BY 1, 2)
                        SELECT count(*) FROM (
                            (SELECT * FROM counted EXCEPT SELECT * FROM logged)
                            UNION ALL (SELECT * FROM logged EXCEPT SELECT * FROM counted)) AS differ"""))
                .containsExactly("0");
    }

    @Test
    void badOrMissingParametersAre400sNamingThem() {
        for (String stat : List.of("lineage-events", "jobs", "datasets", "sources")) {
            String path = "/api/v1/stats/" + stat;
            assertInvalid(path, "period");
            assertInvalid(path + "?period=MONTH&timezone=UTC", "period");
            assertInvalid(path + "?period=WEEK", "timezone");
            assertInvalid(path + "?period=DAY&timezone=Mars/Olympus_Mons", "timezone");
        }
    }

    /** The paths answer the same, asked again while the hour turns between the requests. */
    private void assertSameAnswers(String... paths) {
        for (int attempt = 1; ; attempt++) {
            List<JsonNode> answers = new ArrayList<>();
            for (String path : paths) {
                answers.add(getOk(path));
            }
            List<String> hours = answers.stream()
                    .map(answer ->
                            answer.get(answer.size() - 1).path("startInterval").asText())
                    .distinct()
                    .toList();
            if (hours.size() == 1 || attempt == 3) {
                assertThat(answers).as(String.join(", ", paths)).containsOnly(answers.get(0));
                return;
            }
        }
    }

    /** Each of the stored events posted falls into the day of the answer it belongs to, and only those count. */
    private static void assertWeek(JsonNode week, List<Posted> events) {
        for (int index = 0; index < 7; index++) {
            Map<String, Long> expected = new TreeMap<>();
            for (Posted event : events) {
                if (dayOf(week, event.time()) == index) {
                    expected.merge(event.type(), 1L, Long::sum);
                }
            }
            JsonNode day = week.get(index);
            assertThat(List.of(
                            day.path("fail").asLong(),
                            day.path("start").asLong(),
                            day.path("complete").asLong(),
                            day.path("abort").asLong()))
                    .as("day %d", index)
                    .isEqualTo(List.of(
                            expected.getOrDefault("FAIL", 0L),
                            expected.getOrDefault("START", 0L),
                            expected.getOrDefault("COMPLETE", 0L),
                            expected.getOrDefault("ABORT", 0L)));
        }
    }

    /** Which day of a week in Kathmandu holds the time, or -1. */
    private static int dayOf(JsonNode week, Instant time) {
        LocalDate date = time.atZone(KATHMANDU).toLocalDate();
        for (int index = 0; index < week.size(); index++) {
            if (week.get(index).path("startInterval").asText().equals(date + "T00:00:00Z")) {
                return index;
            }
        }
        return -1;
    }

    /** 24 hours one after the other, each starting {@code minute} minutes past a UTC hour. */
    private static void assertHours(JsonNode day, int minute) {
        assertThat(day).hasSize(24);
        for (int index = 0; index < 24; index++) {
            Instant start = Instant.parse(day.get(index).path("startInterval").asText());
            Instant end = Instant.parse(day.get(index).path("endInterval").asText());
            assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(1));
            assertThat(start.atZone(ZoneOffset.UTC).getMinute()).isEqualTo(minute);
            if (index > 0) {
                assertThat(start.toString())
                        .isEqualTo(day.get(index - 1).path("endInterval").asText());
            }
        }
    }

    private static int indexOf(JsonNode intervals, Instant time) {
        for (int index = 0; index < intervals.size(); index++) {
            Instant start =
                    Instant.parse(intervals.get(index).path("startInterval").asText());
            Instant end = Instant.parse(intervals.get(index).path("endInterval").asText());
            if (!time.isBefore(start) && time.isBefore(end)) {
                return index;
            }
        }
        throw new AssertionError(time + " is in no interval of " + intervals);
    }

    private static List<Long> counts(JsonNode intervals) {
        List<Long> counts = new ArrayList<>();
        intervals.forEach(interval -> counts.add(interval.path("count").asLong()));
        return counts;
    }

    private static List<Long> zeros() {
        return List.of(0L, 0L, 0L, 0L);
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private ObjectNode event(String type, Instant time, UUID run, String job, ObjectNode input, ObjectNode output) {
        ObjectNode event = NODES.objectNode();
        event.put("eventType", type);
        event.put("eventTime", time.toString());
        event.put("producer", "https://github.com/lineage/tests");
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putObject("run").put("runId", run.toString());
        event.putObject("job").put("namespace", NAMESPACE).put("name", job);
        event.putArray("inputs").addAll(input == null ? List.of() : List.of(input));
        event.putArray("outputs").addAll(output == null ? List.of() : List.of(output));
        return event;
    }

    private static ObjectNode dataset(String name, String source) {
        ObjectNode dataset = NODES.objectNode().put("namespace", NAMESPACE).put("name", name);
        if (source != null) {
            dataset.putObject("facets")
                    .putObject("dataSource")
                    .put("_producer", "https://github.com/lineage/tests")
                    .put("_schemaURL", "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json")
                    .put("name", source)
                    .put("uri", "postgres://db:5432/" + source);
        }
        return dataset;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    private void post(ObjectNode event) {
        HttpResponse<String> response = client().post("/api/v1/lineage", event.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Posted sent = new Posted(
                Instant.parse(event.path("eventTime").asText()),
                event.path("eventType").asText());
        if (!posted.contains(sent)) {
            posted.add(sent);
        }
    }

    private JsonNode getOk(String path) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private void assertInvalid(String path, String field) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).as(path).isEqualTo("INVALID_PARAMETER");
        assertThat(problem.path("errors").get(0).path("field").asText())
                .as(path)
                .isEqualTo(field);
    }
}
