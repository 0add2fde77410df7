package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lineage.sql.Diagnostic;
import lineage.sql.SchemaChange;
import lineage.sql.SchemaChanges;
import lineage.sql.TableRef;

/** Reads one statement of a migration script as a {@link SchemaChange} (see {@link SchemaChanges} for what it reads). */
public final class SchemaChangeReader {
    private final List<Token> tokens;
    private final int statement;
    private int next;

    private SchemaChangeReader(List<Token> tokens, int statement) {
        this.tokens = tokens;
        this.statement = statement;
    }

    /** See {@link SchemaChanges#parse}. */
    public static SchemaChanges read(String script) {
        Lexer.Lexed lexed = Lexer.lex(script);
        Optional<Token> unclosed = lexed.tokens().stream()
                .filter(token -> token.kind() == Token.Kind.UNTERMINATED)
                .findFirst();
        if (unclosed.isPresent()) {
            Token token = unclosed.get();
            return new SchemaChanges(
                    List.of(),
                    List.of(Diagnostic.of(
                            Diagnostic.Code.SYNTAX_ERROR, notClosed(token.unclosed()), token.line(), token.column())));
        }
        List<SchemaChange> changes = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<StatementText> statements = lexed.statements();
        for (int index = 0; index < statements.size(); index++) {
            try {
                changes.add(new SchemaChangeReader(statements.get(index).tokens(), index + 1).change());
            } catch (Refused refused) {
                diagnostics.add(refused.diagnostic);
            }
        }
        if (statements.isEmpty()) {
            diagnostics.add(Diagnostic.of(Diagnostic.Code.SYNTAX_ERROR, "the script holds no statement", 1, 1));
        }
        return new SchemaChanges(changes, diagnostics);
    }

    private static String notClosed(Token.Unclosed unclosed) {
        return switch (unclosed) {
            case COMMENT -> "a comment is not closed";
            case QUOTED_IDENTIFIER -> "a quoted name is not closed";
            case STRING_LITERAL -> "a string is not closed";
        };
    }

    private SchemaChange change() {
        if (accept("DROP")) {
            return drop();
        }
        if (!accept("ALTER")) {
            throw refused(Diagnostic.Code.UNSUPPORTED, "expected ALTER");
        }
        if (!accept("TABLE")) {
            throw refused(Diagnostic.Code.UNSUPPORTED, "expected TABLE");
        }
        ifExists();
        TableRef table = table();
        if (accept("DROP")) {
            return dropColumn(table);
        }
        if (accept("RENAME")) {
            return rename(table);
        }
        if (accept("ALTER")) {
            return alterColumn(table);
        }
        throw refused(
                Diagnostic.Code.UNSUPPORTED,
                "expected DROP COLUMN, RENAME COLUMN, RENAME TO or ALTER COLUMN … SET DATA TYPE");
    }

    private SchemaChange drop() {
        if (!accept("TABLE") && !accept("VIEW")) {
            throw refused(Diagnostic.Code.UNSUPPORTED, "only DROP TABLE and DROP VIEW are schema changes");
        }
        ifExists();
        TableRef table = table();
        end();
        return new SchemaChange(
                SchemaChange.Kind.DROP_TABLE, table, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private SchemaChange dropColumn(TableRef table) {
        accept("COLUMN");
        ifExists();
        String column = name("a column name");
        end();
        return new SchemaChange(
                SchemaChange.Kind.DROP_COLUMN, table, Optional.of(column), Optional.empty(), Optional.empty());
    }

    private SchemaChange alterColumn(TableRef table) {
        accept("COLUMN");
        String column = name("a column name");
        if (accept("SET")) {
            expect("DATA");
        }
        expect("TYPE");
        String type = rest("a type");
        return new SchemaChange(
                SchemaChange.Kind.CHANGE_COLUMN_TYPE, table, Optional.of(column), Optional.empty(), Optional.of(type));
    }

    private SchemaChange rename(TableRef table) {
        if (accept("TO")) {
            TableRef renamed = table();
            end();
            return new SchemaChange(
                    SchemaChange.Kind.RENAME_TABLE,
                    table,
                    Optional.empty(),
                    Optional.of(renamed.qualifiedName()),
                    Optional.empty());
        }
        accept("COLUMN");
        ifExists();
        String column = name("a column name");
        expect("TO");
        String renamed = name("the new column name");
        end();
        return new SchemaChange(
                SchemaChange.Kind.RENAME_COLUMN, table, Optional.of(column), Optional.of(renamed), Optional.empty());
    }

    private boolean accept(String word) {
        if (next < tokens.size() && tokens.get(next).isWord(word)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw refused(Diagnostic.Code.SYNTAX_ERROR, "expected " + word);
        }
    }

    private void ifExists() {
        if (accept("IF")) {
            expect("EXISTS");
        }
    }

    /** A name: unquoted and lower-cased, or unquoted with its case kept when it was quoted. */
    private String name(String what) {
        Token token = next < tokens.size() ? tokens.get(next) : null;
        if (token == null
                || !token.isIdentifier()
                || Names.unquote(token.text()).isEmpty()) {
            throw refused(Diagnostic.Code.SYNTAX_ERROR, "expected " + what);
        }
        next++;
        return token.kind() == Token.Kind.QUOTED
                ? Names.unquote(token.text())
                : token.text().toLowerCase(Locale.ROOT);
    }

    private TableRef table() {
        List<String> parts = new ArrayList<>();
        parts.add(name("a table name"));
        while (next < tokens.size() && tokens.get(next).isSymbol(".")) {
            next++;
            parts.add(name("a name after '.'"));
        }
        if (next < tokens.size() && tokens.get(next).kind() == Token.Kind.NUMBER) {
            Token number = tokens.get(next);
            if (number.text().startsWith(".")) {
                // The lexer reads a dot before a digit as the start of a number (.5): here it is a part that starts
                // with a digit, which no unquoted name does.
                throw refused(
                        Diagnostic.Code.SYNTAX_ERROR,
                        "expected a name after '.'",
                        number,
                        number.text().substring(1));
            }
        }
        if (parts.size() != 3) {
            throw refused(
                    Diagnostic.Code.UNSUPPORTED,
                    "name the table as catalog.schema.table (" + String.join(".", parts)
                            + " cannot be placed in the mesh)");
        }
        return TableRef.of(parts.get(0), parts.get(1), parts.get(2));
    }

    /** The rest of the statement as a type: lower-case, {@code decimal(14, 2)}. */
    private String rest(String what) {
        if (next >= tokens.size()) {
            throw refused(Diagnostic.Code.SYNTAX_ERROR, "expected " + what);
        }
        List<String> texts = new ArrayList<>();
        for (; next < tokens.size(); next++) {
            texts.add(shown(tokens.get(next)));
        }
        return String.join(" ", texts)
                .replaceAll("\\s*\\(\\s*", "(")
                .replaceAll("\\s*\\)", ")")
                .replaceAll("\\s*,\\s*", ", ")
                .toLowerCase(Locale.ROOT);
    }

    private void end() {
        if (next < tokens.size()) {
            throw refused(Diagnostic.Code.SYNTAX_ERROR, "unexpected '" + shown(tokens.get(next)) + "'");
        }
    }

    /** Where the statement stopped being read: the next token, or its last one when none is left. */
    private Refused refused(Diagnostic.Code code, String message) {
        if (next >= tokens.size()) {
            Token last = tokens.get(tokens.size() - 1);
            return new Refused(Diagnostic.of(
                    code, "statement " + statement + ": " + message + " at its end", last.line(), last.column()));
        }
        return refused(code, message, tokens.get(next), shown(tokens.get(next)));
    }

    private Refused refused(Diagnostic.Code code, String message, Token at, String near) {
        return new Refused(Diagnostic.of(
                code, "statement " + statement + ": " + message + " near '" + near + "'", at.line(), at.column()));
    }

    /** A token as a message shows it: a quoted name without its quotes. */
    private static String shown(Token token) {
        return token.kind() == Token.Kind.QUOTED ? Names.unquote(token.text()) : token.text();
    }

    /** A statement that is not a supported schema change; {@link #read} turns it into its diagnostic. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Diagnostic diagnostic;

        Refused(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }
}
