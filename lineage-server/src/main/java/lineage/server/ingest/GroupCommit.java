package lineage.server.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.store.EventRow;

/**
 * Group commit: one write runs at a time, and the requests that arrive while it runs wait; the next write takes all of
 * them (up to {@link #GROUP_EVENTS} events) in one go. So eight concurrent senders of single events cost one
 * transaction, not eight. Only when a whole group ({@link #GROUP_EVENTS} events) is waiting does a second write start
 * beside the running one ({@link #WRITERS} at most): batches then keep two PostgreSQL backends busy, while small
 * requests still share one transaction instead of splitting into two half groups. There is no writer thread: whichever
 * waiting request may start a write writes the next group (its own request may be in it or not) and wakes the others
 * when it is done. A request returns when the write that held it has returned.
 *
 * <p>Each request waits on a condition of its own, and a thread is woken only when it has something to do: its
 * request was written, or its request is the oldest waiting and a write may start. The thread whose arrival completes
 * the company the next write waits for, or a whole group, starts that write itself. Waking every waiting thread at each
 * turn cost a park and an unpark per waiting request, and the woken threads then queued for the lock; with Trino's 20
 * requests in flight that was an eighth of the server's CPU.
 *
 * <p>A write costs about the same whatever it holds, so the group's size sets the throughput. Senders that wait for
 * their answer (every OpenLineage client does) would otherwise split into two halves that take turns: while one half's
 * group is written, the other half queues, and the senders just answered come back only after the next write has
 * started. So the next write waits for them, up to {@code maxWait}: until as many requests are waiting as the last
 * write answered plus those that queued behind it. A lone sender is written at once (the last write answered only it),
 * and so is a group that reached {@link #GROUP_EVENTS} events; with {@code maxWait} zero, every write starts at once.
 *
 * <p>The writer given to the constructor writes a group and records a failure on each request it could not write; if
 * anything escapes it, which events were stored is unknown, so none of the group is acknowledged (sending events again
 * is safe: a stored event sent twice changes nothing).
 */
final class GroupCommit {
    /**
     * The most events one group takes (a single request larger than this is still written whole). Eight senders of
     * 500-event batches make four groups, so the second writer starts as soon as the second pair of requests is in:
     * 1,000 gave about 12 % more batched events/s than 2,000 on the load generator's DAG (4,000 events) and about the
     * same on one ten times larger, where both keep the two writers busy.
     */
    static final int GROUP_EVENTS = 1_000;
    /** The most writes at once. */
    static final int WRITERS = 2;

    /** The events of one request (one event, or a batch's valid ones), and what became of them. */
    static final class Request {
        private final List<LineageEvent> events;
        private final List<EventRow> rows;
        private boolean done;
        private RuntimeException failure;
        /** Signalled when the request was written, or when it is the oldest waiting and a write may start. */
        private Condition turn;

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
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private volatile int waitingCount;
    private int waitingEvents;
    private int writing;
    /** How many requests the next write waits for: those the last write answered and those that queued behind it. */
    private int expected;
    /** When the next write stops waiting for {@link #expected} requests ({@link System#nanoTime}). */
    private long waitUntil;

    GroupCommit(IngestMetrics metrics, Duration maxWait, Consumer<List<Request>> writer) {
        this.metrics = metrics;
        this.maxWaitNanos = maxWait.toNanos();
        this.writer = writer;
        metrics.watchWaiting(() -> waitingCount);
    }

    /** Writes the request's events, alone or with others; returns when they are written, throws why they were not. */
    void commit(Request request) {
        lock.lock();
        try {
            request.turn = lock.newCondition();
            waiting.add(request);
            waitingCount = waiting.size();
            waitingEvents += request.events.size();
            while (!request.done) {
                if (!mayWrite(request)) {
                    request.turn.awaitUninterruptibly();
                } else if (!waitedForCompany(request)) {
                    writeNextGroup();
                }
            }
        } finally {
            lock.unlock();
        }
        if (request.failure != null) {
            throw request.failure;
        }
    }

    /**
     * Whether the request's thread may write the next group now: the oldest's when no write runs (it may first wait for
     * company), and whichever thread sees the company complete or a whole group waiting, so that the next write starts
     * without waking another thread.
     */
    private boolean mayWrite(Request request) {
        if (mayWriteBeside()) {
            return true;
        }
        return writing == 0 && (waiting.peek() == request || waiting.size() >= expected);
    }

    /** Wakes the thread of the oldest waiting request, whose turn it is to write the next group. */
    private void wakeOldest() {
        Request oldest = waiting.peek();
        if (oldest != null) {
            oldest.turn.signal();
        }
    }

    /**
     * Waits (under the lock) while fewer requests wait than the last write answered and queued, until {@link #waitUntil};
     * false when the next write should start now.
     */
    private boolean waitedForCompany(Request oldest) {
        long left = waitUntil - System.nanoTime();
        if (waiting.size() >= expected || waitingEvents >= GROUP_EVENTS || left <= 0) {
            return false;
        }
        try {
            oldest.turn.awaitNanos(left);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            expected = 0; // stop waiting for company: write now
        }
        return true;
    }

    /** Writes the next group, without the lock while it is written; then wakes its senders and the next writer. */
    private void writeNextGroup() {
        writing++;
        List<Request> group = nextGroup();
        if (mayWriteBeside()) {
            wakeOldest();
        }
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
            writing--;
            for (Request done : group) {
                done.done = true;
                done.turn.signal();
            }
            expected = group.size() + waiting.size();
            waitUntil = System.nanoTime() + maxWaitNanos;
            wakeOldest();
        }
    }

    /** Whether a whole group waits and fewer than {@link #WRITERS} writes run. */
    private boolean mayWriteBeside() {
        return writing < WRITERS && waitingEvents >= GROUP_EVENTS;
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
        waitingEvents -= events;
        metrics.group(events);
        return group;
    }
}
