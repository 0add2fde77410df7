package lineage.server.impact;

import static lineage.server.impact.PaymentsMesh.COPY;
import static lineage.server.impact.PaymentsMesh.COPY_JOB;
import static lineage.server.impact.PaymentsMesh.CUSTOMER;
import static lineage.server.impact.PaymentsMesh.CUSTOMER_JOB;
import static lineage.server.impact.PaymentsMesh.METHODS;
import static lineage.server.impact.PaymentsMesh.METHODS_JOB;
import static lineage.server.impact.PaymentsMesh.PAYMENTS;
import static lineage.server.impact.PaymentsMesh.REPORT;
import static lineage.server.impact.PaymentsMesh.REVENUE;
import static lineage.server.impact.PaymentsMesh.SEEN;
import static lineage.server.impact.PaymentsMesh.STG;
import static lineage.server.impact.PaymentsMesh.STG_JOB;
import static lineage.server.impact.PaymentsMesh.field;
import static lineage.server.testing.TestEdges.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import lineage.server.domain.Domain;
import lineage.server.domain.Domains;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;

/** The rules of table- and column-level impact, over {@link PaymentsMesh} held in memory. */
class ImpactAnalysisTest {
    private static final int ANY_DEPTH = 20;
    private static final int ANY_SIZE = 1_000;
    private static final Domain INSIGHTS =
            new Domain("insights", Optional.of("analytics-team"), Optional.of("#analytics"));

    private final PaymentsMesh mesh = new PaymentsMesh();
    private final ImpactAnalysis analysis = mesh.impactAnalysis();

    @Test
    void everythingDownstreamOfADatasetIsListedNearestFirstWithoutTheDatasetItself() {
        Impact impact = datasetImpact(PAYMENTS);

        assertThat(impact.start()).isEqualTo(PAYMENTS);
        assertThat(impact.column()).isEmpty();
        assertThat(impact.truncated()).isFalse();
        assertThat(impact.impacted())
                .extracting(ImpactedNode::node, ImpactedNode::distance)
                .containsExactly(
                        tuple(COPY, 1),
                        tuple(METHODS, 1),
                        tuple(STG, 1),
                        tuple(COPY_JOB, 1),
                        tuple(METHODS_JOB, 1),
                        tuple(STG_JOB, 1),
                        tuple(REPORT, 1),
                        tuple(CUSTOMER, 2),
                        tuple(CUSTOMER_JOB, 2),
                        tuple(REVENUE, 3));
    }

    @Test
    void aJobIsInTheDomainOfWhatItWritesAndAQueryInThatOfWhatItReads() {
        Impact impact = datasetImpact(PAYMENTS);

        assertThat(impacted(impact, STG).domain()).isEqualTo(INSIGHTS);
        assertThat(impacted(impact, STG_JOB).domain())
                .as("reads paymentsdb, writes insights")
                .isEqualTo(INSIGHTS);
        assertThat(impacted(impact, COPY_JOB).domain()).isEqualTo(Domain.unowned("exports"));
        assertThat(impacted(impact, REPORT).domain()).isEqualTo(Domain.unowned("paymentsdb"));
        assertThat(impacted(impact, REVENUE).domain()).isEqualTo(INSIGHTS);
    }

    @Test
    void eachNodeNamesTheSourceAndLastSightingOfTheEdgeThatReachedIt() {
        mesh.graph.apply(List.of(read(CUSTOMER_JOB, STG, SEEN.plusSeconds(60), "sql")));

        Impact impact = datasetImpact(PAYMENTS);

        assertThat(impacted(impact, STG_JOB).source()).contains("trino");
        assertThat(impacted(impact, STG_JOB).lastSeen()).contains(SEEN.atOffset(ZoneOffset.UTC));
        assertThat(impacted(impact, CUSTOMER_JOB).source()).contains("sql");
        assertThat(impacted(impact, CUSTOMER_JOB).lastSeen())
                .contains(SEEN.plusSeconds(60).atOffset(ZoneOffset.UTC));
    }

    @Test
    void eachNodeCarriesAShortestPathFromTheChangedDataset() {
        mesh.job(REVENUE, List.of(PAYMENTS), List.of(), "openlineage");

        Impact impact = datasetImpact(PAYMENTS);

        assertThat(impacted(impact, CUSTOMER).path()).containsExactly(PAYMENTS, STG_JOB, STG, CUSTOMER_JOB, CUSTOMER);
        assertThat(impacted(impact, REVENUE).path())
                .as("read straight from payments too")
                .containsExactly(PAYMENTS, REVENUE);
        assertThat(impacted(impact, REVENUE).distance()).isEqualTo(1);
    }

    @Test
    void theDepthCountsJobHops() {
        Impact impact = analysis.datasetImpact(PAYMENTS, 1, ANY_SIZE, EdgeWindow.current());

        assertThat(impact.impacted()).extracting(ImpactedNode::distance).containsOnly(1);
        assertThat(impact.impacted()).hasSize(7);
        assertThat(impact.truncated()).isFalse();
    }

    @Test
    void theNodeLimitCutsTheAnswerAndSaysSo() {
        Impact impact = analysis.datasetImpact(PAYMENTS, ANY_DEPTH, 2, EdgeWindow.current());

        assertThat(impact.impacted()).hasSize(2);
        assertThat(impact.truncated()).isTrue();
    }

    @Test
    void staleEdgesAreLeftOutUnlessTheWindowIncludesThem() {
        Instant later = SEEN.plusSeconds(3_600);
        mesh.graph.apply(List.of(read(STG_JOB, PAYMENTS, later, "trino")));
        EdgeWindow sinceLater = new EdgeWindow(Optional.empty(), Optional.of(later), false);
        EdgeWindow includingStale = new EdgeWindow(Optional.empty(), Optional.of(later), true);

        assertThat(nodes(analysis.datasetImpact(PAYMENTS, ANY_DEPTH, ANY_SIZE, sinceLater)))
                .containsExactly(STG_JOB);
        assertThat(nodes(analysis.datasetImpact(PAYMENTS, ANY_DEPTH, ANY_SIZE, includingStale)))
                .hasSize(10);
    }

    @Test
    void aDatasetNothingReadsHasNoImpact() {
        Impact impact = datasetImpact(COPY);

        assertThat(impact.impacted()).isEmpty();
        assertThat(impact.truncated()).isFalse();
    }

    @Test
    void aColumnReachesTheFieldsDerivedFromItWithTheirDatasetsAndWritingJobs() {
        Impact impact = columnImpact("amount", ANY_DEPTH, true, ANY_SIZE).orElseThrow();

        assertThat(impact.column()).contains("amount");
        assertThat(impact.impacted())
                .extracting(ImpactedNode::node, ImpactedNode::distance)
                .containsExactly(
                        tuple(STG, 1),
                        tuple(field(STG, "amount"), 1),
                        tuple(STG_JOB, 1),
                        tuple(CUSTOMER, 2),
                        tuple(field(CUSTOMER, "total"), 2),
                        tuple(CUSTOMER_JOB, 2));
    }

    @Test
    void aFieldsPathRunsThroughTheJobsThatWroteEachStepAndAJobsPathStopsAtIt() {
        Impact impact = columnImpact("amount", ANY_DEPTH, true, ANY_SIZE).orElseThrow();

        NodeId amount = field(PAYMENTS, "amount");
        assertThat(impacted(impact, field(CUSTOMER, "total")).path())
                .containsExactly(amount, STG_JOB, field(STG, "amount"), CUSTOMER_JOB, field(CUSTOMER, "total"));
        assertThat(impacted(impact, CUSTOMER_JOB).path())
                .containsExactly(amount, STG_JOB, field(STG, "amount"), CUSTOMER_JOB);
        assertThat(impacted(impact, CUSTOMER).path())
                .isEqualTo(impacted(impact, field(CUSTOMER, "total")).path());
    }

    @Test
    void aFieldIsInItsDatasetsDomainWithTheSourceAndLastSightingOfItsEdge() {
        Impact impact = columnImpact("amount", ANY_DEPTH, true, ANY_SIZE).orElseThrow();

        ImpactedNode total = impacted(impact, field(CUSTOMER, "total"));
        assertThat(total.domain()).isEqualTo(INSIGHTS);
        assertThat(total.source()).contains("sql");
        assertThat(total.lastSeen()).contains(SEEN.atOffset(ZoneOffset.UTC));
        assertThat(impacted(impact, STG_JOB).domain())
                .as("the domain of the field it writes")
                .isEqualTo(INSIGHTS);
    }

    @Test
    void indirectLineageIsFollowedOnlyWhenAskedFor() {
        mesh.columns.addEdge(PAYMENTS, "status", STG, "amount", Optional.of(STG_JOB), "INDIRECT", SEEN);

        assertThat(columnImpact("status", ANY_DEPTH, false, ANY_SIZE)
                        .orElseThrow()
                        .impacted())
                .isEmpty();
        assertThat(nodes(columnImpact("status", ANY_DEPTH, true, ANY_SIZE).orElseThrow()))
                .contains(field(STG, "amount"), field(CUSTOMER, "total"));
    }

    @Test
    void theColumnDepthCountsColumnLineageHops() {
        assertThat(nodes(columnImpact("amount", 1, true, ANY_SIZE).orElseThrow()))
                .containsExactly(STG, field(STG, "amount"), STG_JOB);
    }

    @Test
    void theColumnNodeLimitCountsFieldsBesidesTheStartAndSaysItCut() {
        Impact impact = columnImpact("amount", ANY_DEPTH, true, 1).orElseThrow();

        assertThat(nodes(impact)).containsExactly(STG, field(STG, "amount"), STG_JOB);
        assertThat(impact.truncated()).isTrue();
        assertThat(columnImpact("amount", ANY_DEPTH, true, 2).orElseThrow().truncated())
                .isFalse();
    }

    @Test
    void aDatasetOrJobReachedByManyFieldsIsListedOnceAtItsNearest() {
        mesh.columnEdge(PAYMENTS, "amount", CUSTOMER_JOB, CUSTOMER, "raw_amount");

        Impact impact = columnImpact("amount", ANY_DEPTH, true, ANY_SIZE).orElseThrow();

        assertThat(nodes(impact)).containsOnlyOnce(CUSTOMER, CUSTOMER_JOB);
        assertThat(impacted(impact, CUSTOMER).distance()).isEqualTo(1);
        assertThat(impacted(impact, CUSTOMER_JOB).distance()).isEqualTo(1);
        assertThat(impacted(impact, field(CUSTOMER, "total")).distance()).isEqualTo(2);
    }

    @Test
    void aFieldOfTheChangedDatasetIsListedButNotTheDatasetAndAnEdgeWithoutAJobNamesNone() {
        mesh.columns.addEdge(PAYMENTS, "amount", PAYMENTS, "amount_cents", Optional.empty(), "DIRECT", SEEN);

        Impact impact = columnImpact("amount", 1, true, ANY_SIZE).orElseThrow();

        assertThat(nodes(impact)).contains(field(PAYMENTS, "amount_cents")).doesNotContain(PAYMENTS);
        assertThat(impacted(impact, field(PAYMENTS, "amount_cents")).path())
                .containsExactly(field(PAYMENTS, "amount"), field(PAYMENTS, "amount_cents"));
    }

    @Test
    void aColumnLineageCycleEnds() {
        mesh.columnEdge(CUSTOMER, "total", CUSTOMER_JOB, PAYMENTS, "amount");

        Impact impact = columnImpact("amount", ANY_DEPTH, true, ANY_SIZE).orElseThrow();

        assertThat(nodes(impact)).doesNotContain(field(PAYMENTS, "amount")).hasSize(6);
    }

    @Test
    void aColumnOfADatasetThatDoesNotExistHasNoAnswer() {
        assertThat(analysis.columnImpact(
                        PaymentsMesh.dataset("paymentsdb.public.refunds"),
                        "amount",
                        ANY_DEPTH,
                        true,
                        ANY_SIZE,
                        EdgeWindow.current()))
                .isEmpty();
    }

    @Test
    void aNodeThatCannotBeRenderedIsSkippedAndCountedNotAFailureForItsNeighbours() {
        Domains failingForCustomer = new Domains(List.of()) {
            @Override
            public Domain of(NodeId dataset) {
                if (dataset.equals(CUSTOMER)) {
                    throw new IllegalStateException("cannot render " + dataset);
                }
                return super.of(dataset);
            }
        };

        Impact impact = mesh.impactAnalysis(failingForCustomer)
                .datasetImpact(PAYMENTS, ANY_DEPTH, ANY_SIZE, EdgeWindow.current());

        // Left out: the customer table, the job that writes it (a job's domain is its output's) and the query that
        // reads it (a query's domain is its input's); the rest stays.
        assertThat(impact.impacted())
                .extracting(ImpactedNode::node)
                .containsExactly(COPY, METHODS, STG, COPY_JOB, METHODS_JOB, STG_JOB, REPORT);
        assertThat(mesh.skipped
                        .get("lineage.read.nodes.skipped")
                        .tag("answer", "impact")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    private Impact datasetImpact(NodeId dataset) {
        return analysis.datasetImpact(dataset, ANY_DEPTH, ANY_SIZE, EdgeWindow.current());
    }

    private Optional<Impact> columnImpact(String column, int depth, boolean includeIndirect, int maxNodes) {
        return analysis.columnImpact(PAYMENTS, column, depth, includeIndirect, maxNodes, EdgeWindow.current());
    }

    private static ImpactedNode impacted(Impact impact, NodeId node) {
        return impact.impacted().stream()
                .filter(impacted -> impacted.node().equals(node))
                .findFirst()
                .orElseThrow(() -> new AssertionError(node + " is not impacted: " + nodes(impact)));
    }

    private static List<NodeId> nodes(Impact impact) {
        return impact.impacted().stream().map(ImpactedNode::node).toList();
    }
}
