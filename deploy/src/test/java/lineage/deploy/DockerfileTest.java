package lineage.deploy;

import static lineage.deploy.DeployFiles.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code deploy/Dockerfile} and the repository root's {@code .dockerignore}, read as text (no Docker engine here). */
class DockerfileTest {
    private static final Path ROOT = DEPLOY.getParent();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void buildsWithMavenOnJdk17AndRunsOnTheJre() {
        List<Instruction> instructions = instructions();

        assertThat(instructions.stream().filter(instruction -> instruction.is("FROM")))
                .extracting(Instruction::arguments)
                .containsExactly("maven:3.9-eclipse-temurin-17 AS build", "eclipse-temurin:17-jre");
    }

    @Test
    void runsAsANonRootUser() {
        assertThat(runtimeUid()).isPositive();
    }

    @Test
    void checksHealthOnTheServersPort() {
        List<Instruction> runtime = runtimeStage();

        assertThat(last(runtime, "HEALTHCHECK").orElseThrow().arguments())
                .contains("CMD curl -fsS \"http://127.0.0.1:${LINEAGE_PORT}/health\"");
        assertThat(last(runtime, "ENV").orElseThrow().arguments()).contains("LINEAGE_PORT=5000");
        assertThat(last(runtime, "EXPOSE").orElseThrow().arguments()).isEqualTo("5000");
        assertThat(last(runtime, "ENTRYPOINT").orElseThrow().arguments()).contains("$LINEAGE_JAVA_OPTS");
    }

    @Test
    void copiesTheShadedJarTheServerBuilds() {
        String serverPom = DeployFiles.read(ROOT.resolve("lineage-server/pom.xml"));

        assertThat(serverPom).contains("<outputFile>${project.build.directory}/lineage-server-all.jar</outputFile>");
        assertThat(runtimeStage().stream().filter(instruction -> instruction.is("COPY")))
                .extracting(Instruction::arguments)
                .containsExactly("--from=build /src/lineage-server/target/lineage-server-all.jar "
                        + "/opt/lineage/lineage-server.jar");
    }

    /** The reactor reads every module's pom, so a module added to the root pom must be copied too. */
    @Test
    void copiesEveryModulesPomIntoTheBuild() {
        List<String> sources = new ArrayList<>();
        for (Instruction instruction : instructions()) {
            if (instruction.is("COPY") && !instruction.arguments().startsWith("--from")) {
                sources.add(instruction.arguments().split("\\s+")[0]);
            }
        }
        Matcher modules = MODULE.matcher(DeployFiles.read(ROOT.resolve("pom.xml")));
        List<String> expected = new ArrayList<>(List.of("pom.xml"));
        while (modules.find()) {
            String module = modules.group(1);
            // A module nested in a copied folder (sql-parser/cli in sql-parser) comes with it.
            String source = sources.stream()
                    .filter(copied -> module.equals(copied) || module.startsWith(copied + "/"))
                    .findFirst()
                    .orElse(module + "/pom.xml");
            if (!expected.contains(source)) {
                expected.add(source);
            }
        }

        assertThat(sources).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sources)
                .allSatisfy(source -> assertThat(ROOT.resolve(source)).exists());
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndData() {
        List<String> ignored = DeployFiles.read(ROOT.resolve(".dockerignore"))
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();

        assertThat(ignored).contains("**/target", "data", ".git");
        assertThat(ignored).doesNotContain("pom.xml", "sql-parser", "lineage-server", "lineage-sdk", "deploy");
    }

    /** The uid of the runtime stage's USER; fails unless it is numeric and not root. */
    static int runtimeUid() {
        String user = last(runtimeStage(), "USER").orElseThrow().arguments();
        String uid = user.split(":")[0];
        assertThat(uid).as("USER %s", user).matches("[0-9]+").isNotEqualTo("0");
        return Integer.parseInt(uid);
    }

    private static List<Instruction> runtimeStage() {
        List<Instruction> instructions = instructions();
        int lastFrom = 0;
        for (int index = 0; index < instructions.size(); index++) {
            if (instructions.get(index).is("FROM")) {
                lastFrom = index;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }

    private static Optional<Instruction> last(List<Instruction> instructions, String keyword) {
        return instructions.stream()
                .filter(instruction -> instruction.is(keyword))
                .reduce((first, second) -> second);
    }

    /** Instructions with continuation lines joined; comments and blank lines dropped. */
    private static List<Instruction> instructions() {
        Path dockerfile = DEPLOY.resolve("Dockerfile");
        assertThat(Files.isRegularFile(dockerfile)).isTrue();
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : DeployFiles.read(dockerfile).lines().toList()) {
            String text = line.strip();
            if (text.startsWith("#") || (text.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continued = text.endsWith("\\");
            current.append(continued ? text.substring(0, text.length() - 1).strip() : text)
                    .append(' ');
            if (!continued) {
                String instruction = current.toString().strip();
                int space = instruction.indexOf(' ');
                instructions.add(new Instruction(
                        instruction.substring(0, space),
                        instruction.substring(space + 1).strip()));
                current.setLength(0);
            }
        }
        return instructions;
    }

    private record Instruction(String keyword, String arguments) {
        boolean is(String name) {
            return keyword.equalsIgnoreCase(name);
        }
    }
}
