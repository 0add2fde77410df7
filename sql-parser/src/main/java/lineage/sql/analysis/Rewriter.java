package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits a statement's text so that the grammar can parse it, without moving anything: removed text becomes spaces
 * (line breaks stay), so positions in the edited text are positions in the original. Edits that the answer should
 * mention are collected as notes.
 */
final class Rewriter {
    private final StatementText statement;
    private final char[] text;
    private final List<String> notes = new ArrayList<>();
    private final List<MatchRecognize> matchRecognizes = new ArrayList<>();

    Rewriter(StatementText statement) {
        this.statement = statement;
        this.text = statement.text().toCharArray();
    }

    /** Blanks the script range {@code [start, end)}, clipped to the statement. */
    void blank(int start, int end) {
        int from = Math.max(0, start - statement.offset());
        int to = Math.min(text.length, end - statement.offset());
        for (int index = from; index < to; index++) {
            if (text[index] != '\n' && text[index] != '\r') {
                text[index] = ' ';
            }
        }
    }

    /** Blanks the tokens {@code from} to {@code to}, both included, and the text between them. */
    void blank(Token from, Token to) {
        blank(from.start(), to.end());
    }

    /** Replaces the text of the tokens {@code from} to {@code to} with a replacement no longer than it. */
    void replace(Token from, Token to, String replacement) {
        int length = to.end() - from.start();
        if (replacement.length() > length) {
            throw new IllegalArgumentException("replacement longer than the text it replaces: " + replacement);
        }
        blank(from, to);
        int at = from.start() - statement.offset();
        for (int index = 0; index < replacement.length(); index++) {
            text[at + index] = replacement.charAt(index);
        }
    }

    void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    void matchRecognize(MatchRecognize clause) {
        matchRecognizes.add(clause);
    }

    List<MatchRecognize> matchRecognizes() {
        return List.copyOf(matchRecognizes);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    String text() {
        return new String(text);
    }
}
