package lineage.server.impact;

import static java.util.Objects.requireNonNull;

/** A line of a job's SQL, from 1, and its text: where it uses a changed column or table. */
public record SqlLine(int number, String text) {
    public SqlLine {
        requireNonNull(text, "text is null");
        if (number < 1) {
            throw new IllegalArgumentException("lines count from 1: " + number);
        }
    }
}
