package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lineage.server.store.StatsReader;

/**
 * Marquez's {@code /api/v1/stats}, which its UI's dashboard draws: stored lineage events per type, and the running
 * totals of jobs, datasets and sources, per hour of the last day or per day of the last week ({@link StatsIntervals}),
 * oldest first, every interval present (zeros included).
 */
@Controller("/api/v1/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {
    /** The event types shown, in the order of {@link LineageMetricResponse}'s counts. */
    private static final List<String> TYPES = List.of("FAIL", "START", "COMPLETE", "ABORT");

    private final StatsReader stats;

    public StatsController(StatsReader stats) {
        this.stats = stats;
    }

    @Get(uri = "/lineage-events", produces = MediaType.APPLICATION_JSON)
    public List<LineageMetricResponse> lineageEvents(
            @Nullable @QueryValue String period, @Nullable @QueryValue String timezone) {
        StatsIntervals intervals = StatsIntervals.parse(period, timezone, Instant.now());
        long[][] counts = new long[intervals.intervals().size()][TYPES.size()];
        for (StatsReader.EventCount count : stats.findEventCounts(intervals.start(), intervals.end())) {
            int index = intervals.indexOf(count.start());
            int type = TYPES.indexOf(count.eventType());
            if (index >= 0 && type >= 0) {
                counts[index][type] += count.events();
            }
        }
        List<LineageMetricResponse> metrics = new ArrayList<>();
        for (int index = 0; index < counts.length; index++) {
            StatsIntervals.Interval interval = intervals.intervals().get(index);
            long[] of = counts[index];
            metrics.add(
                    new LineageMetricResponse(interval.shownStart(), interval.shownEnd(), of[0], of[1], of[2], of[3]));
        }
        return metrics;
    }

    @Get(uri = "/jobs", produces = MediaType.APPLICATION_JSON)
    public List<IntervalMetricResponse> jobs(
            @Nullable @QueryValue String period, @Nullable @QueryValue String timezone) {
        return creations(StatsReader.Entity.JOBS, StatsIntervals.parse(period, timezone, Instant.now()));
    }

    @Get(uri = "/datasets", produces = MediaType.APPLICATION_JSON)
    public List<IntervalMetricResponse> datasets(
            @Nullable @QueryValue String period, @Nullable @QueryValue String timezone) {
        return creations(StatsReader.Entity.DATASETS, StatsIntervals.parse(period, timezone, Instant.now()));
    }

    /**
     * Sources are named by datasets' {@code dataSource} facet ({@code default} for a dataset without one, as in
     * Marquez); a source counts from the creation of the first dataset that named it.
     */
    @Get(uri = "/sources", produces = MediaType.APPLICATION_JSON)
    public List<IntervalMetricResponse> sources(
            @Nullable @QueryValue String period, @Nullable @QueryValue String timezone) {
        StatsIntervals intervals = StatsIntervals.parse(period, timezone, Instant.now());
        Map<Instant, Long> firstSeen = new TreeMap<>();
        stats.findSources().values().forEach(time -> firstSeen.merge(time, 1L, Long::sum));
        return runningTotals(intervals, 0, firstSeen);
    }

    private List<IntervalMetricResponse> creations(StatsReader.Entity entity, StatsIntervals intervals) {
        StatsReader.Creations creations = stats.findCreations(entity, intervals.start(), intervals.end());
        return runningTotals(intervals, creations.before(), creations.byQuarterHour());
    }

    /** For each interval, {@code before} plus the counts of the times before its end. */
    private static List<IntervalMetricResponse> runningTotals(
            StatsIntervals intervals, long before, Map<Instant, Long> counts) {
        List<IntervalMetricResponse> metrics = new ArrayList<>();
        for (StatsIntervals.Interval interval : intervals.intervals()) {
            long count = before;
            for (Map.Entry<Instant, Long> time : counts.entrySet()) {
                if (time.getKey().isBefore(interval.end())) {
                    count += time.getValue();
                }
            }
            metrics.add(new IntervalMetricResponse(interval.shownStart(), interval.shownEnd(), count));
        }
        return metrics;
    }
}
