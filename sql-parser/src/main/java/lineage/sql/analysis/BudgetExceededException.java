package lineage.sql.analysis;

/** The call's time budget ran out during analysis; the statement is refused as too complex. */
final class BudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceededException() {
        super("the analysis took longer than its time budget", null, false, false);
    }
}
