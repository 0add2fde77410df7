package lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutation fuzzing over the golden corpus (every {@code .sql} file under {@code src/test/resources/sql}) plus random
 * SQL-ish text.
 *
 * <p>The contract under test: {@link SqlLineageParser#parse(String, ParseOptions)} never throws, never hangs, answers
 * within two seconds, and every diagnostic it gives names a real place in the text (line and column at least 1, line
 * at most the number of lines of the text). The same text also goes through {@link SqlFingerprint#of}, {@link
 * SqlComments#leading} and {@link SchemaChanges#parse}, which must never throw either, and whose diagnostics must name
 * real places too.
 *
 * <p>Everything is driven by fixed seeds, printed in every failure message; pass {@code -Dfuzz.seed=N} to explore
 * other mutants. Failures are collected and the first ones of each kind are reported together at the end.
 */
class ParserFuzzTest {
    /** The default seed; {@code -Dfuzz.seed=N} overrides it. */
    private static final long DEFAULT_SEED = 20_240_611L;

    private static final long SEED = Long.getLong("fuzz.seed", DEFAULT_SEED);
    private static final int MUTANTS_PER_FILE = 32;
    private static final int RANDOM_STRINGS = 3_000;
    /** The contract: every input is answered (or refused) within two seconds. */
    private static final long CONTRACT_MILLIS = 2_000;
    /** A parse still running after this long is reported as a hang and abandoned. */
    private static final long HANG_SECONDS = 10;
    /** After this many hangs the run stops: each one leaves a thread spinning. */
    private static final int MAX_HANGS = 3;

    private static final int REPORTED_FAILURES = 10;

    private static final SqlLineageParser PARSER = new SqlLineageParser();
    private static final ParseOptions OPTIONS = ParseOptions.of("insights", "default");

    private static final Pattern TOKEN_OR_SPACE = Pattern.compile("\\S+|\\s+");

    /** Characters and short strings that are likely to upset a lexer or a grammar. */
    private static final String[] NASTY = {
        "'",
        "\"",
        "`",
        "(",
        ")",
        ";",
        "--",
        "/*",
        "*/",
        "\0",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\u000B",
        "\f",
        ",",
        ".",
        "*",
        "[",
        "]",
        "{",
        "}",
        "\\",
        "?",
        ":",
        "::",
        "@",
        "#",
        "$",
        "$$",
        "$tag$",
        "e'",
        "U&'",
        "X'",
        "N'",
        "''",
        "\"\"",
        "=>",
        "->",
        "||",
        "é",
        "ß",
        "中文",
        "Ω",
        "\u00A0",
        "\u2028",
        "\u2029",
        "\u0085",
        "\u200B",
        "\uFEFF",
        "\uD83D\uDE00",
        "\uD800",
        "\uDBFF",
        "\uDC00",
        "\uDFFF",
        "\uFFFF",
        "\uFFFE",
        "\u0001",
        "\u001F",
        "\u007F",
        "\u0080",
        "\u00FF",
        "１",
        "٣",
        "ﬀ",
        "ＳＥＬＥＣＴ",
        "${",
        "{{",
        "}}",
        "{%",
        "%}",
        "&",
        "|",
        "!",
        "~",
        "^",
        "%",
        "<",
        ">",
        "<>",
        "!=",
        "1e",
        "1e+",
        "0x",
        ".5",
        "1.2.3",
        "9999999999999999999999999999"
    };

    /** Identifiers a lineage library has to turn into table and column names without tripping over them. */
    private static final String[] ODD_NAMES = {
        "\"\"",
        "``",
        "[]",
        "\" \"",
        "\"\"\"\"",
        "\".\"",
        "\"a.b\"",
        "a..b",
        "a.",
        ".a",
        "a.b.c.d",
        "a.b.c.d.e",
        "\"\".\"\".\"\"",
        "x.\"\"",
        "\"\".x",
        "[a b]",
        "\"\0\"",
        "\"\u00E9\"",
        "\"\uD800\"",
        "`a``b`",
        "\"a\"\"b\"",
        "\"" + "x".repeat(300) + "\"",
        "$",
        "_",
        "a$b",
        "a@b#c",
        "\"SELECT\"",
        "select",
        "from",
        "table",
        "\"\\\"",
        "U&\"\\0041\"",
        "1a",
        "\"\n\"",
        "\"--\"",
        "\"/*\"",
        "\"'\"",
        "'x'",
        "?"
    };

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final String[] SQL_WORDS = {
        "SELECT",
        "FROM",
        "WHERE",
        "INSERT",
        "INTO",
        "UPDATE",
        "SET",
        "DELETE",
        "MERGE",
        "USING",
        "WHEN",
        "MATCHED",
        "THEN",
        "NOT",
        "VALUES",
        "WITH",
        "RECURSIVE",
        "AS",
        "JOIN",
        "LEFT",
        "RIGHT",
        "FULL",
        "OUTER",
        "INNER",
        "CROSS",
        "LATERAL",
        "UNNEST",
        "ON",
        "GROUP",
        "BY",
        "ORDER",
        "HAVING",
        "LIMIT",
        "OFFSET",
        "UNION",
        "ALL",
        "INTERSECT",
        "EXCEPT",
        "DISTINCT",
        "CASE",
        "ELSE",
        "END",
        "AND",
        "OR",
        "IN",
        "EXISTS",
        "IS",
        "NULL",
        "BETWEEN",
        "LIKE",
        "CAST",
        "CREATE",
        "TABLE",
        "VIEW",
        "OR REPLACE",
        "IF",
        "DROP",
        "ALTER",
        "USE",
        "OVER",
        "PARTITION",
        "WINDOW",
        "ROWS",
        "TABLE",
        "OVERWRITE",
        "COALESCE",
        "count",
        "sum",
        "a",
        "b",
        "t",
        "u",
        "x",
        "t.a",
        "s.t.u",
        "insights.default.t",
        "\"Quoted Name\"",
        "`bq`",
        "'str'",
        "'it''s'",
        "42",
        "3.14",
        "1e10",
        "$1",
        "?",
        ":p",
        "(",
        ")",
        "(",
        ")",
        ",",
        ",",
        ";",
        "*",
        "=",
        "<",
        ">",
        "+",
        "-",
        "/",
        "||",
        "::",
        ".",
        "--",
        "/*",
        "*/",
        "'",
        "\"",
        "`",
        "[",
        "]",
        "{",
        "}",
        "\n",
        "$$",
        "\0",
        "é",
        "\uD800",
        "\uDC00"
    };

    private static final String CHAR_ALPHABET =
            "abcdefxyzSELCTFROMWHERINSTUPDA_0123456789 \n\t\r(),;.*'\"`-/+=<>!|:$@#[]{}\\?%&^~\0é中\uD800\uDC00";

    private static List<Path> corpus;
    private static Path corpusRoot;
    private static ExecutorService worker;

    @BeforeAll
    static void loadCorpusAndWarmUp() throws IOException, URISyntaxException {
        URL url = ParserFuzzTest.class.getResource("/sql");
        assertThat(url).as("the golden corpus /sql is on the test classpath").isNotNull();
        corpusRoot = Path.of(url.toURI());
        try (Stream<Path> files = Files.walk(corpusRoot)) {
            corpus = files.filter(path -> path.toString().endsWith(".sql"))
                    .sorted()
                    .toList();
        }
        assertThat(corpus).as("golden corpus .sql files").hasSizeGreaterThan(100);
        worker = newWorker();
        PARSER.parse("SELECT a FROM t", OPTIONS);
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void mutantsOfTheGoldenCorpusKeepTheContract() throws IOException {
        Random random = new Random(SEED);
        Run run = new Run("corpus mutants");
        for (Path file : corpus) {
            String sql = Files.readString(file, StandardCharsets.UTF_8);
            String name = corpusRoot.relativize(file).toString().replace('\\', '/');
            for (int index = 0; index < MUTANTS_PER_FILE && !run.stopped(); index++) {
                Mutant mutant = mutate(sql, index, random);
                run.check(name + " #" + index + " " + mutant.description(), mutant.text());
            }
        }
        run.assertNoFailures();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void randomSqlIshStringsKeepTheContract() {
        Random random = new Random(SEED ^ 0x5DEECE66DL);
        Run run = new Run("random strings");
        for (int index = 0; index < RANDOM_STRINGS && !run.stopped(); index++) {
            String text = index % 2 == 0 ? randomTokens(random) : randomChars(random);
            run.check("random #" + index, text);
        }
        run.assertNoFailures();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Mutations

    record Mutant(String text, String description) {}

    /** A mutant of {@code sql}: the operator is chosen by {@code index} so every file gets every kind. */
    private static Mutant mutate(String sql, int index, Random random) {
        return switch (index) {
            case 0, 1, 2 -> truncateAnywhere(sql, random);
            case 3 -> truncateInside(sql, random, "'", "mid-string");
            case 4 -> truncateInside(sql, random, "\"", "mid-quoted-identifier");
            case 5 -> truncateInside(sql, random, "--", "mid-line-comment");
            case 6 -> truncateInside(sql, random, "/*", "mid-block-comment");
            case 7 -> truncateInside(sql, random, "(", "mid-parentheses");
            case 8, 9, 10, 11 -> swapTokens(sql, random);
            case 12, 13, 14 -> deleteToken(sql, random);
            case 15, 16, 17 -> duplicateToken(sql, random);
            case 18, 19, 20, 21, 22, 23 -> insertNasty(sql, random);
            case 24, 25 -> insertRandomChar(sql, random);
            case 26 -> replaceRandomChar(sql, random);
            case 27, 28 -> renameIdentifier(sql, random);
            default -> stacked(sql, random);
        };
    }

    private static Mutant truncateAnywhere(String sql, Random random) {
        int at = random.nextInt(sql.length() + 1);
        return new Mutant(sql.substring(0, at), "truncate at " + at);
    }

    /** Truncates just after an occurrence of {@code marker} (plus 0–3 characters), i.e. inside what it opens. */
    private static Mutant truncateInside(String sql, Random random, String marker, String label) {
        List<Integer> places = new ArrayList<>();
        for (int at = sql.indexOf(marker); at >= 0; at = sql.indexOf(marker, at + 1)) {
            places.add(at);
        }
        if (places.isEmpty()) {
            return truncateAnywhere(sql, random);
        }
        int at =
                Math.min(sql.length(), places.get(random.nextInt(places.size())) + marker.length() + random.nextInt(4));
        return new Mutant(sql.substring(0, at), "truncate " + label + " at " + at);
    }

    /** Alternating runs of non-space and space, so token edits keep the line structure. */
    private static List<String> pieces(String sql) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = TOKEN_OR_SPACE.matcher(sql);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return pieces;
    }

    private static List<Integer> tokenIndexes(List<String> pieces) {
        List<Integer> indexes = new ArrayList<>();
        for (int index = 0; index < pieces.size(); index++) {
            if (!pieces.get(index).isBlank()) {
                indexes.add(index);
            }
        }
        return indexes;
    }

    private static Mutant swapTokens(String sql, Random random) {
        List<String> pieces = pieces(sql);
        List<Integer> tokens = tokenIndexes(pieces);
        if (tokens.size() < 2) {
            return insertNasty(sql, random);
        }
        int first = tokens.get(random.nextInt(tokens.size()));
        int second = tokens.get(random.nextInt(tokens.size()));
        String swapped = pieces.get(first);
        pieces.set(first, pieces.get(second));
        pieces.set(second, swapped);
        return new Mutant(String.join("", pieces), "swap tokens " + first + " and " + second);
    }

    private static Mutant deleteToken(String sql, Random random) {
        List<String> pieces = pieces(sql);
        List<Integer> tokens = tokenIndexes(pieces);
        if (tokens.isEmpty()) {
            return insertNasty(sql, random);
        }
        int count = 1 + random.nextInt(3);
        int start = random.nextInt(tokens.size());
        StringBuilder deleted = new StringBuilder();
        for (int index = start; index < Math.min(tokens.size(), start + count); index++) {
            deleted.append(' ').append(tokens.get(index));
            pieces.set(tokens.get(index), "");
        }
        return new Mutant(String.join("", pieces), "delete tokens" + deleted);
    }

    private static Mutant duplicateToken(String sql, Random random) {
        List<String> pieces = pieces(sql);
        List<Integer> tokens = tokenIndexes(pieces);
        if (tokens.isEmpty()) {
            return insertNasty(sql, random);
        }
        int index = tokens.get(random.nextInt(tokens.size()));
        int times = 1 + random.nextInt(3);
        String token = pieces.get(index);
        pieces.set(index, (token + " ").repeat(times) + token);
        return new Mutant(String.join("", pieces), "duplicate token " + index + " x" + times);
    }

    private static Mutant insertNasty(String sql, Random random) {
        int at = random.nextInt(sql.length() + 1);
        String nasty = NASTY[random.nextInt(NASTY.length)];
        return new Mutant(sql.substring(0, at) + nasty + sql.substring(at), "insert " + escape(nasty) + " at " + at);
    }

    private static Mutant insertRandomChar(String sql, Random random) {
        int at = random.nextInt(sql.length() + 1);
        char inserted =
                random.nextBoolean() ? (char) random.nextInt(256) : (char) random.nextInt(Character.MAX_VALUE + 1);
        return new Mutant(
                sql.substring(0, at) + inserted + sql.substring(at),
                "insert " + escape(String.valueOf(inserted)) + " at " + at);
    }

    /** Replaces a name (or one dotted part of it) by an odd but lexically plausible identifier. */
    private static Mutant renameIdentifier(String sql, Random random) {
        List<String> pieces = pieces(sql);
        List<Integer> names = new ArrayList<>();
        for (int index = 0; index < pieces.size(); index++) {
            if (NAME.matcher(pieces.get(index)).find()) {
                names.add(index);
            }
        }
        if (names.isEmpty()) {
            return insertNasty(sql, random);
        }
        int index = names.get(random.nextInt(names.size()));
        List<int[]> parts = new ArrayList<>();
        Matcher matcher = NAME.matcher(pieces.get(index));
        while (matcher.find()) {
            parts.add(new int[] {matcher.start(), matcher.end()});
        }
        int[] part = parts.get(random.nextInt(parts.size()));
        String token = pieces.get(index);
        String odd = ODD_NAMES[random.nextInt(ODD_NAMES.length)];
        pieces.set(index, token.substring(0, part[0]) + odd + token.substring(part[1]));
        return new Mutant(
                String.join("", pieces),
                "rename " + escape(token.substring(part[0], part[1])) + " in token " + index + " to " + escape(odd));
    }

    private static Mutant replaceRandomChar(String sql, Random random) {
        if (sql.isEmpty()) {
            return insertNasty(sql, random);
        }
        int at = random.nextInt(sql.length());
        String nasty = NASTY[random.nextInt(NASTY.length)];
        return new Mutant(
                sql.substring(0, at) + nasty + sql.substring(at + 1), "replace char " + at + " by " + escape(nasty));
    }

    /** Two to four mutations in a row. */
    private static Mutant stacked(String sql, Random random) {
        int count = 2 + random.nextInt(3);
        String text = sql;
        List<String> steps = new ArrayList<>();
        for (int step = 0; step < count; step++) {
            Mutant mutant =
                    switch (random.nextInt(7)) {
                        case 0 -> swapTokens(text, random);
                        case 5 -> renameIdentifier(text, random);
                        case 1 -> deleteToken(text, random);
                        case 2 -> duplicateToken(text, random);
                        case 3 -> insertRandomChar(text, random);
                        case 4 -> replaceRandomChar(text, random);
                        default -> insertNasty(text, random);
                    };
            text = mutant.text();
            steps.add(mutant.description());
        }
        if (random.nextInt(4) == 0) {
            Mutant truncated = truncateAnywhere(text, random);
            text = truncated.text();
            steps.add(truncated.description());
        }
        return new Mutant(text, "stacked [" + String.join("; ", steps) + "]");
    }

    private static String randomTokens(Random random) {
        int count = random.nextInt(120);
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < count; index++) {
            text.append(SQL_WORDS[random.nextInt(SQL_WORDS.length)]);
            int space = random.nextInt(10);
            text.append(space < 7 ? " " : space < 8 ? "" : space < 9 ? "\n" : NASTY[random.nextInt(NASTY.length)]);
        }
        return text.toString();
    }

    private static String randomChars(Random random) {
        int length = random.nextInt(300);
        StringBuilder text = new StringBuilder(length);
        for (int index = 0; index < length; index++) {
            text.append(CHAR_ALPHABET.charAt(random.nextInt(CHAR_ALPHABET.length())));
        }
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checking

    private record Answers(SqlLineage lineage, SchemaChanges schemaChanges) {}

    /** One fuzzing run: parses each input on a worker thread and collects what breaks the contract. */
    private static final class Run {
        private final String label;
        private final long startNanos = System.nanoTime();
        /** Failures grouped by kind (first occurrence kept), so the report shows different bugs, not one bug ten times. */
        private final Map<String, List<String>> failures = new LinkedHashMap<>();

        private int inputs;
        private int errors;
        private int hangs;
        private long slowestMillis;
        private String slowest = "";

        Run(String label) {
            this.label = label;
        }

        boolean stopped() {
            return hangs >= MAX_HANGS;
        }

        void check(String name, String text) {
            inputs++;
            long start = System.nanoTime();
            Future<Answers> future = worker.submit(() -> {
                SqlFingerprint.of(text);
                SqlComments.leading(text);
                return new Answers(PARSER.parse(text, OPTIONS), SchemaChanges.parse(text));
            });
            Answers answers;
            try {
                answers = future.get(HANG_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException escaped) {
                Throwable cause = escaped.getCause();
                fail("exception " + signature(cause), name, text, describe(cause));
                return;
            } catch (TimeoutException hang) {
                hangs++;
                future.cancel(true);
                worker.shutdownNow();
                worker = newWorker();
                fail("hang", name, text, "parse did not return within " + HANG_SECONDS + " s");
                return;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while parsing " + name, interrupted);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (millis > slowestMillis) {
                slowestMillis = millis;
                slowest = name;
            }
            if (millis > CONTRACT_MILLIS) {
                fail("slow", name, text, "parse took " + millis + " ms (contract: " + CONTRACT_MILLIS + " ms)");
            }
            if (answers.lineage() == null) {
                fail("null result", name, text, "parse returned null");
                return;
            }
            if (answers.lineage().error().isPresent()) {
                errors++;
            }
            int lines = lineCount(text);
            List<Diagnostic> diagnostics = new ArrayList<>(answers.lineage().diagnostics());
            diagnostics.addAll(answers.schemaChanges().diagnostics());
            for (Diagnostic diagnostic : diagnostics) {
                if (diagnostic.line() < 1 || diagnostic.column() < 1) {
                    fail("position below 1", name, text, "diagnostic " + diagnostic + " has line/column below 1");
                }
                if (diagnostic.line() > lines) {
                    fail(
                            "line past the end (" + diagnostic.code() + ")",
                            name,
                            text,
                            "diagnostic " + diagnostic + " names line " + diagnostic.line() + " but the text has "
                                    + lines + " line(s)");
                }
            }
        }

        private void fail(String kind, String name, String text, String problem) {
            failures.computeIfAbsent(kind, ignored -> new ArrayList<>())
                    .add(problem + "\n    input: " + name + " (" + text.length() + " chars)\n    text: \""
                            + escape(text) + "\"");
        }

        void assertNoFailures() {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
            System.out.printf(
                    "ParserFuzzTest %s (seed %d): %d inputs, %d answered with an error, %d failure(s) in %d kind(s),"
                            + " slowest parse %d ms (%s), %d s%n",
                    label,
                    SEED,
                    inputs,
                    errors,
                    failures.values().stream().mapToInt(List::size).sum(),
                    failures.size(),
                    slowestMillis,
                    slowest,
                    seconds);
            if (failures.isEmpty()) {
                return;
            }
            StringBuilder report = new StringBuilder();
            int total = failures.values().stream().mapToInt(List::size).sum();
            report.append(label)
                    .append(" (seed ")
                    .append(SEED)
                    .append("): ")
                    .append(total)
                    .append(" contract violation(s) in ")
                    .append(inputs)
                    .append(" inputs");
            if (stopped()) {
                report.append(" (stopped early after ").append(hangs).append(" hangs)");
            }
            report.append("\nby kind:");
            failures.forEach((kind, list) ->
                    report.append("\n  ").append(list.size()).append(" x ").append(kind));
            // The first example of every kind, then more examples round-robin, up to REPORTED_FAILURES in all.
            List<String> reported = new ArrayList<>();
            for (int round = 0; reported.size() < REPORTED_FAILURES; round++) {
                boolean any = false;
                for (Map.Entry<String, List<String>> entry : failures.entrySet()) {
                    if (round < entry.getValue().size() && reported.size() < REPORTED_FAILURES) {
                        reported.add(
                                "[" + entry.getKey() + "] " + entry.getValue().get(round));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            for (int index = 0; index < reported.size(); index++) {
                report.append("\n\n").append(index + 1).append(". ").append(reported.get(index));
            }
            throw new AssertionError(report.toString());
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parser-fuzz-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lines as an editor counts them: one more than the line breaks ({@code \r\n}, {@code \r} or {@code \n}). */
    static int lineCount(String text) {
        int lines = 1;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '\n') {
                lines++;
            } else if (c == '\r') {
                lines++;
                if (index + 1 < text.length() && text.charAt(index + 1) == '\n') {
                    index++;
                }
            }
        }
        return lines;
    }

    private static String signature(Throwable throwable) {
        StackTraceElement[] trace = throwable.getStackTrace();
        String where = trace.length == 0 ? "?" : trace[0].getClassName() + "." + trace[0].getMethodName();
        String message = String.valueOf(throwable.getMessage());
        int colon = message.indexOf(':');
        message = colon < 0 ? message : message.substring(0, colon);
        message = message.length() <= 60 ? message : message.substring(0, 60) + "...";
        return throwable.getClass().getName() + " (" + message + ") at " + where;
    }

    private static String describe(Throwable throwable) {
        StringBuilder text = new StringBuilder("parse threw ").append(throwable);
        StackTraceElement[] trace = throwable.getStackTrace();
        for (int index = 0; index < Math.min(8, trace.length); index++) {
            text.append("\n        at ").append(trace[index]);
        }
        return text.toString();
    }

    /** Java-string escaping: every character outside printable ASCII as \\uXXXX (so lone surrogates stay visible). */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        escaped.append(c);
                    } else {
                        escaped.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return escaped.toString();
    }
}
