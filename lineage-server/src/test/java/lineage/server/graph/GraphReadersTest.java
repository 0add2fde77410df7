package lineage.server.graph;

import static lineage.server.testing.TestEdges.read;
import static lineage.server.testing.TestEdges.retired;
import static lineage.server.testing.TestEdges.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lineage.server.graph.LineageGraph.Readers;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;

/** {@link LineageGraph#mostRead}: datasets by the number of jobs reading them now, most first, ties in node order. */
class GraphReadersTest {
    private static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");
    private static final NodeId ORDERS = dataset("raw.orders");
    private static final NodeId CUSTOMERS = dataset("raw.customers");
    private static final NodeId MART = dataset("mart.orders");
    private static final NodeId UNREAD = dataset("raw.unread");

    private final LineageGraph graph = new LineageGraph();

    @Test
    void theDatasetsReadByTheMostJobsComeFirstAndTiesGoInNodeOrder() {
        graph.apply(List.of(
                read(job("a"), ORDERS, MONDAY),
                read(job("b"), ORDERS, MONDAY),
                read(job("c"), ORDERS, MONDAY),
                read(job("a"), CUSTOMERS, MONDAY),
                read(job("d"), CUSTOMERS, MONDAY),
                write(job("a"), MART, MONDAY),
                read(job("e"), MART, MONDAY),
                read(job("f"), MART, MONDAY),
                write(job("f"), UNREAD, MONDAY)));

        assertThat(graph.mostRead(10))
                .containsExactly(new Readers(ORDERS, 3), new Readers(MART, 2), new Readers(CUSTOMERS, 2));
        assertThat(graph.mostRead(2)).containsExactly(new Readers(ORDERS, 3), new Readers(MART, 2));
        assertThat(graph.mostRead(0)).isEmpty();
    }

    @Test
    void aRetiredReadNoLongerCounts() {
        graph.apply(List.of(read(job("a"), ORDERS, MONDAY), read(job("b"), ORDERS, MONDAY)));

        graph.apply(List.of(retired(read(job("b"), ORDERS, MONDAY.plusSeconds(60)))));

        assertThat(graph.mostRead(10)).containsExactly(new Readers(ORDERS, 1));
    }

    @Test
    void theFirstOfManyAreKeptWhateverTheOrderTheyCameIn() {
        List<EdgeChange> reads = new ArrayList<>();
        for (int index = 0; index < 200; index++) {
            NodeId dataset = dataset("t%03d".formatted(index));
            for (int reader = 0; reader < index % 7; reader++) {
                reads.add(read(job("j" + reader), dataset, MONDAY));
            }
        }
        graph.apply(reads);

        List<Readers> most = graph.mostRead(5);

        assertThat(most).extracting(Readers::jobs).containsOnly(6);
        assertThat(most)
                .extracting(readers -> readers.dataset().name())
                .containsExactly("t006", "t013", "t020", "t027", "t034");
    }

    @Test
    void aNegativeLimitIsAProgrammingError() {
        assertThatThrownBy(() -> graph.mostRead(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit is negative: -1");
    }

    private static NodeId dataset(String name) {
        return NodeId.dataset("warehouse", name);
    }

    private static NodeId job(String name) {
        return NodeId.job("warehouse", name);
    }
}
