package lineage.deploy;

import static lineage.deploy.DeployFiles.CHART;
import static lineage.deploy.DeployFiles.DEPLOY;
import static lineage.deploy.DeployFiles.list;
import static lineage.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chart under {@code deploy/helm/lineage-server}, linted and rendered by Helm's own library (helm-java). */
class HelmChartTest {
    private static final Path PRODUCTION_VALUES = DEPLOY.resolve("src/test/resources/values-production.yaml");

    @Test
    void lintsWithoutWarnings() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void rendersTheServerWithDefaults() {
        Map<String, Map<String, Object>> manifests = render(UnaryOperator.identity());

        assertThat(manifests)
                .containsOnlyKeys(
                        "ConfigMap/lineage-lineage-server",
                        "Secret/lineage-lineage-server",
                        "Service/lineage-lineage-server",
                        "Deployment/lineage-lineage-server",
                        "PodDisruptionBudget/lineage-lineage-server");
        Map<String, Object> deployment = manifests.get("Deployment/lineage-lineage-server");
        assertThat(map(deployment, "spec").get("replicas")).isEqualTo(2);
        Map<String, Object> container = container(deployment);
        assertThat(container.get("image")).isEqualTo("lineage-server:0.1.0-SNAPSHOT");
        assertThat(map(container, "startupProbe", "httpGet")).containsEntry("path", "/health/liveness");
        assertThat(map(container, "livenessProbe", "httpGet"))
                .containsEntry("path", "/health/liveness")
                .containsEntry("port", "http");
        assertThat(map(container, "readinessProbe", "httpGet"))
                .containsEntry("path", "/health/readiness")
                .containsEntry("port", "http");
        assertThat(map(container, "resources", "requests")).containsKeys("cpu", "memory");
        assertThat(map(container, "resources", "limits")).containsKey("memory");
        assertThat(list(container, "ports"))
                .containsExactly(Map.of("name", "http", "containerPort", 5000, "protocol", "TCP"));

        Map<String, Object> configMap = map(manifests.get("ConfigMap/lineage-lineage-server"), "data");
        assertThat(configMap)
                .containsEntry("LINEAGE_DB_URL", "jdbc:postgresql://postgresql:5432/lineage")
                .containsEntry("LINEAGE_PORT", "5000")
                .containsEntry("LINEAGE_TRINO_NAMESPACE", "trino://localhost:8085");
        assertThat(map(manifests.get("Secret/lineage-lineage-server"), "data"))
                .containsOnlyKeys("LINEAGE_DB_PASSWORD", "LINEAGE_WRITE_KEYS", "LINEAGE_READ_KEYS");
        assertThat(secretReferences(container))
                .containsExactly(
                        "LINEAGE_DB_PASSWORD=lineage-lineage-server/LINEAGE_DB_PASSWORD",
                        "LINEAGE_WRITE_KEYS=lineage-lineage-server/LINEAGE_WRITE_KEYS",
                        "LINEAGE_READ_KEYS=lineage-lineage-server/LINEAGE_READ_KEYS");
        assertThat(map(list(container, "envFrom").get(0), "configMapRef"))
                .containsEntry("name", "lineage-lineage-server");
        assertThat(configMap.keySet()).allSatisfy(variable -> assertThat(ServerVariables.all())
                .as("the server reads %s", variable)
                .contains(variable));
        assertThat(secretReferences(container)).allSatisfy(reference -> assertThat(ServerVariables.all())
                .contains(reference.split("=")[0]));
    }

    @Test
    void runsAsTheImagesNonRootUserOnAReadOnlyRootFileSystem() {
        Map<String, Object> deployment = render(UnaryOperator.identity()).get("Deployment/lineage-lineage-server");
        Map<String, Object> pod = map(deployment, "spec", "template", "spec");

        assertThat(map(pod, "securityContext"))
                .containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", DockerfileTest.runtimeUid());
        Map<String, Object> container = container(deployment);
        assertThat(map(container, "securityContext"))
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(list(container, "volumeMounts")).contains(Map.of("name", "tmp", "mountPath", "/tmp"));
    }

    @Test
    void theServiceReachesThePods() {
        Map<String, Map<String, Object>> manifests = render(UnaryOperator.identity());
        Map<String, Object> deployment = manifests.get("Deployment/lineage-lineage-server");
        Map<String, Object> service = manifests.get("Service/lineage-lineage-server");

        Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
        assertThat(podLabels).containsAllEntriesOf(map(service, "spec", "selector"));
        assertThat(podLabels).containsAllEntriesOf(map(deployment, "spec", "selector", "matchLabels"));
        assertThat(podLabels)
                .containsAllEntriesOf(map(
                        manifests.get("PodDisruptionBudget/lineage-lineage-server"),
                        "spec",
                        "selector",
                        "matchLabels"));
        assertThat(list(service, "spec", "ports"))
                .containsExactly(Map.of("name", "http", "port", 5000, "targetPort", "http", "protocol", "TCP"));
    }

    @Test
    void rendersAProductionInstall() {
        Map<String, Map<String, Object>> manifests = render(template -> template.withValuesFile(PRODUCTION_VALUES));

        assertThat(manifests.keySet())
                .containsExactlyInAnyOrder(
                        "ConfigMap/lineage-lineage-server",
                        "ConfigMap/lineage-lineage-server-domains",
                        "Service/lineage-lineage-server",
                        "Deployment/lineage-lineage-server",
                        "PodDisruptionBudget/lineage-lineage-server");
        Map<String, Object> deployment = manifests.get("Deployment/lineage-lineage-server");
        assertThat(map(deployment, "spec").get("replicas")).isEqualTo(3);
        Map<String, Object> container = container(deployment);
        assertThat(container.get("image")).isEqualTo("registry.example.com/data/lineage-server:1.2.3");
        assertThat(secretReferences(container))
                .containsExactly(
                        "LINEAGE_DB_PASSWORD=lineage-credentials/db-password",
                        "LINEAGE_WRITE_KEYS=lineage-credentials/write-keys",
                        "LINEAGE_READ_KEYS=lineage-credentials/read-keys");
        assertThat(plainEnvironment(container))
                .containsEntry("MICRONAUT_CONFIG_FILES", "/etc/lineage/application-deploy.yml")
                .containsEntry("LINEAGE_RETENTION_MAX_AGE", "90d");
        assertThat(plainEnvironment(container).keySet())
                .filteredOn(variable -> variable.startsWith("LINEAGE_"))
                .allSatisfy(variable -> assertThat(ServerVariables.all()).contains(variable));
        assertThat(list(container, "volumeMounts"))
                .contains(Map.of("name", "config", "mountPath", "/etc/lineage", "readOnly", true));
        assertThat(list(map(deployment, "spec", "template", "spec"), "volumes"))
                .contains(Map.of("name", "config", "configMap", Map.of("name", "lineage-lineage-server-domains")));

        String domains = (String) map(manifests.get("ConfigMap/lineage-lineage-server-domains"), "data")
                .get("application-deploy.yml");
        assertThat(map(DeployFiles.yamlDocuments(domains).get(0), "lineage", "domains", "insights"))
                .containsEntry("owner", "analytics-team")
                .containsEntry("contact", "#analytics")
                .containsEntry("catalogs", List.of("insights"));
    }

    /** An existing broker: the replicas share its topics in one consumer group (no broker of the chart's own). */
    @Test
    void readsAnExistingKafkaWhenGivenOne() {
        Map<String, Object> off = map(render(UnaryOperator.identity()).get("ConfigMap/lineage-lineage-server"), "data");
        assertThat(off.keySet()).noneMatch(variable -> variable.startsWith("LINEAGE_KAFKA_"));

        Map<String, Map<String, Object>> manifests =
                render(template -> template.set("kafka.bootstrapServers", "kafka-1:9092,kafka-2:9092")
                        .set("kafka.trinoTopics", "trino-query-created,trino-query-completed")
                        .set("kafka.client.security\\.protocol", "SASL_SSL")
                        .set("kafka.client.session\\.timeout\\.ms", "10000"));
        assertThat(manifests.keySet())
                .noneMatch(manifest -> manifest.toLowerCase().contains("kafka"));
        assertThat(map(manifests.get("ConfigMap/lineage-lineage-server"), "data"))
                .containsEntry("LINEAGE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092")
                .containsEntry("LINEAGE_KAFKA_TOPICS", "openlineage")
                .containsEntry("LINEAGE_KAFKA_TRINO_TOPICS", "trino-query-created,trino-query-completed")
                .containsEntry("LINEAGE_KAFKA_GROUP_ID", "lineage-server")
                .containsEntry("LINEAGE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("LINEAGE_KAFKA_CLIENT_SESSION_TIMEOUT_MS", "10000");
    }

    @Test
    void oneReplicaHasNoDisruptionBudget() {
        assertThat(render(template -> template.set("replicaCount", 1)))
                .doesNotContainKey("PodDisruptionBudget/lineage-lineage-server");
    }

    @Test
    void valuesAreCheckedAgainstTheChartsSchema() {
        assertThatThrownBy(() -> render(template -> template.set("replicaCount", 0)))
                .hasMessageContaining("'/replicaCount'");
        assertThatThrownBy(() -> render(template -> template.set("database.url", "")))
                .hasMessageContaining("'/database/url'");
        assertThatThrownBy(() -> render(template -> template.set("database.url", "postgresql://db/lineage")))
                .hasMessageContaining("'/database/url'");
        assertThatThrownBy(() -> render(template -> template.set("domains.insights.owners", "analytics-team")))
                .hasMessageContaining("owners");
    }

    /** Each rendered manifest by kind/name, in the order Helm renders them. */
    private static Map<String, Map<String, Object>> render(UnaryOperator<TemplateCommand> options) {
        String rendered = options.apply(
                        new Helm(CHART).template().withName("lineage").withNamespace("data"))
                .call();
        Map<String, Map<String, Object>> manifests = new LinkedHashMap<>();
        for (Map<String, Object> manifest : DeployFiles.yamlDocuments(rendered)) {
            assertThat(manifest).containsKeys("apiVersion", "kind", "metadata");
            String key = manifest.get("kind") + "/" + map(manifest, "metadata").get("name");
            assertThat(manifests.put(key, manifest))
                    .as("%s rendered twice", key)
                    .isNull();
        }
        return manifests;
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = list(deployment, "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    /** {@code NAME=secret/key} of each variable read from a Secret, in order. */
    private static List<String> secretReferences(Map<String, Object> container) {
        List<String> references = new ArrayList<>();
        for (Object variable : list(container, "env")) {
            Map<String, Object> entry = map(variable);
            if (entry.containsKey("valueFrom")) {
                Map<String, Object> reference = map(entry, "valueFrom", "secretKeyRef");
                references.add(entry.get("name") + "=" + reference.get("name") + "/" + reference.get("key"));
            }
        }
        return references;
    }

    private static Map<String, Object> plainEnvironment(Map<String, Object> container) {
        return list(container, "env").stream()
                .map(DeployFiles::map)
                .filter(entry -> entry.containsKey("value"))
                .collect(Collectors.toMap(
                        entry -> (String) entry.get("name"),
                        entry -> entry.get("value"),
                        (a, b) -> b,
                        LinkedHashMap::new));
    }
}
