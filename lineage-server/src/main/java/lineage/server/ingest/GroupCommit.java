package lineage.server.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import lineage.server.api.error.ErrorCode;
import lineage.server.api.error.LineageException;
import lineage.server.store.EventRow;

/**
 * Group commit: one write runs at a time, and the requests that arrive while it runs wait; the next write takes all of
 * them (up to {@link #GROUP_EVENTS} events) in one go. So eight concurrent senders of single events cost one
 * transaction, not eight, and a lone request is written at once, without waiting for company. There is no writer
 * thread: whichever waiting request finds no write running writes the next group (its own request may be in it or
 * not) and wakes the others when it is done. A request returns when the write that held it has returned.
 *
 * <p>The writer given to the constructor writes a group and records a failure on each request it could not write; if
 * anything escapes it, which events were stored is unknown, so none of the group is acknowledged (sending events again
 * is safe: a stored event sent twice changes nothing).
 */
final class GroupCommit {
    /** The most events one group takes (a single request larger than this is still written whole). */
    static final int GROUP_EVENTS = 2_000;

    /** The events of one request (one event, or a batch's valid ones), and what became of them. */
    static final class Request {
        private final List<LineageEvent> events;
        private final List<EventRow> rows;
        private boolean done;
        private RuntimeException failure;

        Request(List<LineageEvent> events, List<EventRow> rows) {
            this.events = events;
            this.rows = rows;
        }

        List<LineageEvent> events() {
            return events;
        }

        List<EventRow> rows() {
            return rows;
        }

        /** Records why the request's events were not written; its sender gets this exception. */
        void fail(RuntimeException why) {
            if (failure == null) {
                failure = why;
            }
        }
    }

    private final IngestMetrics metrics;
    private final Consumer<List<Request>> writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private volatile int waitingCount;
    private boolean writing;

    GroupCommit(IngestMetrics metrics, Consumer<List<Request>> writer) {
        this.metrics = metrics;
        this.writer = writer;
        metrics.watchWaiting(() -> waitingCount);
    }

    /** Writes the request's events, alone or with others; returns when they are written, throws why they were not. */
    void commit(Request request) {
        lock.lock();
        try {
            waiting.add(request);
            waitingCount = waiting.size();
            while (!request.done) {
                if (writing) {
                    written.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                List<Request> group = nextGroup();
                lock.unlock();
                try {
                    writer.accept(group);
                } catch (RuntimeException | Error failure) {
                    RuntimeException answer = failure instanceof RuntimeException runtime
                            ? runtime
                            : new LineageException(ErrorCode.INTERNAL, "the write failed; send the events again");
                    group.forEach(unanswered -> unanswered.fail(answer));
                    if (failure instanceof Error error) {
                        throw error;
                    }
                } finally {
                    lock.lock();
                    writing = false;
                    group.forEach(done -> done.done = true);
                    written.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (request.failure != null) {
            throw request.failure;
        }
    }

    /** The oldest waiting requests, up to {@link #GROUP_EVENTS} events (at least one request). */
    private List<Request> nextGroup() {
        List<Request> group = new ArrayList<>();
        int events = 0;
        while (!waiting.isEmpty()
                && (group.isEmpty() || events + waiting.peek().events.size() <= GROUP_EVENTS)) {
            Request next = waiting.poll();
            group.add(next);
            events += next.events.size();
        }
        waitingCount = waiting.size();
        metrics.group(events);
        return group;
    }
}
