package lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaChangesTest {
    /**
     * The changes or the first error of every DDL case, as the schema-change API answers them: written by the server's
     * code before the move.
     */
    private static final String GOLDEN = "/schema-changes/golden.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableRef PAYMENTS = TableRef.of("paymentsdb", "public", "payments");

    static Stream<Arguments> golden() {
        return GoldenLines.cases(GOLDEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void keepsTheGoldenChangesOrError(String name, String golden) throws JsonProcessingException {
        assertThat(line(name, SchemaChanges.parse(GoldenLines.sql(name)))).isEqualTo(golden);
    }

    @Test
    void readsEverySupportedChangeOfAMigration() {
        SchemaChanges changes = SchemaChanges.parse(GoldenLines.sql("schema-changes/migration"));

        assertThat(changes.diagnostics()).isEmpty();
        assertThat(changes.changes())
                .containsExactly(
                        column(SchemaChange.Kind.DROP_COLUMN, PAYMENTS, "amount"),
                        column(SchemaChange.Kind.DROP_COLUMN, PAYMENTS, "Method"),
                        new SchemaChange(
                                SchemaChange.Kind.RENAME_COLUMN,
                                TableRef.of("customersdb", "public", "customers"),
                                Optional.of("first_name"),
                                Optional.of("given_name"),
                                Optional.empty()),
                        new SchemaChange(
                                SchemaChange.Kind.CHANGE_COLUMN_TYPE,
                                PAYMENTS,
                                Optional.of("amount"),
                                Optional.empty(),
                                Optional.of("decimal(14, 2)")),
                        new SchemaChange(
                                SchemaChange.Kind.CHANGE_COLUMN_TYPE,
                                PAYMENTS,
                                Optional.of("id"),
                                Optional.empty(),
                                Optional.of("bigint")),
                        table(SchemaChange.Kind.DROP_TABLE, "ordersdb.public.orders", Optional.empty()),
                        table(SchemaChange.Kind.DROP_TABLE, "insights.default.stg_orders", Optional.empty()),
                        table(
                                SchemaChange.Kind.RENAME_TABLE,
                                "insights.default.fct_orders",
                                Optional.of("insights.default.fact_orders")));
    }

    @Test
    void eachRefusedStatementIsAnErrorAtItsTokenAndTheOthersStillCount() {
        SchemaChanges changes = SchemaChanges.parse(
                "ALTER TABLE a.b.c DROP COLUMN x;\nUPDATE a.b.c SET x = 1;\nDROP TABLE a.b.d extra;\nDROP VIEW a.b.v");

        assertThat(changes.changes())
                .containsExactly(
                        column(SchemaChange.Kind.DROP_COLUMN, TableRef.of("a", "b", "c"), "x"),
                        table(SchemaChange.Kind.DROP_TABLE, "a.b.v", Optional.empty()));
        assertThat(changes.diagnostics())
                .containsExactly(
                        Diagnostic.of(Diagnostic.Code.UNSUPPORTED, "statement 2: expected ALTER near 'UPDATE'", 2, 1),
                        Diagnostic.of(
                                Diagnostic.Code.SYNTAX_ERROR, "statement 3: unexpected 'extra' near 'extra'", 3, 18));
        assertThat(changes.error()).contains(changes.diagnostics().get(0));
    }

    @Test
    void anUnclosedQuoteOrCommentIsTheOnlyAnswer() {
        SchemaChanges changes = SchemaChanges.parse("DROP TABLE a.b.c;\nUPDATE t SET a = 1;\nDROP TABLE \"a.b.c");

        assertThat(changes.changes()).isEmpty();
        assertThat(changes.diagnostics())
                .containsExactly(Diagnostic.of(Diagnostic.Code.SYNTAX_ERROR, "a quoted name is not closed", 3, 12));
    }

    @Test
    void aScriptWithoutAStatementIsAnError() {
        assertThat(SchemaChanges.parse(" -- nothing\n ; ").diagnostics())
                .containsExactly(Diagnostic.of(Diagnostic.Code.SYNTAX_ERROR, "the script holds no statement", 1, 1));
    }

    @Test
    void quotedNamesKeepTheirCaseAndDoubledQuotes() {
        assertThat(SchemaChanges.parse("ALTER TABLE \"Cat\".s.\"a\"\"b\" DROP COLUMN `Odd``Name`")
                        .changes())
                .containsExactly(column(SchemaChange.Kind.DROP_COLUMN, TableRef.of("Cat", "s", "a\"b"), "Odd`Name"));
        assertThat(SchemaChanges.parse("DROP TABLE a.\"\".c")
                        .error()
                        .orElseThrow()
                        .message())
                .isEqualTo("statement 1: expected a name after '.' near ''");
    }

    @Test
    void refusesInvalidChanges() {
        TableRef table = TableRef.of("a", "b", "c");
        assertThatThrownBy(() -> new SchemaChange(
                        SchemaChange.Kind.DROP_TABLE,
                        TableRef.parse("b.c"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table is not catalog.schema.table: b.c");
        assertThatThrownBy(() -> table(SchemaChange.Kind.DROP_COLUMN, "a.b.c", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DROP_COLUMN needs a column");
        assertThatThrownBy(() -> column(SchemaChange.Kind.DROP_TABLE, table, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DROP_TABLE takes no column");
        assertThatThrownBy(() -> column(SchemaChange.Kind.RENAME_COLUMN, table, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RENAME_COLUMN needs a new name");
        assertThatThrownBy(() -> column(SchemaChange.Kind.CHANGE_COLUMN_TYPE, table, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CHANGE_COLUMN_TYPE needs a new type");
        assertThatThrownBy(() -> table(SchemaChange.Kind.DROP_TABLE, "a.b.c", Optional.of("a.b.d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DROP_TABLE takes no new name");
        assertThatThrownBy(() -> SchemaChanges.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("script is null");
    }

    private static SchemaChange column(SchemaChange.Kind kind, TableRef table, String column) {
        return new SchemaChange(kind, table, Optional.of(column), Optional.empty(), Optional.empty());
    }

    private static SchemaChange table(SchemaChange.Kind kind, String name, Optional<String> newName) {
        return new SchemaChange(kind, TableRef.parse(name), Optional.empty(), newName, Optional.empty());
    }

    /** The golden line of a case: as the server's test wrote them, key for key. */
    private static String line(String name, SchemaChanges parsed) throws JsonProcessingException {
        ObjectNode line = JSON.createObjectNode();
        line.put("case", name);
        if (parsed.error().isPresent()) {
            line.put("error", parsed.error().get().message());
            return JSON.writeValueAsString(line);
        }
        ArrayNode changes = line.putArray("changes");
        for (SchemaChange change : parsed.changes()) {
            ObjectNode item = changes.addObject();
            item.put("kind", change.kind().name());
            item.put("table", change.table().qualifiedName());
            item.put("column", change.column().orElse(null));
            item.put("newName", change.newName().orElse(null));
            item.put("newType", change.newType().orElse(null));
        }
        return JSON.writeValueAsString(line);
    }
}
