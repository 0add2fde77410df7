package lineage.server.cli;

/** Why a command cannot go on, as the one line it prints after its name (no stack trace). */
class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
