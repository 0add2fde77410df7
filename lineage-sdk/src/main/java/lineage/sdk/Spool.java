package lineage.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Events waiting for an unreachable server, on disk: one file per batch, one JSON event per line, named so that
 * sorting the names gives the order they were written in (also across restarts of the process). A file is written
 * under a temporary name and then renamed, so a crash never leaves half a batch.
 *
 * <p>Thread-safe: the delivery thread and callers whose events overflow the queue use it at once; every method
 * holds the spool's monitor.
 */
final class Spool {
    private static final String SUFFIX = ".jsonl";

    private final Path directory;
    private final long maxBytes;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final Deque<Path> files = new ArrayDeque<>();
    private long bytes;
    private long lastStamp;

    /** A spooled batch: its file and its events. */
    record Batch(Path file, List<String> events, long bytes) {
        Batch {
            requireNonNull(file, "file is null");
            events = List.copyOf(events);
        }
    }

    Spool(Path directory, long maxBytes) throws IOException {
        this.directory = requireNonNull(directory, "directory is null");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("invalid maximum spool size: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        Files.createDirectories(directory);
        try (Stream<Path> listing = Files.list(directory)) {
            List<Path> existing = listing.filter(
                            file -> file.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
            for (Path file : existing) {
                files.addLast(file);
                bytes += Files.size(file);
            }
        }
    }

    Path directory() {
        return directory;
    }

    synchronized boolean isEmpty() {
        return files.isEmpty();
    }

    synchronized int fileCount() {
        return files.size();
    }

    /** Appends a batch after every spooled one; false, writing nothing, when it would pass the maximum size. */
    synchronized boolean append(List<String> events) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            text.append(event).append('\n');
        }
        byte[] content = text.toString().getBytes(UTF_8);
        if (bytes + content.length > maxBytes) {
            return false;
        }
        // Microseconds since the epoch, never repeated in this process: names sort in writing order.
        lastStamp = Math.max(System.currentTimeMillis() * 1000, lastStamp + 1);
        String name = String.format("%020d-%s", lastStamp, instance);
        Path temporary = directory.resolve(name + ".tmp");
        Path file = directory.resolve(name + SUFFIX);
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        files.addLast(file);
        bytes += content.length;
        return true;
    }

    /** The oldest batch, read from disk; empty when nothing is spooled. */
    synchronized Optional<Batch> oldest() throws IOException {
        while (!files.isEmpty()) {
            Path file = files.peekFirst();
            try {
                byte[] content = Files.readAllBytes(file);
                List<String> events = new ArrayList<>();
                for (String line : new String(content, UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        events.add(line);
                    }
                }
                return Optional.of(new Batch(file, events, content.length));
            } catch (NoSuchFileException exception) {
                // Another emitter sharing the directory sent it already.
                files.removeFirst();
            }
        }
        return Optional.empty();
    }

    /** Forgets a batch that was delivered. */
    synchronized void remove(Batch batch) throws IOException {
        if (files.remove(batch.file())) {
            bytes -= batch.bytes();
        }
        Files.deleteIfExists(batch.file());
    }
}
