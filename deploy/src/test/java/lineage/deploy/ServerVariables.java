package lineage.deploy;

import static lineage.deploy.DeployFiles.DEPLOY;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables the server reads, so a deployment cannot set one that nothing reads (a typo). */
final class ServerVariables {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(LINEAGE_[A-Z_]+)");

    private ServerVariables() {}

    static Set<String> all() {
        Set<String> variables = new LinkedHashSet<>();
        for (String resource : List.of("application.yml", "logback.xml")) {
            Matcher placeholders = PLACEHOLDER.matcher(
                    DeployFiles.read(DEPLOY.resolveSibling("lineage-server/src/main/resources/" + resource)));
            while (placeholders.find()) {
                variables.add(placeholders.group(1));
            }
        }
        // Read by EmbeddedDatabase before Micronaut starts, and by the image's entrypoint.
        variables.add("LINEAGE_DATA_DIR");
        variables.add("LINEAGE_EMBEDDED_DB_PORT");
        variables.add("LINEAGE_JAVA_OPTS");
        return variables;
    }
}
