package lineage.server.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Marquez's run states, as {@code lastRunStates} names them: repeated ({@code ?lastRunStates=FAILED&lastRunStates=
 * ABORTED}) or comma-separated, bound as leniently as Marquez binds enums (any case, {@code -} and {@code .} read as
 * {@code _}).
 */
final class RunStates {
    static final List<String> ALL = List.of("NEW", "RUNNING", "COMPLETED", "ABORTED", "FAILED", "OTHER");

    private RunStates() {}

    /** The states asked for, in name order; empty when none is (every state, and jobs without runs). */
    static Set<String> parse(List<String> values) {
        Set<String> states = new TreeSet<>();
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String state =
                        part.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
                if (state.isEmpty()) {
                    continue;
                }
                if (!ALL.contains(state)) {
                    throw Parameters.invalid(
                            "lastRunStates",
                            "'" + part.strip() + "' is not a run state (" + String.join(", ", ALL) + ")");
                }
                states.add(state);
            }
        }
        return states;
    }
}
