package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lineage.server.graph.LineageGraph;
import lineage.server.testing.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grouping rule of {@link GroupCommit}, with a writer that only records the groups: the first write is held until
 * the test has queued three requests behind it, so which requests share a write is decided by the rule, not by timing.
 */
class GroupCommitTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry, new LineageGraph());
    private final ExecutorService senders = Executors.newFixedThreadPool(4);
    private final List<Integer> groups = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstWriteHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void theNextWriteWaitsForTheSendersTheLastWriteAnswered() throws Exception {
        GroupCommit commit = new GroupCommit(metrics, LONG, this::write);
        Future<?> first = senders.submit(() -> {
            commit.commit(request());
            commit.commit(request()); // the sender answered first sends again, as a waiting client does
        });
        queueThreeBehindTheFirstWrite(commit);

        releaseFirstWrite.countDown();

        first.get(1, TimeUnit.MINUTES);
        await().atMost(Duration.ofMinutes(1)).until(() -> written() == 5);
        assertThat(groups)
                .as("the first alone, then the three that queued with the one answered")
                .containsExactly(1, 4);
    }

    /** With no wait, or once the longest wait is over and nobody came, the next write takes what is queued. */
    @ParameterizedTest
    @ValueSource(longs = {0, 50})
    void theNextWriteTakesWhatIsQueuedOnceTheWaitIsOver(long maxWaitMillis) throws Exception {
        GroupCommit commit = new GroupCommit(metrics, Duration.ofMillis(maxWaitMillis), this::write);
        Future<?> first = senders.submit(() -> commit.commit(request()));
        queueThreeBehindTheFirstWrite(commit);

        releaseFirstWrite.countDown();

        first.get(1, TimeUnit.MINUTES);
        await().atMost(Duration.ofMinutes(1)).until(() -> written() == 4);
        assertThat(groups).containsExactly(1, 3);
    }

    @Test
    void aLoneSenderIsWrittenAtOnce() throws Exception {
        releaseFirstWrite.countDown();
        GroupCommit commit = new GroupCommit(metrics, LONG, this::write);

        Future<?> sender = senders.submit(() -> {
            for (int request = 0; request < 3; request++) {
                commit.commit(request());
            }
        });

        sender.get(1, TimeUnit.MINUTES); // far less than the five minutes a wait for company would take
        assertThat(groups).containsExactly(1, 1, 1);
    }

    @Test
    void aWholeGroupWaitingIsWrittenBesideTheRunningWrite() throws Exception {
        GroupCommit commit = new GroupCommit(metrics, LONG, this::write);
        senders.submit(() -> commit.commit(request()));
        assertThat(firstWriteHeld.await(1, TimeUnit.MINUTES)).isTrue();

        int half = GroupCommit.GROUP_EVENTS / 2;
        Future<?> first = senders.submit(() -> commit.commit(request(half)));
        Future<?> second = senders.submit(() -> commit.commit(request(half)));

        first.get(1, TimeUnit.MINUTES); // while the first write is still held
        second.get(1, TimeUnit.MINUTES);
        assertThat(groups)
                .as("the held write, then the two halves of a group beside it")
                .containsExactly(1, 2);
        releaseFirstWrite.countDown();
    }

    /** Holds the first write and queues three more requests behind it, each from its own sender. */
    private void queueThreeBehindTheFirstWrite(GroupCommit commit) throws InterruptedException {
        assertThat(firstWriteHeld.await(1, TimeUnit.MINUTES)).isTrue();
        for (int sender = 0; sender < 3; sender++) {
            senders.submit(() -> commit.commit(request()));
        }
        await().atMost(Duration.ofMinutes(1))
                .until(() -> registry.get("lineage.ingest.waiting").gauge().value() == 3);
    }

    private int written() {
        return groups.stream().mapToInt(Integer::intValue).sum();
    }

    private void write(List<GroupCommit.Request> group) {
        groups.add(group.size());
        if (groups.size() == 1) {
            firstWriteHeld.countDown();
            try {
                releaseFirstWrite.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static GroupCommit.Request request() {
        return request(1);
    }

    /** A request of {@code events} events (the same one: the group commit only counts them). */
    private static GroupCommit.Request request(int events) {
        LineageEvent event = EventParser.parse(
                TestEvents.runEvent("START", "2026-11-23T10:00:00Z", UUID.randomUUID(), "group-commit", "job"), "");
        return new GroupCommit.Request(
                Collections.nCopies(events, event), Collections.nCopies(events, EventIngester.row(event)));
    }
}
