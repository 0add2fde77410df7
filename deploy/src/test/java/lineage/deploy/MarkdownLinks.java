package lineage.deploy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The relative links of Markdown files, and the anchors GitHub gives their headings. A link is checked as GitHub
 * resolves it: its path from the linking file's folder (or from the repository root when it starts with {@code /}),
 * its {@code #anchor} against the slugs of the target file's headings. Links with a scheme ({@code https:},
 * {@code mailto:}) and anything inside code are not links to check.
 */
final class MarkdownLinks {
    /** The {@code ](target)} end of an inline link or image; the text before it may span lines. */
    private static final Pattern INLINE = Pattern.compile("\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s+(.*?))?(?:\\s+#+)?\\s*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern HTML_ID = Pattern.compile("<a\\s[^>]*(?:name|id)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(?:-L\\d+)?");
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules");

    private MarkdownLinks() {}

    /** A link as written: the file and 1-based line it is on, and its target. */
    record Link(Path file, int line, String target) {
        Link {
            requireNonNull(file, "file is null");
            requireNonNull(target, "target is null");
        }
    }

    /**
     * Every Markdown file under the root, in path order, except build output ({@code target}, {@code node_modules}),
     * hidden folders and the embedded database's {@code data} folder at the root.
     */
    static List<Path> files(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(".md"))
                    .filter(Files::isRegularFile)
                    .filter(path -> !skipped(root.relativize(path)))
                    .sorted()
                    .toList();
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot list " + root, exception);
        }
    }

    private static boolean skipped(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String name = relative.getName(i).toString();
            if (name.startsWith(".") || SKIPPED_FOLDERS.contains(name) || (i == 0 && name.equals("data"))) {
                return true;
            }
        }
        return false;
    }

    /** Each broken link of the files as {@code file:line: (target) reason}, file relative to the root; in order. */
    static List<String> problems(Path root, List<Path> files) {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (Link link : links(file)) {
                problem(root, link, anchors)
                        .ifPresent(reason -> problems.add(
                                "%s:%d: (%s) %s".formatted(root.relativize(file), link.line(), link.target(), reason)));
            }
        }
        return problems;
    }

    private static Optional<String> problem(Path root, Link link, Map<Path, Set<String>> anchors) {
        String target = link.target();
        if (target.isEmpty() || SCHEME.matcher(target).find() || target.startsWith("//")) {
            return Optional.empty();
        }
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved = path.isEmpty()
                ? link.file()
                : (path.startsWith("/")
                                ? root.resolve(path.substring(1))
                                : link.file().resolveSibling(path))
                        .normalize();
        if (!resolved.startsWith(root)) {
            return Optional.of("points outside the repository");
        }
        if (!Files.exists(resolved)) {
            return Optional.of("no such file: " + root.relativize(resolved));
        }
        if (anchor.isEmpty()) {
            return Optional.empty();
        }
        if (!resolved.toString().endsWith(".md")) {
            return LINE_ANCHOR.matcher(anchor).matches()
                    ? Optional.empty()
                    : Optional.of("an anchor into a file that is not Markdown");
        }
        Set<String> known = anchors.computeIfAbsent(resolved, MarkdownLinks::anchors);
        String decoded = URLDecoder.decode(anchor, StandardCharsets.UTF_8);
        return known.contains(decoded)
                ? Optional.empty()
                : Optional.of("no heading #" + decoded + " in " + root.relativize(resolved));
    }

    /** The links of a file outside code blocks and code spans, in order. */
    static List<Link> links(Path file) {
        List<Link> links = new ArrayList<>();
        List<String> lines = outsideCodeBlocks(DeployFiles.read(file));
        for (int i = 0; i < lines.size(); i++) {
            String line = CODE_SPAN.matcher(lines.get(i)).replaceAll("");
            Matcher definition = DEFINITION.matcher(line);
            if (definition.matches()) {
                links.add(new Link(file, i + 1, definition.group(1)));
                continue;
            }
            Matcher inline = INLINE.matcher(line);
            while (inline.find()) {
                links.add(new Link(file, i + 1, inline.group(1)));
            }
        }
        return links;
    }

    /** The anchors of a Markdown file: its headings' GitHub slugs (repeats numbered) and explicit HTML ids. */
    static Set<String> anchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        List<String> lines = outsideCodeBlocks(DeployFiles.read(file));
        for (int i = 0; i < lines.size(); i++) {
            heading(lines, i).ifPresent(text -> {
                String slug = slug(text);
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            });
            Matcher id = HTML_ID.matcher(lines.get(i));
            while (id.find()) {
                anchors.add(id.group(1));
            }
        }
        return anchors;
    }

    private static Optional<String> heading(List<String> lines, int index) {
        String line = lines.get(index);
        Matcher atx = ATX_HEADING.matcher(line);
        if (atx.matches()) {
            return Optional.of(atx.group(1) == null ? "" : atx.group(1));
        }
        boolean underlined = index + 1 < lines.size()
                && SETEXT_UNDERLINE.matcher(lines.get(index + 1)).matches()
                && !line.isBlank()
                && !line.contains("|");
        return underlined ? Optional.of(line.strip()) : Optional.empty();
    }

    /**
     * The anchor GitHub gives a heading: its rendered text lower-cased, everything but letters, digits, marks,
     * {@code -}, {@code _} and spaces dropped, each space a hyphen.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .replaceAll("<[^>]+>", "")
                .replace("`", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            if (codePoint == ' ') {
                slug.append('-');
            } else if (Character.isLetterOrDigit(codePoint)
                    || codePoint == '-'
                    || codePoint == '_'
                    || isMark(codePoint)) {
                slug.appendCodePoint(codePoint);
            }
        });
        return slug.toString();
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** The lines of a Markdown text with its fenced code blocks blanked, so that line numbers stay. */
    static List<String> outsideCodeBlocks(String text) {
        List<String> lines = new ArrayList<>();
        String fence = "";
        for (String line : text.split("\n", -1)) {
            Matcher opening = FENCE.matcher(line);
            if (fence.isEmpty() && opening.find()) {
                fence = opening.group(1);
                lines.add("");
            } else if (!fence.isEmpty()) {
                if (closes(line, fence)) {
                    fence = "";
                }
                lines.add("");
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Whether the line closes a block opened by the fence: the same character, at least as many, nothing else. */
    private static boolean closes(String line, String fence) {
        String stripped = line.strip();
        return stripped.length() >= fence.length()
                && stripped.chars().allMatch(character -> character == fence.charAt(0));
    }
}
