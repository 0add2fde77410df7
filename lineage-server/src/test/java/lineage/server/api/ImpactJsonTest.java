package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lineage.server.domain.Domain;
import lineage.server.impact.Impact;
import lineage.server.impact.ImpactedNode;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;

/** The JSON of {@code GET /api/v1/impact}, byte for byte: keys in order, absent values as {@code null}. */
class ImpactJsonTest {
    private static final NodeId START = NodeId.dataset("trino://localhost:8085", "paymentsdb.public.payments");
    private static final NodeId JOB = NodeId.job("trino://localhost:8085", "ctas.insights.default.ltv.1f2e3d4c");
    private static final NodeId OUTPUT = NodeId.dataset("trino://localhost:8085", "insights.default.ltv");
    private static final NodeId FIELD =
            NodeId.field("trino://localhost:8085", "insights.default.ltv", "lifetime_value");
    private static final Domain INSIGHTS =
            new Domain("insights", Optional.of("analytics-team"), Optional.of("#analytics"));
    private static final OffsetDateTime SEEN = OffsetDateTime.of(2026, 11, 20, 8, 0, 0, 0, ZoneOffset.UTC);

    private static final Impact IMPACT = new Impact(
            START,
            Optional.empty(),
            true,
            List.of(
                    new ImpactedNode(JOB, 1, INSIGHTS, Optional.of("trino"), Optional.of(SEEN), List.of(START, JOB)),
                    new ImpactedNode(
                            OUTPUT,
                            1,
                            Domain.unowned("insights"),
                            Optional.empty(),
                            Optional.empty(),
                            List.of(START, JOB, OUTPUT)),
                    new ImpactedNode(
                            FIELD,
                            2,
                            Domain.unowned("paymentsdb \"quoted\" \u00e9"),
                            Optional.of("sql"),
                            Optional.of(SEEN),
                            List.of(START, JOB, OUTPUT, FIELD))));

    @Test
    void anImpactIsWrittenWithEveryKeyInOrder() throws IOException {
        EdgeWindow window = new EdgeWindow(Optional.empty(), Optional.of(Instant.parse("2026-11-21T00:00:00Z")), false);

        String json = write(IMPACT, 20, true, window, Set.of(), true);

        assertThat(json)
                .isEqualTo("{\"nodeId\":\"dataset:trino://localhost:8085:paymentsdb.public.payments\","
                        + "\"column\":null,\"depth\":20,\"includeIndirect\":true,\"asOf\":null,"
                        + "\"includeStale\":false,\"domains\":[],\"truncated\":true,\"impacted\":["
                        + "{\"id\":\"job:trino://localhost:8085:ctas.insights.default.ltv.1f2e3d4c\",\"type\":\"JOB\","
                        + "\"namespace\":\"trino://localhost:8085\",\"name\":\"ctas.insights.default.ltv.1f2e3d4c\","
                        + "\"field\":null,\"distance\":1,\"domain\":\"insights\",\"owner\":\"analytics-team\","
                        + "\"contact\":\"#analytics\",\"source\":\"trino\",\"lastSeen\":\"2026-11-20T08:00:00Z\","
                        + "\"stale\":true,\"via\":\"dataset:trino://localhost:8085:paymentsdb.public.payments\","
                        + "\"path\":[\"dataset:trino://localhost:8085:paymentsdb.public.payments\","
                        + "\"job:trino://localhost:8085:ctas.insights.default.ltv.1f2e3d4c\"]},"
                        + "{\"id\":\"dataset:trino://localhost:8085:insights.default.ltv\",\"type\":\"DATASET\","
                        + "\"namespace\":\"trino://localhost:8085\",\"name\":\"insights.default.ltv\",\"field\":null,"
                        + "\"distance\":1,\"domain\":\"insights\",\"owner\":null,\"contact\":null,\"source\":null,"
                        + "\"lastSeen\":null,\"stale\":false,"
                        + "\"via\":\"job:trino://localhost:8085:ctas.insights.default.ltv.1f2e3d4c\","
                        + "\"path\":[\"dataset:trino://localhost:8085:paymentsdb.public.payments\","
                        + "\"job:trino://localhost:8085:ctas.insights.default.ltv.1f2e3d4c\","
                        + "\"dataset:trino://localhost:8085:insights.default.ltv\"]},"
                        + "{\"id\":\"datasetField:trino://localhost:8085:insights.default.ltv:lifetime_value\","
                        + "\"type\":\"DATASET_FIELD\",\"namespace\":\"trino://localhost:8085\","
                        + "\"name\":\"insights.default.ltv\",\"field\":\"lifetime_value\",\"distance\":2,"
                        + "\"domain\":\"paymentsdb \\\"quoted\\\" \u00e9\",\"owner\":null,\"contact\":null,"
                        + "\"source\":\"sql\",\"lastSeen\":\"2026-11-20T08:00:00Z\",\"stale\":true,"
                        + "\"via\":\"dataset:trino://localhost:8085:insights.default.ltv\","
                        + "\"path\":[\"dataset:trino://localhost:8085:paymentsdb.public.payments\","
                        + "\"job:trino://localhost:8085:ctas.insights.default.ltv.1f2e3d4c\","
                        + "\"dataset:trino://localhost:8085:insights.default.ltv\","
                        + "\"datasetField:trino://localhost:8085:insights.default.ltv:lifetime_value\"]}],"
                        + "\"summary\":{\"datasets\":1,\"jobs\":1,\"fields\":1,"
                        + "\"datasetsByDomain\":{\"insights\":1}}}");
    }

    @Test
    void aDomainFilterAColumnAndAnAsOfShowInTheAnswerAndPathsCanBeLeftOut() throws IOException {
        Impact impact = new Impact(START, Optional.of("amount"), false, IMPACT.impacted());
        EdgeWindow window = new EdgeWindow(Optional.of(Instant.parse("2026-11-22T00:00:00Z")), Optional.empty(), true);

        String json = write(impact, 5, false, window, Set.of("insights"), false);

        assertThat(json)
                .isEqualTo("{\"nodeId\":\"dataset:trino://localhost:8085:paymentsdb.public.payments\","
                        + "\"column\":\"amount\",\"depth\":5,\"includeIndirect\":false,"
                        + "\"asOf\":\"2026-11-22T00:00:00Z\",\"includeStale\":true,\"domains\":[\"insights\"],"
                        + "\"truncated\":false,\"impacted\":["
                        + "{\"id\":\"job:trino://localhost:8085:ctas.insights.default.ltv.1f2e3d4c\",\"type\":\"JOB\","
                        + "\"namespace\":\"trino://localhost:8085\",\"name\":\"ctas.insights.default.ltv.1f2e3d4c\","
                        + "\"field\":null,\"distance\":1,\"domain\":\"insights\",\"owner\":\"analytics-team\","
                        + "\"contact\":\"#analytics\",\"source\":\"trino\",\"lastSeen\":\"2026-11-20T08:00:00Z\","
                        + "\"stale\":false,\"via\":\"dataset:trino://localhost:8085:paymentsdb.public.payments\"},"
                        + "{\"id\":\"dataset:trino://localhost:8085:insights.default.ltv\",\"type\":\"DATASET\","
                        + "\"namespace\":\"trino://localhost:8085\",\"name\":\"insights.default.ltv\",\"field\":null,"
                        + "\"distance\":1,\"domain\":\"insights\",\"owner\":null,\"contact\":null,\"source\":null,"
                        + "\"lastSeen\":null,\"stale\":false,"
                        + "\"via\":\"job:trino://localhost:8085:ctas.insights.default.ltv.1f2e3d4c\"}],"
                        + "\"summary\":{\"datasets\":1,\"jobs\":1,\"fields\":0,"
                        + "\"datasetsByDomain\":{\"insights\":1}}}");
    }

    /** The answer as the server writes it. */
    private static String write(
            Impact impact, int depth, boolean indirect, EdgeWindow window, Set<String> domains, boolean paths) {
        return JsonBody.of(json -> ImpactController.writeImpact(json, impact, depth, indirect, window, domains, paths))
                .toString(StandardCharsets.UTF_8);
    }
}
