package lineage.server.graph;

import static lineage.server.testing.TestEdges.read;
import static lineage.server.testing.TestEdges.retired;
import static lineage.server.testing.TestEdges.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lineage.server.graph.LineageGraph.Direction;
import lineage.server.graph.LineageGraph.Edge;
import lineage.server.graph.LineageGraph.EdgeSeen;
import lineage.server.graph.LineageGraph.Reach;
import lineage.server.graph.LineageGraph.Subgraph;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;

/**
 * The rules of the in-memory graph: how edge changes apply, and how walks and reaches count depth, stop at the node
 * limit, survive cycles and leave stale edges out.
 */
class LineageGraphTest {
    private static final String NAMESPACE = "warehouse";
    private static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant TUESDAY = MONDAY.plusSeconds(86_400);
    private static final int ANY_DEPTH = 100;
    private static final int ANY_SIZE = 1_000;

    // A chain: raw -> clean_job -> clean -> model_job -> model -> report_job -> report
    private static final NodeId RAW = dataset("raw");
    private static final NodeId CLEAN_JOB = job("clean_job");
    private static final NodeId CLEAN = dataset("clean");
    private static final NodeId MODEL_JOB = job("model_job");
    private static final NodeId MODEL = dataset("model");
    private static final NodeId REPORT_JOB = job("report_job");
    private static final NodeId REPORT = dataset("report");

    private final LineageGraph graph = new LineageGraph();

    @Test
    void aReadPointsFromTheDatasetToTheJobAndAWriteFromTheJobToTheDataset() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, MONDAY), write(CLEAN_JOB, CLEAN, MONDAY)));

        assertThat(graph.predecessors(CLEAN_JOB)).containsExactly(RAW);
        assertThat(graph.successors(CLEAN_JOB)).containsExactly(CLEAN);
        assertThat(graph.successors(RAW)).containsExactly(CLEAN_JOB);
        assertThat(graph.predecessors(CLEAN)).containsExactly(CLEAN_JOB);
    }

    @Test
    void anEdgeSeenAgainStaysOneEdge() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, MONDAY)));
        graph.apply(List.of(read(CLEAN_JOB, RAW, TUESDAY)));

        assertThat(graph.edgeCount()).isEqualTo(1);
        assertThat(graph.nodeCount()).isEqualTo(2);
    }

    @Test
    void aRetiredEdgeLeavesTheGraphButItsNodesStay() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, MONDAY), write(CLEAN_JOB, CLEAN, MONDAY)));

        graph.apply(List.of(retired(read(CLEAN_JOB, RAW, TUESDAY))));

        assertThat(graph.predecessors(CLEAN_JOB)).isEmpty();
        assertThat(graph.successors(CLEAN_JOB)).containsExactly(CLEAN);
        assertThat(graph.contains(RAW)).isTrue();
        assertThat(graph.edgeCount()).isEqualTo(1);
    }

    @Test
    void retiringAnEdgeOfUnknownNodesAddsNothing() {
        graph.apply(List.of(retired(read(CLEAN_JOB, RAW, MONDAY))));

        assertThat(graph.nodeCount()).isZero();
        assertThat(graph.contains(RAW)).isFalse();
    }

    @Test
    void anOlderSightingDoesNotMoveTheLastSeenTimeBack() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, TUESDAY)));
        graph.apply(List.of(read(CLEAN_JOB, RAW, MONDAY)));

        assertThat(downstream(RAW).reachedBy().get(CLEAN_JOB).lastSeen()).isEqualTo(TUESDAY);
    }

    @Test
    void theSourceIsThatOfTheLatestSighting() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, MONDAY, "openlineage")));
        graph.apply(List.of(read(CLEAN_JOB, RAW, TUESDAY, "trino")));

        assertThat(downstream(RAW).reachedBy()).containsEntry(CLEAN_JOB, new EdgeSeen("trino", TUESDAY));
    }

    @Test
    void replacingAJobsEdgesKeepsExactlyTheGivenOnes() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, MONDAY), write(CLEAN_JOB, CLEAN, MONDAY)));
        graph.apply(List.of(read(MODEL_JOB, CLEAN, MONDAY)));
        NodeId seeds = dataset("seeds");

        graph.replaceJobEdges(CLEAN_JOB, List.of(read(CLEAN_JOB, seeds, TUESDAY), write(CLEAN_JOB, CLEAN, TUESDAY)));

        assertThat(graph.predecessors(CLEAN_JOB)).containsExactly(seeds);
        assertThat(graph.successors(CLEAN_JOB)).containsExactly(CLEAN);
        assertThat(graph.successors(CLEAN)).as("another job's edge").containsExactly(MODEL_JOB);
        assertThat(graph.contains(RAW)).as("a node whose edge went").isTrue();
    }

    @Test
    void replacingTakesTheGivenLastSeenTimeEvenWhenOlder() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, TUESDAY, "trino")));

        graph.replaceJobEdges(CLEAN_JOB, List.of(read(CLEAN_JOB, RAW, MONDAY, "openlineage")));

        assertThat(downstream(RAW).reachedBy()).containsEntry(CLEAN_JOB, new EdgeSeen("openlineage", MONDAY));
    }

    @Test
    void replacingWithNoEdgesLeavesTheJobAloneInTheGraph() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, MONDAY), write(CLEAN_JOB, CLEAN, MONDAY)));

        graph.replaceJobEdges(CLEAN_JOB, List.of());

        assertThat(graph.edgeCount()).isZero();
        assertThat(graph.contains(CLEAN_JOB)).isTrue();
    }

    @Test
    void replacingTheEdgesOfAnUnknownJobAddsThem() {
        graph.replaceJobEdges(CLEAN_JOB, List.of(read(CLEAN_JOB, RAW, MONDAY)));

        assertThat(graph.predecessors(CLEAN_JOB)).containsExactly(RAW);
    }

    @Test
    void anAddedNodeHasNoEdges() {
        graph.addNode(RAW);

        assertThat(graph.contains(RAW)).isTrue();
        assertThat(graph.edgeCount()).isZero();
        assertThat(graph.walk(RAW, Direction.BOTH, ANY_DEPTH, ANY_SIZE))
                .isEqualTo(new Subgraph(Set.of(RAW), List.of(), false));
    }

    @Test
    void clearingRemovesEveryNodeAndEdge() {
        chain();

        graph.clear();

        assertThat(graph.nodeCount()).isZero();
        assertThat(graph.edgeCount()).isZero();
        assertThat(graph.contains(RAW)).isFalse();
    }

    @Test
    void aWalkFromAnUnknownNodeIsThatNodeAlone() {
        chain();
        NodeId unknown = dataset("unknown");

        Subgraph subgraph = graph.walk(unknown, Direction.BOTH, ANY_DEPTH, ANY_SIZE);

        assertThat(subgraph.nodes()).containsExactly(unknown);
        assertThat(subgraph.edges()).isEmpty();
        assertThat(subgraph.truncated()).isFalse();
    }

    @Test
    void aWalkCountsDepthInJobHopsWithTheDatasetsThoseJobsWrite() {
        chain();

        assertThat(graph.walk(RAW, Direction.DOWNSTREAM, 0, ANY_SIZE).nodes()).containsExactly(RAW);
        assertThat(graph.walk(RAW, Direction.DOWNSTREAM, 1, ANY_SIZE).nodes()).containsExactly(CLEAN, RAW, CLEAN_JOB);
        assertThat(graph.walk(RAW, Direction.DOWNSTREAM, 2, ANY_SIZE).nodes())
                .containsExactly(CLEAN, MODEL, RAW, CLEAN_JOB, MODEL_JOB);
    }

    @Test
    void aWalkFromAJobHasTheDatasetsItReadsOrWritesAtDepthZero() {
        chain();

        assertThat(graph.walk(MODEL_JOB, Direction.DOWNSTREAM, 0, ANY_SIZE).nodes())
                .containsExactly(MODEL, MODEL_JOB);
        assertThat(graph.walk(MODEL_JOB, Direction.UPSTREAM, 0, ANY_SIZE).nodes())
                .containsExactly(CLEAN, MODEL_JOB);
    }

    @Test
    void anUpstreamWalkFollowsEdgesBackwards() {
        chain();

        assertThat(graph.walk(MODEL, Direction.UPSTREAM, ANY_DEPTH, ANY_SIZE).nodes())
                .containsExactly(CLEAN, MODEL, RAW, CLEAN_JOB, MODEL_JOB);
    }

    @Test
    void aWalkBothWaysIsUpstreamPlusDownstreamNotAnUndirectedWalk() {
        chain();
        NodeId siblingJob = job("sibling_job");
        NodeId sibling = dataset("sibling");
        graph.apply(List.of(read(siblingJob, CLEAN, MONDAY), write(siblingJob, sibling, MONDAY)));

        Subgraph subgraph = graph.walk(MODEL, Direction.BOTH, ANY_DEPTH, ANY_SIZE);

        assertThat(subgraph.nodes())
                .as("what reads the model's input is neither up- nor downstream of the model")
                .doesNotContain(siblingJob, sibling)
                .containsExactly(CLEAN, MODEL, RAW, REPORT, CLEAN_JOB, MODEL_JOB, REPORT_JOB);
    }

    @Test
    void aWalkReturnsEveryEdgeAmongTheNodesItReached() {
        chain();
        // A shortcut from raw straight into model_job: the walk reaches model_job by it, and clean -> model_job, an
        // edge it did not follow, is still among the nodes reached.
        graph.apply(List.of(read(MODEL_JOB, RAW, MONDAY)));

        Subgraph subgraph = graph.walk(RAW, Direction.DOWNSTREAM, 1, ANY_SIZE);

        assertThat(subgraph.edges())
                .containsExactlyInAnyOrder(
                        new Edge(RAW, CLEAN_JOB),
                        new Edge(CLEAN_JOB, CLEAN),
                        new Edge(CLEAN, MODEL_JOB),
                        new Edge(RAW, MODEL_JOB),
                        new Edge(MODEL_JOB, MODEL));
    }

    @Test
    void aWalkHoldsAtMostMaxNodesCountingTheStartAndSaysItWasTruncated() {
        chain();

        Subgraph subgraph = graph.walk(RAW, Direction.DOWNSTREAM, ANY_DEPTH, 3);

        assertThat(subgraph.nodes()).containsExactly(CLEAN, RAW, CLEAN_JOB);
        assertThat(subgraph.truncated()).isTrue();
    }

    @Test
    void aWalkThatFitsMaxNodesExactlyIsNotTruncated() {
        chain();

        Subgraph subgraph = graph.walk(RAW, Direction.DOWNSTREAM, 1, 3);

        assertThat(subgraph.nodes()).hasSize(3);
        assertThat(subgraph.truncated()).isFalse();
    }

    @Test
    void aWalkEndsOnACycle() {
        chain();
        NodeId feedbackJob = job("feedback_job");
        graph.apply(List.of(read(feedbackJob, REPORT, MONDAY), write(feedbackJob, RAW, MONDAY)));

        Subgraph subgraph = graph.walk(RAW, Direction.BOTH, ANY_DEPTH, ANY_SIZE);

        assertThat(subgraph.nodes()).hasSize(8);
        assertThat(subgraph.edges()).hasSize(8);
        assertThat(subgraph.truncated()).isFalse();
    }

    @Test
    void aWalkLeavesOutEdgesLastSeenBeforeTheStaleWindow() {
        chain(MONDAY);
        graph.apply(List.of(write(CLEAN_JOB, CLEAN, TUESDAY), read(MODEL_JOB, CLEAN, TUESDAY)));
        EdgeWindow sinceTuesday = new EdgeWindow(Optional.empty(), Optional.of(TUESDAY), false);

        Subgraph subgraph = graph.walk(CLEAN, Direction.BOTH, ANY_DEPTH, ANY_SIZE, sinceTuesday.seenSince());

        assertThat(subgraph.nodes()).containsExactly(CLEAN, CLEAN_JOB, MODEL_JOB);
        assertThat(subgraph.edges()).containsExactlyInAnyOrder(new Edge(CLEAN_JOB, CLEAN), new Edge(CLEAN, MODEL_JOB));
    }

    @Test
    void aWalkThatIncludesStaleEdgesSeesThemAll() {
        chain(MONDAY);
        EdgeWindow includingStale = new EdgeWindow(Optional.empty(), Optional.of(TUESDAY), true);

        Subgraph subgraph = graph.walk(RAW, Direction.DOWNSTREAM, ANY_DEPTH, ANY_SIZE, includingStale.seenSince());

        assertThat(subgraph.nodes()).hasSize(7);
    }

    @Test
    void withoutAWindowAnEdgeOfAnyAgeIsSeen() {
        Instant longAgo = Instant.MIN;
        graph.apply(List.of(read(CLEAN_JOB, RAW, longAgo), write(CLEAN_JOB, CLEAN, Instant.EPOCH.minusSeconds(1))));

        assertThat(graph.walk(RAW, Direction.DOWNSTREAM, ANY_DEPTH, ANY_SIZE).nodes())
                .containsExactly(CLEAN, RAW, CLEAN_JOB);
        assertThat(downstream(RAW).hops()).containsOnlyKeys(RAW, CLEAN_JOB, CLEAN);
    }

    @Test
    void aReachCountsEachNodesDistanceInJobHops() {
        chain();

        Reach reach = downstream(RAW);

        assertThat(reach.hops())
                .isEqualTo(Map.of(RAW, 0, CLEAN_JOB, 1, CLEAN, 1, MODEL_JOB, 2, MODEL, 2, REPORT_JOB, 3, REPORT, 3));
        assertThat(reach.truncated()).isFalse();
    }

    @Test
    void aReachStopsAtTheDepth() {
        chain();

        Reach reach = graph.reach(RAW, Direction.DOWNSTREAM, 2, ANY_SIZE);

        assertThat(reach.hops()).containsOnlyKeys(RAW, CLEAN_JOB, CLEAN, MODEL_JOB, MODEL);
        assertThat(reach.truncated()).as("the depth is not the node limit").isFalse();
    }

    @Test
    void anUpstreamReachFollowsEdgesBackwards() {
        chain();

        Reach reach = graph.reach(MODEL, Direction.UPSTREAM, ANY_DEPTH, ANY_SIZE);

        assertThat(reach.hops()).isEqualTo(Map.of(MODEL, 0, MODEL_JOB, 1, CLEAN, 1, CLEAN_JOB, 2, RAW, 2));
        assertThat(reach.path(RAW)).containsExactly(MODEL, MODEL_JOB, CLEAN, CLEAN_JOB, RAW);
    }

    @Test
    void aReachFindsAShortestPathToEachNode() {
        chain();
        NodeId shortcutJob = job("shortcut_job");
        graph.apply(List.of(read(shortcutJob, RAW, MONDAY), write(shortcutJob, REPORT, MONDAY)));

        Reach reach = downstream(RAW);

        assertThat(reach.hops()).containsEntry(REPORT, 1);
        assertThat(reach.path(REPORT)).containsExactly(RAW, shortcutJob, REPORT);
        assertThat(reach.parents()).containsEntry(REPORT, shortcutJob);
        assertThat(reach.path(RAW)).containsExactly(RAW);
    }

    @Test
    void aReachBreaksTiesBetweenPathsOfOneLengthByNodeOrder() {
        NodeId first = job("a_job");
        NodeId second = job("b_job");
        // Applied second first, so insertion order would pick it.
        graph.apply(List.of(read(second, RAW, MONDAY), write(second, CLEAN, MONDAY)));
        graph.apply(List.of(read(first, RAW, MONDAY), write(first, CLEAN, MONDAY)));

        assertThat(downstream(RAW).path(CLEAN)).containsExactly(RAW, first, CLEAN);
    }

    @Test
    void aReachSaysWhichEdgeReachedEachNodeAndWhenItWasLastSeen() {
        graph.apply(List.of(read(CLEAN_JOB, RAW, MONDAY, "openlineage"), write(CLEAN_JOB, CLEAN, TUESDAY, "trino")));

        Reach reach = downstream(RAW);

        assertThat(reach.reachedBy())
                .isEqualTo(Map.of(
                        CLEAN_JOB, new EdgeSeen("openlineage", MONDAY),
                        CLEAN, new EdgeSeen("trino", TUESDAY)));
    }

    @Test
    void aReachHoldsAtMostMaxNodesBesidesTheStartAndSaysItWasTruncated() {
        chain();

        Reach reach = graph.reach(RAW, Direction.DOWNSTREAM, ANY_DEPTH, 2);

        assertThat(reach.hops()).containsOnlyKeys(RAW, CLEAN_JOB, CLEAN);
        assertThat(reach.truncated()).isTrue();
    }

    @Test
    void aReachThatFitsMaxNodesExactlyIsNotTruncated() {
        chain();

        Reach reach = graph.reach(RAW, Direction.DOWNSTREAM, 1, 2);

        assertThat(reach.hops()).containsOnlyKeys(RAW, CLEAN_JOB, CLEAN);
        assertThat(reach.truncated()).isFalse();
    }

    @Test
    void aReachEndsOnACycle() {
        chain();
        NodeId feedbackJob = job("feedback_job");
        graph.apply(List.of(read(feedbackJob, REPORT, MONDAY), write(feedbackJob, RAW, MONDAY)));

        Reach reach = downstream(RAW);

        assertThat(reach.hops()).hasSize(8).containsEntry(RAW, 0).containsEntry(feedbackJob, 4);
        assertThat(reach.parents()).doesNotContainKey(RAW);
    }

    @Test
    void aReachFromAnUnknownNodeHoldsOnlyTheStart() {
        NodeId unknown = dataset("unknown");

        Reach reach = downstream(unknown);

        assertThat(reach.hops()).isEqualTo(Map.of(unknown, 0));
        assertThat(reach.path(unknown)).containsExactly(unknown);
        assertThat(reach.truncated()).isFalse();
    }

    @Test
    void aReachLeavesOutEdgesLastSeenBeforeTheStaleWindow() {
        chain(MONDAY);
        graph.apply(List.of(read(CLEAN_JOB, RAW, TUESDAY)));
        EdgeWindow sinceTuesday = new EdgeWindow(Optional.empty(), Optional.of(TUESDAY), false);

        Reach reach = graph.reach(RAW, Direction.DOWNSTREAM, ANY_DEPTH, ANY_SIZE, sinceTuesday.seenSince());

        assertThat(reach.hops()).containsOnlyKeys(RAW, CLEAN_JOB);
    }

    @Test
    void aReachWalksOneDirectionOnly() {
        assertThatThrownBy(() -> graph.reach(RAW, Direction.BOTH, ANY_DEPTH, ANY_SIZE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reach walks one direction");
    }

    @Test
    void everyJobIsVisitedInNodeOrderWithItsSortedInputsAndOutputs() {
        NodeId orders = dataset("orders");
        graph.apply(List.of(
                read(MODEL_JOB, RAW, MONDAY),
                read(MODEL_JOB, orders, MONDAY),
                read(MODEL_JOB, CLEAN, MONDAY),
                write(MODEL_JOB, REPORT, MONDAY),
                write(MODEL_JOB, MODEL, MONDAY),
                read(CLEAN_JOB, RAW, MONDAY)));
        graph.addNode(REPORT_JOB);
        List<String> visits = new ArrayList<>();

        graph.forEachJob((job, inputs, outputs) -> visits.add(job.name() + " " + names(inputs) + " " + names(outputs)));

        assertThat(visits)
                .containsExactly(
                        "clean_job [raw] []", "model_job [clean, orders, raw] [model, report]", "report_job [] []");
    }

    @Test
    void neighboursAreSortedAndNoneForAnUnknownNode() {
        graph.apply(List.of(read(MODEL_JOB, RAW, MONDAY), read(MODEL_JOB, CLEAN, MONDAY)));
        graph.apply(List.of(write(REPORT_JOB, MODEL, MONDAY), write(CLEAN_JOB, MODEL, MONDAY)));

        assertThat(graph.predecessors(MODEL_JOB)).containsExactly(CLEAN, RAW);
        assertThat(graph.predecessors(MODEL)).containsExactly(CLEAN_JOB, REPORT_JOB);
        assertThat(graph.predecessors(dataset("unknown"))).isEmpty();
        assertThat(graph.successors(job("unknown"))).isEmpty();
    }

    private void chain() {
        chain(MONDAY);
    }

    private void chain(Instant seen) {
        graph.apply(List.of(
                read(CLEAN_JOB, RAW, seen),
                write(CLEAN_JOB, CLEAN, seen),
                read(MODEL_JOB, CLEAN, seen),
                write(MODEL_JOB, MODEL, seen),
                read(REPORT_JOB, MODEL, seen),
                write(REPORT_JOB, REPORT, seen)));
    }

    private Reach downstream(NodeId start) {
        return graph.reach(start, Direction.DOWNSTREAM, ANY_DEPTH, ANY_SIZE);
    }

    private static List<String> names(List<NodeId> nodes) {
        return nodes.stream().map(NodeId::name).toList();
    }

    private static NodeId dataset(String name) {
        return NodeId.dataset(NAMESPACE, name);
    }

    private static NodeId job(String name) {
        return NodeId.job(NAMESPACE, name);
    }
}
