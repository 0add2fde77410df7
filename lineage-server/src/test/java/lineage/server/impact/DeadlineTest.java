package lineage.server.impact;

import static lineage.server.impact.PaymentsMesh.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.impact.SchemaChangeAnalysis.Report;
import lineage.server.model.EdgeWindow;
import lineage.sql.SchemaChange.Kind;
import org.junit.jupiter.api.Test;

/**
 * {@link Deadline} on a clock the test moves, and the impact work that checks it: a schema-change assessment and a
 * column walk over {@link PaymentsMesh} stop with {@code WORK_TOO_LONG} once the clock passes the bound.
 */
class DeadlineTest {
    private static final String SETTING = "lineage.limits.max-work-time";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean gone = new AtomicBoolean();
    private final PaymentsMesh mesh = new PaymentsMesh();

    @Test
    void passesUntilTheBoundAndRefusesFromIt() {
        Deadline deadline = Deadline.after(Duration.ofMillis(100), SETTING, gone::get, nanos::get);
        nanos.addAndGet(Duration.ofMillis(99).toNanos());
        assertThatCode(deadline::check).doesNotThrowAnyException();
        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(1));
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
        assertThatThrownBy(deadline::check)
                .isInstanceOfSatisfying(LineageException.class, refusal -> assertThat(refusal.code())
                        .isEqualTo(ErrorCode.WORK_TOO_LONG))
                .hasMessage("the answer took longer than 100 ms (lineage.limits.max-work-time) and was stopped; ask a"
                        + " narrower question (a smaller depth, fewer changes) or raise the limit");
    }

    @Test
    void refusesAsSoonAsTheClientHasGone() {
        Deadline deadline = Deadline.after(Duration.ofHours(1), SETTING, gone::get, nanos::get);
        assertThatCode(deadline::check).doesNotThrowAnyException();
        gone.set(true);
        assertThatThrownBy(deadline::check)
                .isInstanceOf(LineageException.class)
                .hasMessage("the client closed the connection, so the work was stopped");
    }

    @Test
    void noneNeverRefusesAndABudgetMustBePositive() {
        assertThatCode(Deadline.none()::check).doesNotThrowAnyException();
        assertThatThrownBy(() -> Deadline.after(Duration.ZERO, SETTING, () -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("budget must be positive: PT0S");
    }

    @Test
    void aSchemaChangeAssessmentStopsWhenTheClockPassesTheBoundBetweenSteps() {
        // Each look at the clock moves it 1 ms: a bound of 3 ms is passed within the first change's walk.
        Deadline deadline =
                Deadline.after(Duration.ofMillis(3), SETTING, () -> false, () -> nanos.addAndGet(1_000_000L));
        assertThatThrownBy(() -> mesh.schemaChangeAnalysis()
                        .assess(List.of(dropColumn("amount"), dropColumn("method")), 20, 1000, deadline, PARSE_TIME))
                .isInstanceOfSatisfying(LineageException.class, refusal -> assertThat(refusal.code())
                        .isEqualTo(ErrorCode.WORK_TOO_LONG));
    }

    @Test
    void theSameAssessmentWithinItsBoundAnswersAsWithoutOne() {
        Deadline deadline = Deadline.after(Duration.ofHours(1), SETTING, () -> false, nanos::get);
        Report bounded =
                mesh.schemaChangeAnalysis().assess(List.of(dropColumn("amount")), 20, 1000, deadline, PARSE_TIME);
        Report unbounded = mesh.schemaChangeAnalysis().assess(List.of(dropColumn("amount")), 20, 1000);
        assertThat(bounded).isEqualTo(unbounded);
        assertThat(bounded.assessments()).isNotEmpty();
    }

    @Test
    void aClientThatGoesAwayStopsAColumnImpact() {
        gone.set(true);
        Deadline deadline = Deadline.after(Duration.ofHours(1), SETTING, gone::get, nanos::get);
        assertThatThrownBy(() -> mesh.impactAnalysis()
                        .columnImpact(PAYMENTS, "amount", 20, true, 1000, EdgeWindow.current(), deadline))
                .isInstanceOf(LineageException.class)
                .hasMessageContaining("client closed the connection");
    }

    private static final Duration PARSE_TIME = Duration.ofSeconds(1);

    private static SchemaChange dropColumn(String column) {
        return new SchemaChange(Kind.DROP_COLUMN, PAYMENTS, Optional.of(column), Optional.empty(), Optional.empty());
    }
}
