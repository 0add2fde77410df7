package lineage.sdk;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.OpenLineageClientUtils;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded queue between the job's threads and one delivery thread, which sends batches to the sink and, while the
 * sink is unreachable, appends them to the spool and retries the spool's oldest batch with a growing back-off. While
 * anything is spooled, new batches go to the spool behind it, so events reach the server in the order they were
 * emitted. A caller whose event finds the queue full writes it to the spool itself (disk, never the network); only
 * those events can overtake queued ones.
 *
 * <p>Every event submitted ends in exactly one of the counters sent, failed (refused by the server or not
 * serializable) and dropped (the spool was full); spooled counts events that went through the spool on the way.
 */
final class EventPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);

    private final BlockingQueue<Object> queue;
    private final EventSink sink;
    private final Spool spool;
    private final int maxBatchSize;
    private final Duration retryInterval;
    private final Duration maxRetryInterval;
    private final Thread thread;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Events submitted and not yet counted as sent, failed, dropped or spooled. */
    private final AtomicLong pending = new AtomicLong();
    /** Wakes {@link #flush} waiters; guards no state. */
    private final Object progress = new Object();

    private volatile boolean stopping;
    // Delivery thread only.
    private long retryAtNanos;
    private long backoffNanos;
    private boolean down;

    EventPipeline(
            EventSink sink,
            Spool spool,
            int queueCapacity,
            int maxBatchSize,
            Duration retryInterval,
            Duration maxRetryInterval,
            Runnable warmUp) {
        this.sink = requireNonNull(sink, "sink is null");
        this.spool = requireNonNull(spool, "spool is null");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatchSize = maxBatchSize;
        this.retryInterval = requireNonNull(retryInterval, "retryInterval is null");
        this.maxRetryInterval = requireNonNull(maxRetryInterval, "maxRetryInterval is null");
        this.thread = new Thread(
                () -> {
                    warmUp(warmUp);
                    deliver();
                },
                "lineage-emitter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes an OpenLineage event without blocking on the network. Never throws. */
    void submit(Object event) {
        pending.incrementAndGet();
        if (stopping) {
            log.warn("lineage event emitted after close() was dropped");
            dropped.incrementAndGet();
            settle(1);
            return;
        }
        if (!queue.offer(event)) {
            overflow(event);
        }
    }

    private void overflow(Object event) {
        try {
            spoolOrDrop(List.of(OpenLineageClientUtils.toJson(built(event))));
        } catch (RuntimeException exception) {
            failed.incrementAndGet();
            log.warn("lineage event could not be serialized", exception);
        } finally {
            settle(1);
        }
    }

    EmitterCounters counters() {
        return new EmitterCounters(
                sent.get(), failed.get(), spooled.get(), dropped.get(), pending.get(), spool.fileCount());
    }

    /**
     * Waits until every event submitted so far, and everything spooled, has been delivered (or refused or dropped).
     *
     * @return false when the timeout passed first
     */
    boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (pending.get() > 0 || !spool.isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, remaining);
                } catch (InterruptedException exception) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Work that is better done off the job's threads before the first event (the SQL parser's class loading). */
    private static void warmUp(Runnable warmUp) {
        try {
            warmUp.run();
        } catch (RuntimeException exception) {
            log.debug("lineage emitter warm-up failed", exception);
        }
    }

    private void deliver() {
        List<Object> batch = new ArrayList<>(maxBatchSize);
        while (!stopping) {
            try {
                deliverSpool();
                Object first = queue.poll(waitNanos(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatchSize - 1);
                    deliver(batch);
                }
            } catch (InterruptedException exception) {
                // close() interrupts a wait or a request; the loop ends when stopping is set.
            } catch (RuntimeException exception) {
                log.error("lineage delivery failed unexpectedly; continuing", exception);
            } finally {
                settle(batch.size());
                batch.clear();
                wake();
            }
        }
        spoolRemainder();
    }

    private long waitNanos() {
        if (spool.isEmpty()) {
            return TimeUnit.SECONDS.toNanos(1);
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), retryAtNanos - System.nanoTime());
    }

    private void deliver(List<Object> batch) {
        List<String> events = serialize(batch);
        if (events.isEmpty()) {
            return;
        }
        if (!spool.isEmpty()) {
            spoolOrDrop(events);
            return;
        }
        try {
            count(sink.send(events));
            up();
        } catch (IOException exception) {
            down(exception);
            spoolOrDrop(events);
        }
    }

    private void deliverSpool() {
        while (!stopping && !spool.isEmpty() && System.nanoTime() - retryAtNanos >= 0) {
            try {
                Optional<Spool.Batch> oldest = spool.oldest();
                if (oldest.isEmpty()) {
                    return;
                }
                count(sink.send(oldest.get().events()));
                spool.remove(oldest.get());
                up();
            } catch (IOException exception) {
                down(exception);
                return;
            } finally {
                wake();
            }
        }
    }

    private List<String> serialize(List<Object> batch) {
        List<String> events = new ArrayList<>(batch.size());
        for (Object event : batch) {
            try {
                events.add(OpenLineageClientUtils.toJson(built(event)));
            } catch (RuntimeException exception) {
                failed.incrementAndGet();
                log.warn("lineage event could not be built or serialized", exception);
            }
        }
        return events;
    }

    private static Object built(Object event) {
        return event instanceof PendingEvent ? ((PendingEvent) event).build() : event;
    }

    private void spoolOrDrop(List<String> events) {
        // close() interrupts this thread; an interrupted thread cannot write a file (ClosedByInterruptException).
        boolean interrupted = Thread.interrupted();
        try {
            if (spool.append(events)) {
                spooled.addAndGet(events.size());
                return;
            }
            log.warn("lineage spool {} is full: dropped {} event(s)", spool.directory(), events.size());
        } catch (IOException exception) {
            log.warn(
                    "lineage spool {} is not writable: dropped {} event(s)",
                    spool.directory(),
                    events.size(),
                    exception);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        dropped.addAndGet(events.size());
    }

    private void count(EventSink.Delivery delivery) {
        sent.addAndGet(delivery.accepted());
        failed.addAndGet(delivery.rejected());
    }

    private void up() {
        if (down) {
            log.info("lineage server {} is reachable again", sink);
        }
        down = false;
        backoffNanos = 0;
        retryAtNanos = System.nanoTime();
    }

    private void down(IOException exception) {
        backoffNanos =
                backoffNanos == 0 ? retryInterval.toNanos() : Math.min(backoffNanos * 2, maxRetryInterval.toNanos());
        retryAtNanos = System.nanoTime() + backoffNanos;
        if (!down) {
            log.warn(
                    "lineage server {} is unreachable, spooling events to {}: {}",
                    sink,
                    spool.directory(),
                    exception.toString());
        }
        down = true;
    }

    private void settle(int count) {
        if (count > 0) {
            pending.addAndGet(-count);
        }
    }

    private void wake() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** After the loop: what is still queued goes to the spool, for the next emitter on this directory. */
    private void spoolRemainder() {
        List<Object> remainder = new ArrayList<>();
        queue.drainTo(remainder);
        if (!remainder.isEmpty()) {
            spoolOrDrop(serialize(remainder));
            settle(remainder.size());
            wake();
        }
    }

    /** Flushes for up to {@code timeout}, then stops the delivery thread; undelivered events stay in the spool. */
    void close(Duration timeout) {
        boolean flushed = flush(timeout);
        stopping = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
        }
        spoolRemainder();
        if (!flushed) {
            log.warn(
                    "lineage emitter closed before every event was delivered: {} (undelivered events stay in {})",
                    counters(),
                    spool.directory());
        }
        sink.close();
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
