package lineage.server.api;

/** A page of a list: at most {@code limit} items after skipping {@code offset}, like Marquez's list parameters. */
record Paging(int limit, int offset) {
    static final String DEFAULT_LIMIT = "100";
    static final String DEFAULT_OFFSET = "0";

    Paging {
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
    }

    /** Reads the query parameters; a negative or non-numeric value is a 400 naming the parameter. */
    static Paging parse(String limit, String offset) {
        return new Paging(count("limit", limit), count("offset", offset));
    }

    private static int count(String field, String value) {
        int count;
        try {
            count = Integer.parseInt(value);
        } catch (NumberFormatException exception) {
            throw Parameters.invalid(field, "'" + value + "' is not a whole number");
        }
        if (count < 0) {
            throw Parameters.invalid(field, "must not be negative");
        }
        return count;
    }
}
