package lineage.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import java.util.Map;

/**
 * The server's packages and which of ours each may use; {@code docs/architecture.md} draws the same picture. Libraries
 * and the JDK are free to all, except the few that belong to one package (JGraphT to {@code graph}).
 *
 * <p>Sources of events ({@code trino}, {@code kafka}) hand events to {@code ingest}, and read what ingestion knows through
 * it: they know no {@code api}, {@code store} or {@code graph}. A new source joins {@link #SOURCES}.
 */
@AnalyzeClasses(packages = "lineage.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final List<String> SOURCES = List.of("trino", "kafka", "dbt");

    /** Each package of ours, with the packages of ours it may use (besides itself). */
    private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", List.of()),
            Map.entry("error", List.of()),
            Map.entry("config", List.of()),
            Map.entry("store", List.of("model", "error", "config")),
            Map.entry("graph", List.of("model", "config")),
            Map.entry("history", List.of("graph", "store", "model", "config")),
            Map.entry("domain", List.of("graph", "store", "model", "config")),
            Map.entry("impact", List.of("history", "domain", "graph", "store", "model", "error", "config")),
            Map.entry("identity", List.of("store", "model", "config")),
            Map.entry("ingest", List.of("identity", "graph", "store", "model", "error", "config")),
            Map.entry("trino", List.of("ingest", "identity", "model", "error", "config")),
            Map.entry("kafka", List.of("trino", "ingest", "error", "config")),
            Map.entry("dbt", List.of("ingest", "identity", "model", "error", "config")),
            Map.entry(
                    "api",
                    List.of(
                            "ingest",
                            "trino",
                            "identity",
                            "impact",
                            "domain",
                            "history",
                            "graph",
                            "store",
                            "model",
                            "error",
                            "config")),
            Map.entry("cli", List.of("ingest", "trino", "model", "error", "config")));

    @ArchTest
    static final ArchRule packagesUseOnlyWhatTheyMay = layers();

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("lineage.server.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule everyPackageHasARule = classes()
            .that()
            .resideInAPackage("lineage.server.*..")
            .should()
            .resideInAnyPackage(
                    ALLOWED.keySet().stream().map(ArchitectureTest::tree).toArray(String[]::new))
            .as("every package of the server has a rule in ArchitectureTest.ALLOWED");

    @ArchTest
    static final ArchRule jgraphtStaysInTheGraph = noClasses()
            .that()
            .resideOutsideOfPackage(tree("graph"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.jgrapht..")
            .as("JGraphT is used only inside lineage.server.graph");

    @ArchTest
    static final ArchRule sourcesKnowNoApiStoreOrGraph = noClasses()
            .that()
            .resideInAnyPackage(SOURCES.stream().map(ArchitectureTest::tree).toArray(String[]::new))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(tree("api"), tree("store"), tree("graph"))
            .as("sources of events hand events to ingest and know no api, store or graph");

    private static ArchRule layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : ALLOWED.keySet().stream().sorted().toList()) {
            layers = layers.layer(name).definedBy(tree(name));
        }
        for (Map.Entry<String, List<String>> entry : ALLOWED.entrySet()) {
            List<String> allowed = entry.getValue();
            layers = allowed.isEmpty()
                    ? layers.whereLayer(entry.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(entry.getKey()).mayOnlyAccessLayers(allowed.toArray(String[]::new));
        }
        return layers.because("dependencies point inward (docs/architecture.md)");
    }

    private static String tree(String name) {
        return "lineage.server." + name + "..";
    }
}
