package lineage.server.ingest;

import static lineage.server.ingest.TestingProjections.at;
import static lineage.server.ingest.TestingProjections.dataset;
import static lineage.server.ingest.TestingProjections.fields;
import static lineage.server.ingest.TestingProjections.time;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import lineage.server.model.NodeId;
import lineage.server.store.DatasetWriteRow;
import lineage.server.store.SchemaWriteRow;
import org.junit.jupiter.api.Test;

class DatasetFoldTest {
    private static final NodeId ORDERS = dataset("orders");
    private static final long ID = 7;

    @Test
    void eachDatasetOnceInNodeOrderWithItsFacetsMergedAndItsFirstAndLastEvent() {
        SortedMap<NodeId, DatasetFold> folds = DatasetFold.of(List.of(
                at(3).dataset(ORDERS, "{\"a\":1}", Optional.empty(), false).build(),
                at(1).dataset(dataset("customers"), "{}", Optional.empty(), false)
                        .dataset(ORDERS, "{\"a\":2,\"b\":1}", Optional.empty(), false)
                        .build()));

        assertThat(folds.keySet()).containsExactly(dataset("customers"), ORDERS);
        DatasetWriteRow row = folds.get(ORDERS).row(ORDERS);
        assertThat(row.facets()).isEqualTo("{\"a\":2,\"b\":1}");
        assertThat(row.createdAt()).isEqualTo(time(1));
        assertThat(row.updatedAt()).isEqualTo(time(3));
    }

    @Test
    void theRowsFieldsAreTheLastFullSchemaAndNoneOnceASchemaIsPartial() {
        assertThat(fold(full("a"), full("a", "b")).row(ORDERS).fields()).isEqualTo(text(fields("a", "b")));
        assertThat(fold(full("a"), partial("b")).row(ORDERS).fields()).isNull();
        assertThat(fold().row(ORDERS).fields()).isNull();
    }

    @Test
    void eachDifferentFullSchemaIsAVersionAndTheLastIsCurrent() {
        List<SchemaWriteRow> rows = fold(full("a"), full("a", "b"), full("a")).schemaRows(ID, "[]", false);

        assertThat(rows).extracting(SchemaWriteRow::fields).containsExactly(text(fields("a")), text(fields("a", "b")));
        assertThat(rows).extracting(SchemaWriteRow::current).containsExactly(true, false);
        assertThat(rows).allSatisfy(row -> assertThat(row.datasetId()).isEqualTo(ID));
    }

    @Test
    void aLoneFullSchemaThatIsAlreadyStoredRecordsNothing() {
        assertThat(fold(full("a")).schemaRows(ID, text(fields("a")), true)).isEmpty();
        assertThat(fold(full("a")).schemaRows(ID, "[]", false)).hasSize(1);
    }

    @Test
    void aPartialSchemaAddsItsFieldsToTheStoredOnes() {
        DatasetFold fold = fold(partial("b"));

        assertThat(fold.needsStoredFields()).isTrue();
        assertThat(fold.schemaRows(ID, text(fields("a")), false))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.fields()).isEqualTo(text(fields("a", "b")));
                    assertThat(row.current()).isTrue();
                });
    }

    @Test
    void aPartialSchemaThatAddsNothingRecordsNothing() {
        assertThat(fold(partial("a")).schemaRows(ID, text(fields("a", "b")), false))
                .isEmpty();
    }

    @Test
    void storedFieldsAreNeededOnlyWhenTheFirstSchemaIsPartial() {
        assertThat(fold(full("a"), partial("b")).needsStoredFields()).isFalse();
        assertThat(fold().needsStoredFields()).isFalse();
    }

    @Test
    void theUnionKeepsKnownFieldsInPlaceAndTakesTheTypeAndDescriptionAPartialSchemaGives() {
        ArrayNode known = fields("a", "b");
        ArrayNode partial = TestingProjections.json("{\"f\":[{\"name\":\"b\",\"type\":\"bigint\"},{\"name\":\"c\"}]}")
                .withArray("f");

        ArrayNode merged = DatasetFold.union(known, partial);

        assertThat(text(merged))
                .isEqualTo(
                        "[{\"name\":\"a\",\"type\":\"varchar\"},{\"name\":\"b\",\"type\":\"bigint\"},{\"name\":\"c\"}]");
        assertThat(text(known)).as("the known fields are not changed").isEqualTo(text(fields("a", "b")));
    }

    private static DatasetFold fold(TestingSchema... schemas) {
        TestingProjections projection = at(0);
        int minute = 0;
        List<Projection> projections = new ArrayList<>();
        for (TestingSchema schema : schemas) {
            projections.add(at(minute++)
                    .dataset(ORDERS, "{}", Optional.of(schema.fields()), schema.partial())
                    .build());
        }
        if (projections.isEmpty()) {
            projections.add(
                    projection.dataset(ORDERS, "{}", Optional.empty(), false).build());
        }
        return DatasetFold.of(projections).get(ORDERS);
    }

    private record TestingSchema(ArrayNode fields, boolean partial) {}

    private static TestingSchema full(String... names) {
        return new TestingSchema(fields(names), false);
    }

    private static TestingSchema partial(String... names) {
        return new TestingSchema(fields(names), true);
    }

    private static String text(ArrayNode fields) {
        return CanonicalJson.text(fields);
    }
}
