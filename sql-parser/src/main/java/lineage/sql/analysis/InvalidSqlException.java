package lineage.sql.analysis;

/** SQL that the grammar accepted but that is not valid (a zero-length name, too many name parts). */
final class InvalidSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSqlException(String message) {
        super(message);
    }
}
