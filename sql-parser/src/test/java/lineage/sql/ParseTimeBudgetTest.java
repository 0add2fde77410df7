package lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ParseOptions#timeBudget}: a call given a small budget refuses what it cannot reach in time, and returns. */
class ParseTimeBudgetTest {
    private static final SqlLineageParser PARSER = new SqlLineageParser();

    @Test
    void aLongScriptWithATinyBudgetIsRefusedAsTooComplexAndReturnsSoon() {
        String script = "INSERT INTO t SELECT a, b FROM u WHERE c IN (1, 2);\n".repeat(20_000);
        ParseOptions options = ParseOptions.defaults().withTimeBudget(Duration.ofMillis(1));

        SqlLineage lineage = PARSER.parse(script, options);

        // Where it stopped, not how long it took (a busy machine stretches any time): the default budget reaches about
        // 900 of these statements on this project's machines, so stopping before the 1,000th shows the 1 ms budget
        // was the one kept.
        assertThat(lineage.error()).hasValueSatisfying(error -> {
            assertThat(error.code()).isEqualTo(Diagnostic.Code.TOO_COMPLEX);
            assertThat(error.message()).contains("longer than 1 ms");
            assertThat(error.line()).as("the statement it stopped at").isLessThan(1_000);
        });
    }

    @Test
    void theDefaultBudgetIsKeptByTheOtherOptionsAndMustBePositive() {
        assertThat(ParseOptions.defaults().timeBudget()).isEqualTo(ParseOptions.DEFAULT_TIME_BUDGET);
        assertThat(ParseOptions.of("c", "s")
                        .withTimeBudget(Duration.ofSeconds(3))
                        .withDefaultSchema("t")
                        .timeBudget())
                .isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ParseOptions.defaults().withTimeBudget(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeBudget must be positive: PT0S");
    }
}
