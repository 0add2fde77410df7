package lineage.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lineage.server.graph.LineageGraph;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;

/**
 * How much heap the in-memory lineage graph takes: fills a {@link LineageGraph} with a layered graph of DATASETS
 * datasets and as many job→dataset and dataset→job edges as asked, then measures the used heap after a full GC
 * against the baseline. Run it with {@code bench/graph-memory.sh [datasets] [edges]}.
 */
public final class GraphMemory {
    private static final Instant SEEN = Instant.parse("2026-01-01T00:00:00Z");

    private GraphMemory() {}

    public static void main(String[] arguments) {
        int datasets = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1_000_000;
        int edges = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);

        LineageGraph graph = new LineageGraph();
        // Each job writes one dataset and reads the dataset before it: two edges per job, edges/2 jobs.
        int jobs = edges / 2;
        List<EdgeChange> changes = new ArrayList<>(10_000);
        for (int job = 0; job < jobs; job++) {
            NodeId jobNode = NodeId.job("trino://trino:8080", "etl.job_" + job);
            NodeId output = dataset(job % datasets);
            NodeId input = dataset((job + datasets - 1) % datasets);
            changes.add(new EdgeChange(jobNode, input, EdgeChange.Direction.INPUT, true, SEEN, "sql"));
            changes.add(new EdgeChange(jobNode, output, EdgeChange.Direction.OUTPUT, true, SEEN, "sql"));
            if (changes.size() >= 10_000) {
                graph.apply(changes);
                changes.clear();
            }
        }
        graph.apply(changes);
        for (int dataset = jobs; dataset < datasets; dataset++) {
            graph.addNode(dataset(dataset));
        }
        long after = usedAfterGc(memory);
        System.out.printf(
                "cores %d, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(
                "graph: %,d nodes (%,d datasets, %,d jobs), %,d edges; heap used by it: %,d MB%n",
                graph.nodeCount(), datasets, jobs, graph.edgeCount(), (after - before) >> 20);
    }

    private static NodeId dataset(int index) {
        return NodeId.dataset("trino://trino:8080", "lake.schema_" + (index % 100) + ".table_" + index);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int round = 0; round < 3; round++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
