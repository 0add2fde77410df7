package lineage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a server's events oldest first through an {@link EventCursor} and hands each page's new events to a sink,
 * which has taken them when it returns; then tells the checkpoint where a later run may resume.
 */
final class EventReading {
    /** Where the events go: a server, a file. */
    interface Sink {
        void accept(List<JsonNode> events) throws CommandFailure;
    }

    /** Told, after each page the sink took, the time to resume from (the state file). */
    interface Checkpoint {
        void reached(Instant resumeFrom) throws CommandFailure;
    }

    /**
     * How a reading ended: the events handed to the sink, the time to resume from, and whether it stopped at the
     * {@code --max-events} limit before the end of the log.
     */
    record Outcome(long events, long total, Instant resumeFrom, boolean stopped) {}

    /** A failure after some events were taken, with the time to resume from. */
    static final class Interrupted extends CommandFailure {
        private static final long serialVersionUID = 1L;
        private final transient Instant resumeFrom;
        private final long events;

        Interrupted(CommandFailure cause, Instant resumeFrom, long events) {
            super(cause.getMessage());
            this.resumeFrom = resumeFrom;
            this.events = events;
        }

        Instant resumeFrom() {
            return resumeFrom;
        }

        long events() {
            return events;
        }
    }

    private final EventPages pages;
    private final ProgressBar progress;
    private final String counted;

    /** {@code counted}: what the progress bar counts ("events copied"). */
    EventReading(EventPages pages, ProgressBar progress, String counted) {
        this.pages = pages;
        this.progress = progress;
        this.counted = counted;
    }

    /**
     * Reads until the end of the log or {@code maxEvents}. The next page is fetched while the sink takes the current
     * one (a read does not change the order the sink sees).
     */
    Outcome read(EventCursor cursor, OptionalLong maxEvents, Sink sink, Checkpoint checkpoint) throws Interrupted {
        long taken = 0;
        long total = 0;
        Instant resumeFrom = cursor.resumeFrom();
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "event-pages");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<EventPages.Page> pending = fetch(reader, cursor.next());
            while (true) {
                EventPages.Page page = await(pending);
                total = Math.max(total, taken + page.totalCount());
                List<JsonNode> fresh = cursor.accept(page);
                Instant next = cursor.resumeFrom();
                boolean stopped = false;
                if (maxEvents.isPresent() && taken + fresh.size() >= maxEvents.getAsLong()) {
                    int keep = (int) (maxEvents.getAsLong() - taken);
                    boolean truncated = keep < fresh.size();
                    if (truncated) {
                        // Everything listed before the first event left out was taken.
                        next = EventTimes.of(fresh.get(keep)).orElse(resumeFrom);
                        fresh = fresh.subList(0, keep);
                    }
                    stopped = truncated || !cursor.done();
                }
                if (!cursor.done() && !stopped) {
                    pending = fetch(reader, cursor.next());
                }
                sink.accept(fresh);
                taken += fresh.size();
                resumeFrom = next;
                checkpoint.reached(resumeFrom);
                progress.show(taken, total, counted);
                if (stopped || cursor.done()) {
                    return new Outcome(taken, total, resumeFrom, stopped);
                }
            }
        } catch (CommandFailure failure) {
            throw new Interrupted(failure, resumeFrom, taken);
        } finally {
            reader.shutdownNow();
        }
    }

    private Future<EventPages.Page> fetch(ExecutorService reader, EventPages.Request request) {
        return reader.submit(() -> pages.page(request));
    }

    private static EventPages.Page await(Future<EventPages.Page> pending) throws CommandFailure {
        try {
            return pending.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof CommandFailure failure) {
                throw failure;
            }
            throw new IllegalStateException("reading a page failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted");
        }
    }
}
