package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a {@code MATCH_RECOGNIZE} clause produces, read from its tokens (the grammar cannot parse it): the partition
 * columns, each measure with the input columns its expression reads, and whether all input rows pass through. Pattern
 * variables ({@code A.price}) are not tables: {@code A.price} reads the input's {@code price}.
 */
record MatchRecognize(String relation, List<String> partitionColumns, List<Measure> measures, boolean allRows) {
    record Measure(String name, List<String> columns) {}

    private static final Set<String> SECTION_ENDS =
            Set.of("ORDER", "MEASURES", "ONE", "ALL", "AFTER", "PATTERN", "SUBSET", "DEFINE", "INITIAL", "SEEK");
    private static final Set<String> NOT_COLUMNS = Set.of(
            "RUNNING",
            "FINAL",
            "AS",
            "CASE",
            "WHEN",
            "THEN",
            "ELSE",
            "END",
            "AND",
            "OR",
            "NOT",
            "NULL",
            "TRUE",
            "FALSE",
            "IS",
            "IN",
            "BETWEEN",
            "LIKE",
            "INTERVAL",
            "DATE",
            "TIMESTAMP");

    /**
     * Reads the clause whose {@code (} is at {@code open} and whose {@code )} is at {@code close}; {@code relation} is
     * the name the result goes by (its alias, or the table's name).
     */
    static MatchRecognize read(List<Token> tokens, int open, int close, String relation) {
        List<String> partition = new ArrayList<>();
        List<Measure> measures = new ArrayList<>();
        boolean allRows = false;
        for (int index = open + 1; index < close; index++) {
            Token token = tokens.get(index);
            if (token.isWord("PARTITION") && tokens.get(index + 1).isWord("BY")) {
                index = partition(tokens, index + 2, close, partition) - 1;
            } else if (token.isWord("MEASURES")) {
                index = measures(tokens, index + 1, close, measures) - 1;
            } else if (token.isWord("ALL") && tokens.get(index + 1).isWord("ROWS")) {
                allRows = true;
            } else if (token.isSymbol("(")) {
                index = Rewrites.closingParen(tokens, index);
            }
        }
        return new MatchRecognize(relation, List.copyOf(partition), List.copyOf(measures), allRows);
    }

    private static int partition(List<Token> tokens, int from, int close, List<String> columns) {
        int index = from;
        while (index < close && !SECTION_ENDS.contains(tokens.get(index).keyword())) {
            Token token = tokens.get(index);
            if (token.isIdentifier()) {
                columns.add(Names.normalize(token.text()));
            }
            index++;
        }
        return index;
    }

    private static int measures(List<Token> tokens, int from, int close, List<Measure> measures) {
        int start = from;
        int index = from;
        int depth = 0;
        while (index < close) {
            Token token = tokens.get(index);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (token.isSymbol(",") || SECTION_ENDS.contains(token.keyword()))) {
                measure(tokens, start, index).ifPresent(measures::add);
                if (!token.isSymbol(",")) {
                    return index;
                }
                start = index + 1;
            }
            index++;
        }
        measure(tokens, start, index).ifPresent(measures::add);
        return index;
    }

    /** {@code expression AS name} between {@code from} and {@code to}. */
    private static java.util.Optional<Measure> measure(List<Token> tokens, int from, int to) {
        if (to - from < 3
                || !tokens.get(to - 2).isWord("AS")
                || !tokens.get(to - 1).isIdentifier()) {
            return java.util.Optional.empty();
        }
        List<String> columns = new ArrayList<>();
        for (int index = from; index < to - 2; index++) {
            Token token = tokens.get(index);
            Token next = tokens.get(index + 1);
            if (token.isIdentifier()
                    && !next.isSymbol("(")
                    && !next.isSymbol(".")
                    && !NOT_COLUMNS.contains(token.keyword())) {
                String column = Names.normalize(token.text());
                if (!columns.contains(column)) {
                    columns.add(column);
                }
            }
        }
        return java.util.Optional.of(
                new Measure(Names.normalize(tokens.get(to - 1).text()), columns));
    }
}
