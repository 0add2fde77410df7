package lineage.deploy;

import static lineage.deploy.DeployFiles.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link and anchor of the repository's Markdown (README, docs/, the modules' READMEs) resolves. */
class MarkdownLinksTest {
    private static final Path ROOT = DEPLOY.getParent();

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<Path> files = MarkdownLinks.files(ROOT);

        assertThat(files)
                .extracting(file -> ROOT.relativize(file).toString())
                .contains("README.md", "docs/api.md", "docs/benchmarks.md", "deploy/local/README.md");
        assertThat(MarkdownLinks.problems(ROOT, files))
                .as("broken links (file:line: (link) why)")
                .isEmpty();
    }

    @Test
    void slugsAreGitHubs() {
        assertThat(MarkdownLinks.slug("Concurrency model")).isEqualTo("concurrency-model");
        assertThat(MarkdownLinks.slug("Both event listeners, `POST /api/v1/trino/events`"))
                .isEqualTo("both-event-listeners-post-apiv1trinoevents");
        assertThat(MarkdownLinks.slug("Configuration (`lineage-server/src/main/resources/application.yml`)"))
                .isEqualTo("configuration-lineage-serversrcmainresourcesapplicationyml");
        assertThat(MarkdownLinks.slug("The latest: 2026-12-01, 15:16–16:15 UTC"))
                .isEqualTo("the-latest-2026-12-01-15161615-utc");
        assertThat(MarkdownLinks.slug("Set-up: two commands")).isEqualTo("set-up-two-commands");
        assertThat(MarkdownLinks.slug("A [linked](x.md) heading_name")).isEqualTo("a-linked-heading_name");
    }

    @Test
    void repeatedHeadingsAreNumberedAndCodeBlocksHaveNone(@TempDir Path folder) throws IOException {
        Path file = write(folder, "a.md", "# Title\n## Run\n## Run\n```sh\n# not a heading\n```\nOther\n---\n");

        assertThat(MarkdownLinks.anchors(file)).containsExactly("title", "run", "run-1", "other");
    }

    @Test
    void namesTheFileLineAndLinkOfEachBrokenOne(@TempDir Path folder) throws IOException {
        write(folder, "docs/b.md", "# B\n## Kept heading\n");
        write(folder, "docs/ok.png", "");
        Path file = write(
                folder,
                "docs/a.md",
                """
                # A
                [fine](b.md#kept-heading), [image
                text](ok.png), [same file](#a), [web](https://example.com/x), `[code](missing.md)`
                [gone](missing.md) and [no anchor](b.md#lost)
                ```
                [in a block](missing.md)
                ```
                [root](/README.md), [up](../../outside.md)
                [ref]: b.md#nowhere
                """);

        assertThat(MarkdownLinks.problems(folder, List.of(file)))
                .containsExactly(
                        "docs/a.md:4: (missing.md) no such file: docs/missing.md",
                        "docs/a.md:4: (b.md#lost) no heading #lost in docs/b.md",
                        "docs/a.md:8: (/README.md) no such file: README.md",
                        "docs/a.md:8: (../../outside.md) points outside the repository",
                        "docs/a.md:9: (b.md#nowhere) no heading #nowhere in docs/b.md");
    }

    private static Path write(Path folder, String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
