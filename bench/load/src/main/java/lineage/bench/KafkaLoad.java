package lineage.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * OpenLineage events on a Kafka topic for bench/kafka-benchmark.sh, keyed as OpenLineage's Kafka transport keys them
 * ({@code run:<namespace>/<job>}), from LoadGenerator's DAG (START and COMPLETE of one run of every job, in DAG order).
 * Two modes:
 *
 * <ul>
 *   <li>{@code backlog}: {@code --events N} events (whole runs of the DAG, each in a namespace of its own) as fast as
 *       the producer goes; prints how long it took.
 *   <li>{@code steady}: {@code --rate R} events a second, first for {@code --warmup W} seconds (default 0) not
 *       measured, then for {@code --seconds S}; every {@code --sample}-th run's COMPLETE writes a dataset of its own
 *       (default every 100th), and a watcher of its own (a thread per sample, so that no watch waits for another)
 *       asks every 10 ms {@code GET /api/v1/lineage} for it until it is there: the latency from the send to visible
 *       in the graph, whose p50 and p95 it prints. The warm-up runs in the same process, so that the producer's and
 *       the watchers' code is compiled before the measured part as the server's is.
 *   <li>{@code post}: the same events as {@code backlog} (same DAG, same rounds, same count), posted to {@code POST
 *       /api/v1/lineage} instead, in batches of {@code --batch-size} (500) by {@code --concurrency} (8) senders, each
 *       taking the next round of the DAG; prints events/s. Batched HTTP ingestion of exactly what the backlog holds,
 *       for the comparison the benchmark makes.
 * </ul>
 *
 * Options: --bootstrap 127.0.0.1:9092 --topic openlineage --url http://127.0.0.1:5000 --jobs 2000 --datasets 3000
 * --layers 20 --seed 42 --namespace-prefix kafka --partitions 4 (backlog: the topic is created with as many, unless it
 * exists). Run with the Kafka client on the class path (the broker's jars).
 */
public final class KafkaLoad {
    private KafkaLoad() {}

    public static void main(String[] arguments) throws Exception {
        boolean named = arguments.length > 0 && !arguments[0].startsWith("--");
        String mode = named ? arguments[0] : "backlog";
        Options options = Options.parse(Arrays.copyOfRange(arguments, named ? 1 : 0, arguments.length));
        List<LoadGenerator.Job> dag = LoadGenerator.dag(
                options.getInt("jobs", 2000),
                options.getInt("datasets", 3000),
                options.getInt("layers", 20),
                new Random(Long.parseLong(options.get("seed", "42"))));
        String prefix =
                options.get("namespace-prefix", "kafka") + "-" + Long.toString(System.currentTimeMillis(), 36);
        try (KafkaProducer<String, String> producer = producer(options.get("bootstrap", "127.0.0.1:9092"))) {
            String topic = options.get("topic", "openlineage");
            switch (mode) {
                case "backlog" -> {
                    createTopic(options.get("bootstrap", "127.0.0.1:9092"), topic, options.getInt("partitions", 4));
                    backlog(producer, topic, dag, prefix, options.getInt("events", 1_000_000));
                }
                case "steady" -> steady(
                        producer,
                        topic,
                        dag,
                        prefix,
                        options.getInt("rate", 1000),
                        options.getInt("warmup", 0),
                        options.getInt("seconds", 60),
                        options.getInt("sample", 100),
                        URI.create(options.get("url", "http://127.0.0.1:5000")));
                case "post" -> post(
                        dag,
                        prefix,
                        options.getInt("events", 1_000_000),
                        options.getInt("batch-size", 500),
                        options.getInt("concurrency", 8),
                        URI.create(options.get("url", "http://127.0.0.1:5000")));
                default -> throw new IllegalArgumentException("mode must be backlog, steady or post: " + mode);
            }
        }
    }

    /** The topic with that many partitions, unless it exists. */
    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static void backlog(
            KafkaProducer<String, String> producer, String topic, List<LoadGenerator.Job> dag, String prefix, int count)
            throws Exception {
        long start = System.nanoTime();
        int sent = 0;
        for (int round = 0; sent < count; round++) {
            String namespace = prefix + "-" + round;
            List<String> events = LoadGenerator.events(Names.of("plain"), false, dag, namespace, Instant.now());
            for (int index = 0; index < events.size() && sent < count; index++, sent++) {
                String job = dag.get(index / 2).name();
                producer.send(new ProducerRecord<>(topic, "run:" + namespace + "/" + job, events.get(index)));
            }
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("produced %d events to %s in %.1f s (%.0f events/s)%n", sent, topic, seconds, sent / seconds);
    }

    private static void post(
            List<LoadGenerator.Job> dag, String prefix, int count, int batchSize, int concurrency, URI server)
            throws Exception {
        int perRound = dag.size() * 2;
        int rounds = (count + perRound - 1) / perRound;
        AtomicInteger nextRound = new AtomicInteger();
        LineageApi api = new LineageApi(HttpLoadClient.of("socket"), server);
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int sender = 0; sender < concurrency; sender++) {
            done.add(senders.submit(() -> {
                // Each sender thread keeps a connection of its own (HttpLoadClient's per-thread sender).
                for (int round = nextRound.getAndIncrement(); round < rounds; round = nextRound.getAndIncrement()) {
                    List<String> events =
                            LoadGenerator.events(Names.of("plain"), false, dag, prefix + "-" + round, Instant.now());
                    int inRound = Math.min(perRound, count - round * perRound);
                    for (int from = 0; from < inRound; from += batchSize) {
                        api.postBatch("[" + String.join(",", events.subList(from, Math.min(inRound, from + batchSize)))
                                + "]");
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : done) {
            sender.get();
        }
        senders.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "posted %d events in batches of %d, %d senders, in %.1f s: %.0f events/s%n",
                count, batchSize, concurrency, seconds, count / seconds);
    }

    private static void steady(
            KafkaProducer<String, String> producer,
            String topic,
            List<LoadGenerator.Job> dag,
            String prefix,
            int rate,
            int warmup,
            int seconds,
            int sample,
            URI server)
            throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService watchers = Executors.newCachedThreadPool();
        HttpLoadClient client = HttpLoadClient.of("jdk");
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int warmupEvents = rate * warmup;
        int total = warmupEvents + rate * seconds;
        int run = 0;
        long measuredFrom = start;
        for (int sent = 0; sent < total; run++) {
            LoadGenerator.Job job = dag.get(run % dag.size());
            String namespace = prefix + "-" + (run / dag.size());
            if (sent == warmupEvents) {
                measuredFrom = System.nanoTime();
            }
            boolean sampled = sent >= warmupEvents && run % sample == 0;
            String output = sampled ? "latency_" + run : job.output();
            UUID runId = UUID.randomUUID();
            for (String type : List.of("START", "COMPLETE")) {
                long due = start + sent * intervalNanos;
                LockSupport.parkNanos(due - System.nanoTime());
                String event = runEvent(namespace, job, output, runId, type);
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "run:" + namespace + "/" + job.name(), event));
                if (sampled && type.equals("COMPLETE")) {
                    URI lineage = server.resolve("/api/v1/lineage?depth=1&nodeId="
                            + URLEncoder.encode("dataset:" + namespace + ":" + output, StandardCharsets.UTF_8));
                    watchers.submit(() -> watch(client, lineage, sentAt, latencies));
                }
                sent++;
            }
        }
        producer.flush();
        watchers.shutdown();
        watchers.awaitTermination(2, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        System.out.printf(
                "steady: %d events at %d/s over %.1f s (after %d s of warm-up); produce to visible in /api/v1/lineage, %d"
                        + " samples: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                total - warmupEvents,
                rate,
                elapsed,
                warmup,
                sorted.size(),
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 95) / 1e6,
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6);
    }

    /** Asks for the dataset's lineage every 10 ms until it is there (at most a minute), then records how long it took. */
    private static void watch(HttpLoadClient client, URI lineage, long sentAt, ConcurrentLinkedQueue<Long> latencies) {
        long deadline = sentAt + TimeUnit.MINUTES.toNanos(1);
        try {
            while (System.nanoTime() < deadline) {
                if (client.send("GET", lineage, null, null).statusCode() == 200) {
                    latencies.add(System.nanoTime() - sentAt);
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        } catch (Exception failed) {
            System.err.println("watching " + lineage + " failed: " + failed);
        }
    }

    private static String runEvent(String namespace, LoadGenerator.Job job, String output, UUID runId, String type) {
        StringBuilder inputs = new StringBuilder();
        for (String input : job.inputs()) {
            inputs.append(inputs.length() == 0 ? "" : ",")
                    .append("{\"namespace\":\"")
                    .append(namespace)
                    .append("\",\"name\":\"")
                    .append(input)
                    .append("\"}");
        }
        return "{\"eventType\":\"" + type + "\",\"eventTime\":\"" + Instant.now()
                + "\",\"producer\":\"https://github.com/lineage/bench\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + "\"run\":{\"runId\":\"" + runId + "\"},\"job\":{\"namespace\":\"" + namespace + "\",\"name\":\""
                + job.name() + "\"},\"inputs\":[" + inputs + "],\"outputs\":[{\"namespace\":\"" + namespace
                + "\",\"name\":\"" + output + "\"}]}";
    }

    private static double percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
