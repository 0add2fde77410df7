package lineage.server.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * For {@link ClientGoneIT} only: holds {@code /testing/hold} on a blocking thread, as long work would, until {@link
 * Deadlines#abandoned} says the client has gone (or 30 s pass), and records which.
 */
@ServerFilter("/testing/hold")
@Requires(property = "testing.hold-filter", value = "true")
public class TestingHoldFilter {
    static final CountDownLatch HOLDING = new CountDownLatch(1);
    static final AtomicReference<String> OUTCOME = new AtomicReference<>();

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> hold(HttpRequest<?> request) throws InterruptedException {
        BooleanSupplier abandoned = Deadlines.abandoned(request);
        HOLDING.countDown();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (!abandoned.getAsBoolean() && System.nanoTime() < end) {
            // Stands for a step of work between two checks.
            never.await(5, TimeUnit.MILLISECONDS);
        }
        OUTCOME.set(abandoned.getAsBoolean() ? "abandoned" : "timed out");
        return HttpResponse.ok();
    }
}
