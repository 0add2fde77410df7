package lineage.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code copy-events --state FILE}: one line, the time to resume from (ISO-8601), replaced whole after every page so
 * that a copy killed at any moment leaves either the old time or the new one. Without a file, nothing is kept.
 */
final class StateFile {
    private final Optional<Path> file;

    StateFile(Optional<Path> file) {
        this.file = file;
    }

    /** The time the file holds; empty without a file or when it does not exist yet. */
    Optional<Instant> read() throws CommandFailure {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException unreadable) {
            throw new CommandFailure("cannot read the state file " + file.get() + ": " + unreadable.getMessage());
        }
        return Optional.of(EventTimes.argument("the state file " + file.get(), text));
    }

    void write(Instant resumeFrom) throws CommandFailure {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get().toAbsolutePath();
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, resumeFrom + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException unwritable) {
            throw new CommandFailure("cannot write the state file " + file.get() + ": " + unwritable.getMessage());
        }
    }
}
