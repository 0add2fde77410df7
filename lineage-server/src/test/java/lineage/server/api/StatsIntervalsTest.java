package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import org.junit.jupiter.api.Test;

class StatsIntervalsTest {
    /** A Sunday on which Berlin's clocks go from 02:00 to 03:00. */
    private static final Instant NOW = Instant.parse("2026-03-29T10:20:00Z");

    @Test
    void aDayIsTheTwentyFourHoursUpToTheCurrentOne() {
        StatsIntervals day = StatsIntervals.of(StatsIntervals.Period.DAY, ZoneOffset.UTC, NOW);

        assertThat(day.intervals()).hasSize(24);
        assertThat(day.start()).isEqualTo(Instant.parse("2026-03-28T11:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-03-29T11:00:00Z"));
        assertThat(day.intervals()).allSatisfy(hour -> {
            assertThat(Duration.between(hour.start(), hour.end())).isEqualTo(Duration.ofHours(1));
            assertThat(hour.shownStart()).isEqualTo(hour.start());
            assertThat(hour.shownEnd()).isEqualTo(hour.end());
        });
        assertThat(day.indexOf(NOW)).isEqualTo(23);
        assertThat(day.indexOf(Instant.parse("2026-03-28T10:59:59Z"))).isEqualTo(-1);
    }

    @Test
    void theHoursOfATimezoneOffByAQuarterHourStartAtItsFullHours() {
        StatsIntervals day = StatsIntervals.of(StatsIntervals.Period.DAY, ZoneId.of("Asia/Kathmandu"), NOW);

        // 10:20Z is 16:05 in Kathmandu (UTC+05:45): its hour began at 10:15Z.
        assertThat(day.end()).isEqualTo(Instant.parse("2026-03-29T11:15:00Z"));
    }

    @Test
    void aWeekIsSevenCalendarDaysOfTheTimezoneNamedByTheirDatesAtMidnightUtc() {
        StatsIntervals week = StatsIntervals.of(StatsIntervals.Period.WEEK, ZoneId.of("Europe/Berlin"), NOW);

        assertThat(week.intervals()).hasSize(7);
        StatsIntervals.Interval today = week.intervals().get(6);
        assertThat(today.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(today.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(today.shownStart()).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(today.shownEnd()).isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
        assertThat(week.intervals().get(0).shownStart()).isEqualTo(Instant.parse("2026-03-23T00:00:00Z"));
        assertThat(week.intervals().get(0).start()).isEqualTo(Instant.parse("2026-03-22T23:00:00Z"));
        for (int index = 1; index < 7; index++) {
            assertThat(week.intervals().get(index).start())
                    .isEqualTo(week.intervals().get(index - 1).end());
        }
    }

    @Test
    void parametersBindAsMarquezBindsThem() {
        assertThat(StatsIntervals.parse("day", null, NOW).zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(StatsIntervals.parse("Week", " America/New_York ", NOW).period())
                .isEqualTo(StatsIntervals.Period.WEEK);
        // 10:20Z is 15:50 at +05:30: its hour ends at 16:00, 10:30Z.
        assertThat(StatsIntervals.parse("DAY", "+05:30", NOW).end()).isEqualTo(Instant.parse("2026-03-29T10:30:00Z"));
    }

    @Test
    void aBadParameterIsNamed() {
        assertInvalid(null, "UTC", "period");
        assertInvalid(" ", "UTC", "period");
        assertInvalid("MONTH", "UTC", "period");
        assertInvalid("WEEK", null, "timezone");
        assertInvalid("WEEK", "", "timezone");
        assertInvalid("DAY", "Europe/Atlantis", "timezone");
        assertInvalid("DAY", "EST5EDT/x", "timezone");
    }

    private static void assertInvalid(String period, String timezone, String field) {
        assertThatThrownBy(() -> StatsIntervals.parse(period, timezone, NOW))
                .isInstanceOfSatisfying(LineageException.class, exception -> {
                    assertThat(exception.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(exception.errors().stream()
                                    .map(FieldError::field)
                                    .toList())
                            .isEqualTo(List.of(field));
                });
    }
}
