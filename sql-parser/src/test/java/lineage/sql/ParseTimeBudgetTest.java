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

        long start = System.nanoTime();
        SqlLineage lineage = PARSER.parse(script, options);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(lineage.error()).hasValueSatisfying(error -> {
            assertThat(error.code()).isEqualTo(Diagnostic.Code.TOO_COMPLEX);
            assertThat(error.message()).contains("longer than 1 ms");
        });
        assertThat(took).as("a budget of 1 ms, not the default 1.4 s").isLessThan(Duration.ofMillis(1000));
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
