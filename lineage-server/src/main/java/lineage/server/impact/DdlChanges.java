package lineage.server.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lineage.server.model.NodeId;

/**
 * Reads the schema changes of a migration script: {@code ALTER TABLE t DROP COLUMN c}, {@code ALTER TABLE t RENAME
 * COLUMN c TO d}, {@code ALTER TABLE t ALTER COLUMN c SET DATA TYPE type} (and PostgreSQL's {@code ALTER COLUMN c
 * TYPE type}), {@code DROP TABLE t}, {@code DROP VIEW v} and {@code ALTER TABLE t RENAME TO u}, with {@code IF EXISTS}
 * where Trino and PostgreSQL allow it. Names are lower-cased unless quoted; a table named without its catalog and
 * schema cannot be placed in the mesh and is refused. Statements are split at {@code ;} outside strings, quoted names
 * and comments.
 */
public final class DdlChanges {
    private DdlChanges() {}

    /** A statement that is not one of the supported changes: its position in the script (from 1) and why. */
    public static final class InvalidDdlException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int statement;

        InvalidDdlException(int statement, String message) {
            super(message);
            this.statement = statement;
        }

        public int statement() {
            return statement;
        }
    }

    /** The changes of the script, in order; its datasets are in {@code namespace}. */
    public static List<SchemaChange> parse(String script, String namespace) {
        List<SchemaChange> changes = new ArrayList<>();
        int index = 0;
        for (List<Token> statement : statements(tokens(script))) {
            index++;
            changes.add(change(new Cursor(statement, index), namespace));
        }
        if (changes.isEmpty()) {
            throw new InvalidDdlException(0, "the script holds no statement");
        }
        return changes;
    }

    private static SchemaChange change(Cursor cursor, String namespace) {
        if (cursor.accept("DROP")) {
            if (!cursor.accept("TABLE") && !cursor.accept("VIEW")) {
                throw cursor.invalid("only DROP TABLE and DROP VIEW are schema changes");
            }
            cursor.ifExists();
            NodeId table = cursor.table(namespace);
            cursor.end();
            return new SchemaChange(
                    SchemaChange.Kind.DROP_TABLE, table, Optional.empty(), Optional.empty(), Optional.empty());
        }
        cursor.expect("ALTER");
        cursor.expect("TABLE");
        cursor.ifExists();
        NodeId table = cursor.table(namespace);
        if (cursor.accept("DROP")) {
            cursor.accept("COLUMN");
            cursor.ifExists();
            String column = cursor.name("a column name");
            cursor.end();
            return new SchemaChange(
                    SchemaChange.Kind.DROP_COLUMN, table, Optional.of(column), Optional.empty(), Optional.empty());
        }
        if (cursor.accept("RENAME")) {
            if (cursor.accept("TO")) {
                NodeId renamed = cursor.table(namespace);
                cursor.end();
                return new SchemaChange(
                        SchemaChange.Kind.RENAME_TABLE,
                        table,
                        Optional.empty(),
                        Optional.of(renamed.name()),
                        Optional.empty());
            }
            cursor.accept("COLUMN");
            cursor.ifExists();
            String column = cursor.name("a column name");
            cursor.expect("TO");
            String renamed = cursor.name("the new column name");
            cursor.end();
            return new SchemaChange(
                    SchemaChange.Kind.RENAME_COLUMN,
                    table,
                    Optional.of(column),
                    Optional.of(renamed),
                    Optional.empty());
        }
        if (cursor.accept("ALTER")) {
            cursor.accept("COLUMN");
            String column = cursor.name("a column name");
            if (cursor.accept("SET")) {
                cursor.expect("DATA");
            }
            cursor.expect("TYPE");
            String type = cursor.rest("a type");
            return new SchemaChange(
                    SchemaChange.Kind.CHANGE_COLUMN_TYPE,
                    table,
                    Optional.of(column),
                    Optional.empty(),
                    Optional.of(type));
        }
        throw cursor.invalid("expected DROP COLUMN, RENAME COLUMN, RENAME TO or ALTER COLUMN … SET DATA TYPE");
    }

    private record Token(String text, boolean quoted, int position) {
        boolean is(String word) {
            return !quoted && text.equalsIgnoreCase(word);
        }
    }

    private static final class Cursor {
        private final List<Token> tokens;
        private final int statement;
        private int next;

        Cursor(List<Token> tokens, int statement) {
            this.tokens = tokens;
            this.statement = statement;
        }

        boolean accept(String word) {
            if (next < tokens.size() && tokens.get(next).is(word)) {
                next++;
                return true;
            }
            return false;
        }

        void expect(String word) {
            if (!accept(word)) {
                throw invalid("expected " + word);
            }
        }

        void ifExists() {
            if (accept("IF")) {
                expect("EXISTS");
            }
        }

        String name(String what) {
            if (next >= tokens.size()) {
                throw invalid("expected " + what);
            }
            Token token = tokens.get(next);
            if (!token.quoted() && !isWord(token.text())) {
                throw invalid("expected " + what);
            }
            next++;
            return token.quoted() ? token.text() : token.text().toLowerCase(Locale.ROOT);
        }

        NodeId table(String namespace) {
            List<String> parts = new ArrayList<>();
            parts.add(name("a table name"));
            while (next < tokens.size() && tokens.get(next).is(".")) {
                next++;
                parts.add(name("a name after '.'"));
            }
            if (parts.size() != 3) {
                throw invalid("name the table as catalog.schema.table (" + String.join(".", parts)
                        + " cannot be placed in the mesh)");
            }
            return NodeId.dataset(namespace, String.join(".", parts));
        }

        String rest(String what) {
            if (next >= tokens.size()) {
                throw invalid("expected " + what);
            }
            List<String> texts = new ArrayList<>();
            for (; next < tokens.size(); next++) {
                texts.add(tokens.get(next).text());
            }
            return String.join(" ", texts)
                    .replaceAll("\\s*\\(\\s*", "(")
                    .replaceAll("\\s*\\)", ")")
                    .replaceAll("\\s*,\\s*", ", ")
                    .toLowerCase(Locale.ROOT);
        }

        void end() {
            if (next < tokens.size()) {
                throw invalid("unexpected '" + tokens.get(next).text() + "'");
            }
        }

        InvalidDdlException invalid(String message) {
            String near = next < tokens.size() ? " near '" + tokens.get(next).text() + "'" : " at its end";
            return new InvalidDdlException(statement, "statement " + statement + ": " + message + near);
        }
    }

    private static boolean isWord(String text) {
        return !text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_');
    }

    /** The tokens, split into statements at {@code ;}; empty statements are dropped. */
    private static List<List<Token>> statements(List<Token> tokens) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token token : tokens) {
            if (token.is(";")) {
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private static List<Token> tokens(String script) {
        List<Token> tokens = new ArrayList<>();
        int position = 0;
        while (position < script.length()) {
            char c = script.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (script.startsWith("--", position)) {
                int end = script.indexOf('\n', position);
                position = end < 0 ? script.length() : end + 1;
            } else if (script.startsWith("/*", position)) {
                int end = script.indexOf("*/", position + 2);
                if (end < 0) {
                    throw new InvalidDdlException(0, "a comment is not closed");
                }
                position = end + 2;
            } else if (c == '"' || c == '`') {
                int end = script.indexOf(c, position + 1);
                if (end < 0) {
                    throw new InvalidDdlException(0, "a quoted name is not closed");
                }
                tokens.add(new Token(script.substring(position + 1, end), true, position));
                position = end + 1;
            } else if (c == '\'') {
                int end = script.indexOf('\'', position + 1);
                if (end < 0) {
                    throw new InvalidDdlException(0, "a string is not closed");
                }
                tokens.add(new Token(script.substring(position, end + 1), false, position));
                position = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int end = position;
                while (end < script.length()
                        && (Character.isLetterOrDigit(script.charAt(end))
                                || script.charAt(end) == '_'
                                || script.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(script.substring(position, end), false, position));
                position = end;
            } else {
                tokens.add(new Token(String.valueOf(c), false, position));
                position++;
            }
        }
        return tokens;
    }
}
