package lineage.server.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The intervals of Marquez's stats: for {@code DAY} the 24 hours of the timezone up to and including the current one,
 * for {@code WEEK} its 7 calendar days up to and including today, oldest first. A day of a timezone that changes its
 * clocks has 23 or 25 hours. Each interval also has the times Marquez writes for it ({@link Interval#shownStart}).
 */
record StatsIntervals(Period period, ZoneId zone, List<Interval> intervals) {
    enum Period {
        DAY,
        WEEK
    }

    /**
     * From {@code start} (inclusive) to {@code end}. Marquez writes an hour as its start and end, but a day as its
     * calendar date at midnight UTC ({@code 2026-03-02T00:00:00Z} is March 2 of the timezone; Marquez's UI formats it
     * in UTC to print the day): {@code shownStart} and {@code shownEnd}.
     */
    record Interval(Instant start, Instant end, Instant shownStart, Instant shownEnd) {
        Interval {
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
            requireNonNull(shownStart, "shownStart is null");
            requireNonNull(shownEnd, "shownEnd is null");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("interval ends at or before its start: " + start + ", " + end);
            }
        }

        boolean contains(Instant time) {
            return !time.isBefore(start) && time.isBefore(end);
        }
    }

    StatsIntervals {
        requireNonNull(period, "period is null");
        requireNonNull(zone, "zone is null");
        intervals = List.copyOf(intervals);
        if (intervals.isEmpty()) {
            throw new IllegalArgumentException("no intervals");
        }
    }

    /**
     * Reads the query parameters as Marquez binds them: {@code period} as an enum ({@code DAY}, {@code day}),
     * {@code timezone} an IANA name ({@code Europe/Berlin}) or an offset ({@code +05:30}), UTC when not given for
     * {@code DAY} and required for {@code WEEK} (as Marquez requires it for the lineage events). A bad one is a 400
     * naming it.
     */
    static StatsIntervals parse(@Nullable String period, @Nullable String timezone, Instant now) {
        if (period == null || period.isBlank()) {
            throw Parameters.invalid("period", "is required: DAY or WEEK");
        }
        Period parsed =
                switch (Parameters.constant(period)) {
                    case "DAY" -> Period.DAY;
                    case "WEEK" -> Period.WEEK;
                    default -> throw Parameters.invalid("period", "must be DAY or WEEK");
                };
        if (timezone == null || timezone.isBlank()) {
            if (parsed == Period.WEEK) {
                throw Parameters.invalid("timezone", "is required for period WEEK, e.g. Europe/Berlin");
            }
            return of(parsed, ZoneOffset.UTC, now);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone.strip());
        } catch (DateTimeException exception) {
            throw Parameters.invalid("timezone", "'" + timezone + "' is not a timezone, e.g. Europe/Berlin or UTC");
        }
        return of(parsed, zone, now);
    }

    static StatsIntervals of(Period period, ZoneId zone, Instant now) {
        List<Interval> intervals = new ArrayList<>();
        if (period == Period.DAY) {
            Instant hour = now.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
            for (int back = 23; back >= 0; back--) {
                Instant start = hour.minus(Duration.ofHours(back));
                Instant end = start.plus(Duration.ofHours(1));
                intervals.add(new Interval(start, end, start, end));
            }
        } else {
            LocalDate today = now.atZone(zone).toLocalDate();
            for (int back = 6; back >= 0; back--) {
                LocalDate day = today.minusDays(back);
                intervals.add(new Interval(
                        day.atStartOfDay(zone).toInstant(),
                        day.plusDays(1).atStartOfDay(zone).toInstant(),
                        midnightUtc(day),
                        midnightUtc(day.plusDays(1))));
            }
        }
        return new StatsIntervals(period, zone, intervals);
    }

    Instant start() {
        return intervals.get(0).start();
    }

    Instant end() {
        return intervals.get(intervals.size() - 1).end();
    }

    /** The index of the interval that holds the time, or -1. */
    int indexOf(Instant time) {
        for (int index = 0; index < intervals.size(); index++) {
            if (intervals.get(index).contains(time)) {
                return index;
            }
        }
        return -1;
    }

    private static Instant midnightUtc(LocalDate day) {
        return ZonedDateTime.of(day.atStartOfDay(), ZoneOffset.UTC).toInstant();
    }
}
