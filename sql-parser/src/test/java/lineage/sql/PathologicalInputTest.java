package lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inputs built to hurt a recursive-descent parser: deep nesting, megabyte statements and long scripts. The contract:
 * each is answered or refused (error TOO_COMPLEX or SYNTAX_ERROR) within two seconds, and {@code parse} never throws.
 *
 * <p>{@code @Timeout} runs each test on its own thread so that a hang fails the test instead of blocking the build; it
 * is only a safety net, the contract is the 2 s measured around {@code parse}.
 */
class PathologicalInputTest {
    private static final SqlLineageParser PARSER = new SqlLineageParser();
    private static final ParseOptions OPTIONS = ParseOptions.of("insights", "default");
    private static final long CONTRACT_MILLIS = 2_000;
    private static final Set<Diagnostic.Code> REFUSALS =
            EnumSet.of(Diagnostic.Code.TOO_COMPLEX, Diagnostic.Code.SYNTAX_ERROR);
    private static final int ONE_MB = 1 << 20;

    @BeforeAll
    static void warmUp() {
        // Class loading and the first JSqlParser run must not count against the budget.
        PARSER.parse("INSERT INTO t SELECT a, b FROM u WHERE c IN (1, 2) AND (d > 0)", OPTIONS);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tenThousandNestedParentheses() {
        String sql = "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000);

        Answer answer = parse("10,000 nested parentheses", sql);

        answer.assertWithinContract();
        answer.assertAnsweredOrRefused();
        if (answer.succeeded()) {
            assertThat(answer.lineage().inputs()).as(answer.context()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tenThousandNestedSubqueries() {
        int depth = 10_000;
        StringBuilder sql = new StringBuilder("SELECT * FROM (".repeat(depth)).append("SELECT a FROM src");
        for (int level = depth - 1; level >= 0; level--) {
            sql.append(") s").append(level);
        }

        Answer answer = parse("10,000 nested subqueries", sql.toString());

        answer.assertWithinContract();
        answer.assertAnsweredOrRefused();
        if (answer.succeeded()) {
            assertThat(answer.lineage().inputs())
                    .as(answer.context())
                    .extracting(TableRef::qualifiedName)
                    .containsExactly("insights.default.src");
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void oneMegabyteInList() {
        StringBuilder sql = new StringBuilder(ONE_MB + 100).append("SELECT a, b FROM orders WHERE a IN (");
        for (int value = 100_000; sql.length() < ONE_MB; value++) {
            sql.append(value).append(", ");
        }
        sql.append("0) AND b > 0");

        Answer answer = parse("1 MB IN list", sql.toString());

        answer.assertWithinContract();
        answer.assertAnsweredOrRefused();
        if (answer.succeeded()) {
            assertThat(answer.lineage().inputs())
                    .as(answer.context())
                    .extracting(TableRef::qualifiedName)
                    .containsExactly("insights.default.orders");
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void oneMegabyteStatementWithASyntaxErrorAtTheEnd() {
        // The grammar has to read the whole megabyte before it fails, and may then retry: the retry must fit the
        // budget.
        StringBuilder sql = new StringBuilder(ONE_MB + 100).append("SELECT a, b FROM orders WHERE a IN (");
        for (int value = 100_000; sql.length() < ONE_MB; value++) {
            sql.append(value).append(", ");
        }
        sql.append("0) AND AND b > 0");

        Answer answer = parse("1 MB IN list with a syntax error at the end", sql.toString());

        answer.assertWithinContract();
        answer.assertAnsweredOrRefused();
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void oneMegabyteCaseExpression() {
        StringBuilder sql = new StringBuilder(ONE_MB + 100).append("INSERT INTO labels SELECT id, CASE");
        for (int value = 0; sql.length() < ONE_MB; value++) {
            sql.append(" WHEN code = ")
                    .append(value)
                    .append(" THEN 'label_")
                    .append(value)
                    .append('\'');
        }
        sql.append(" ELSE 'other' END AS label FROM codes");

        Answer answer = parse("1 MB CASE expression", sql.toString());

        answer.assertWithinContract();
        answer.assertAnsweredOrRefused();
        if (answer.succeeded()) {
            assertThat(answer.lineage().inputs())
                    .as(answer.context())
                    .extracting(TableRef::qualifiedName)
                    .containsExactly("insights.default.codes");
            assertThat(answer.lineage().outputs())
                    .as(answer.context())
                    .extracting(TableRef::qualifiedName)
                    .containsExactly("insights.default.labels");
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void oneMegabyteUnionAllChain() {
        StringBuilder sql = new StringBuilder(ONE_MB + 100).append("INSERT INTO everything SELECT a, b FROM t0");
        int branches = 1;
        while (sql.length() < ONE_MB) {
            sql.append("\nUNION ALL SELECT a, b FROM t").append(branches % 1_000);
            branches++;
        }

        Answer answer = parse("1 MB UNION ALL chain (" + branches + " branches)", sql.toString());

        answer.assertWithinContract();
        answer.assertAnsweredOrRefused();
        if (answer.succeeded()) {
            assertThat(answer.lineage().inputs()).as(answer.context()).hasSize(Math.min(branches, 1_000));
            assertThat(answer.lineage().outputs())
                    .as(answer.context())
                    .extracting(TableRef::qualifiedName)
                    .containsExactly("insights.default.everything");
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fiveThousandStatementScript() {
        int statements = 5_000;
        StringBuilder sql = new StringBuilder();
        for (int index = 0; index < statements; index++) {
            sql.append("-- step ").append(index).append('\n');
            sql.append("INSERT INTO target_")
                    .append(index % 50)
                    .append(" SELECT a, b, upper(c) AS c FROM source_")
                    .append(index)
                    .append(" WHERE d > ")
                    .append(index)
                    .append(";\n");
        }

        Answer answer = parse("5,000-statement script", sql.toString());

        answer.assertWithinContract();
        answer.assertAnsweredOrRefused();
        if (answer.succeeded()) {
            assertThat(answer.lineage().inputs())
                    .as(answer.context())
                    .hasSize(statements)
                    .extracting(TableRef::qualifiedName)
                    .contains("insights.default.source_0", "insights.default.source_4999");
            assertThat(answer.lineage().outputs()).as(answer.context()).hasSize(50);
        }
    }

    /** Parses, timing {@code parse} alone; anything thrown fails the test with the (shortened) input. */
    private static Answer parse(String name, String sql) {
        long start = System.nanoTime();
        SqlLineage lineage;
        try {
            lineage = PARSER.parse(sql, OPTIONS);
        } catch (Throwable thrown) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            throw new AssertionError(
                    name + ": parse threw " + thrown + " after " + millis + " ms; input (" + sql.length() + " chars): "
                            + shorten(sql),
                    thrown);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Answer answer = new Answer(name, sql, lineage, millis);
        System.out.printf("PathologicalInputTest %s: %d ms, %s%n", name, millis, answer.outcome());
        return answer;
    }

    private static String shorten(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 150) + " ... " + sql.substring(sql.length() - 150);
    }

    private record Answer(String name, String sql, SqlLineage lineage, long millis) {
        String context() {
            return name + " (" + sql.length() + " chars: " + shorten(sql) + ") answered in " + millis + " ms with "
                    + outcome();
        }

        String outcome() {
            if (lineage == null) {
                return "null";
            }
            return lineage.error().map(error -> "error " + error).orElse("lineage") + ", "
                    + lineage.inputs().size()
                    + " input(s), " + lineage.outputs().size() + " output(s), "
                    + lineage.diagnostics().size()
                    + " diagnostic(s)";
        }

        boolean succeeded() {
            return lineage.error().isEmpty();
        }

        void assertWithinContract() {
            assertThat(lineage).as("%s: parse returned null", name).isNotNull();
            assertThat(millis).as("wall time of parse in ms for %s", context()).isLessThanOrEqualTo(CONTRACT_MILLIS);
        }

        void assertAnsweredOrRefused() {
            lineage.error().ifPresent(error -> {
                assertThat(error.code()).as("error code of %s", context()).isIn(REFUSALS);
                assertThat(error.line()).as("error line of %s", context()).isGreaterThanOrEqualTo(1);
                assertThat(error.column()).as("error column of %s", context()).isGreaterThanOrEqualTo(1);
            });
        }
    }
}
