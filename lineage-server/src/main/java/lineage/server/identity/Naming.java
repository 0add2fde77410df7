package lineage.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Dataset and job identities spelled as the OpenLineage naming spec (https://openlineage.io/docs/spec/naming) writes
 * them, so that one data source that producers spell differently ({@code jdbc:postgresql://DB.example.com/} and
 * {@code postgres://db.example.com:5432}) is one namespace, and each of its datasets one name. {@code
 * docs/identity.md} ("Naming rules") lists every rule with its source, and what is deliberately left alone.
 *
 * <p>Both methods are pure and thread-safe, and never throw on odd input: a namespace that does not parse comes back
 * unchanged. So does a canonical one, as the same instance: they run for every dataset of every event, so the
 * canonical case allocates nothing.
 */
public final class Naming {
    /** How a scheme's namespace writes its authority. */
    private enum Authority {
        /** {@code host[:port][,host[:port]…]}: hosts lower-cased, user info dropped, the default port made explicit. */
        HOSTS,
        /** A bucket, workspace or name node: user info dropped, the rest as written. */
        AS_WRITTEN,
        /** {@code container@account…}: kept whole, the container is not user info. */
        CONTAINER
    }

    /** How a scheme's dataset names are written. */
    private enum Names {
        AS_WRITTEN,
        /** Trino folds every identifier to lower case. */
        LOWER_CASE,
        /** An object key: no leading slash; the bucket's root is {@code /}. */
        OBJECT_KEY
    }

    /**
     * A scheme of the spec: its other spellings, its default port ("" when none is certain), and whether a namespace
     * with no authority is written {@code scheme} or {@code scheme:/path} ({@code file}, {@code dbfs}).
     */
    private record Scheme(
            String name,
            List<String> aliases,
            String defaultPort,
            Authority authority,
            boolean withoutAuthority,
            Names names) {}

    private record Spelling(String text, Scheme scheme) {}

    private static final Scheme OTHER = new Scheme("", List.of(), "", Authority.HOSTS, false, Names.AS_WRITTEN);
    private static final Scheme REDSHIFT = database("redshift", "5439");
    private static final Scheme SQLSERVER = database("sqlserver", "1433");
    private static final Scheme MSSQL = database("mssql", "1433");

    private static final List<Scheme> SCHEMES = List.of(
            database("postgres", "5432", "postgresql"),
            database("mysql", "3306"),
            REDSHIFT,
            SQLSERVER,
            MSSQL,
            database("oracle", "1521"),
            database("teradata", "1025"),
            database("cassandra", "9042"),
            database("crate", "5432"),
            database("oceanbase", "2881"),
            new Scheme("trino", List.of(), "", Authority.HOSTS, false, Names.LOWER_CASE),
            new Scheme("s3", List.of("s3a", "s3n"), "", Authority.AS_WRITTEN, false, Names.OBJECT_KEY),
            new Scheme("gs", List.of(), "", Authority.AS_WRITTEN, false, Names.OBJECT_KEY),
            new Scheme("abfss", List.of("abfs"), "", Authority.CONTAINER, false, Names.OBJECT_KEY),
            new Scheme("wasbs", List.of("wasb"), "", Authority.CONTAINER, false, Names.OBJECT_KEY),
            new Scheme("hdfs", List.of(), "", Authority.AS_WRITTEN, false, Names.AS_WRITTEN),
            new Scheme("dbfs", List.of(), "", Authority.AS_WRITTEN, true, Names.AS_WRITTEN),
            new Scheme("file", List.of(), "", Authority.HOSTS, true, Names.AS_WRITTEN));

    /** Each spelling of each scheme above: the lookup of every call walks an array, allocating nothing. */
    private static final Spelling[] SPELLINGS = SCHEMES.stream()
            .flatMap(scheme -> Stream.concat(Stream.of(scheme.name()), scheme.aliases().stream())
                    .map(text -> new Spelling(text, scheme)))
            .toArray(Spelling[]::new);

    private static final String[] REDSHIFT_DOMAINS = {".redshift.amazonaws.com", ".redshift-serverless.amazonaws.com"};

    private Naming() {}

    /**
     * The dataset or job namespace as the naming spec writes it; a namespace that is not a URI ({@code default},
     * {@code airflow-prod}) is returned unchanged.
     */
    public static String namespace(String namespace) {
        requireNonNull(namespace, "namespace is null");
        int start = namespace.regionMatches(true, 0, "jdbc:", 0, 5) ? 5 : 0;
        int separator = namespace.indexOf("://", start);
        if (separator < 0) {
            return withoutAuthority(namespace);
        }
        if (!isScheme(namespace, start, separator)) {
            return namespace;
        }
        Scheme scheme = scheme(namespace, start, separator);
        int authorityEnd = indexOfAny(namespace, separator + 3, "/?#");
        int hostsStart = hostsStart(namespace, separator + 3, authorityEnd, scheme);
        int pathEnd = withoutTrailingSlashes(namespace, authorityEnd, indexOfAny(namespace, authorityEnd, "?#"));
        Rewrite rewrite = new Rewrite(namespace);
        writeScheme(rewrite, namespace, start, separator, scheme);
        // Written without its authority, a path that starts with // would turn into one.
        boolean pathLikeAuthority = pathEnd > authorityEnd + 1 && namespace.startsWith("//", authorityEnd);
        if (hostsStart == authorityEnd && scheme.withoutAuthority() && !pathLikeAuthority) {
            writePath(rewrite, namespace, authorityEnd, pathEnd);
            return rewrite.result();
        }
        rewrite.write("://");
        if (!writeAuthority(rewrite, namespace, hostsStart, authorityEnd, scheme, pathEnd > authorityEnd)) {
            return namespace;
        }
        rewrite.write(namespace, authorityEnd, pathEnd);
        return rewrite.result();
    }

    /** The dataset name as the naming spec writes it, for a namespace already passed through namespace(). */
    public static String name(String namespace, String name) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        int separator = namespace.indexOf("://");
        if (separator < 0) {
            return name;
        }
        return switch (scheme(namespace, 0, separator).names()) {
            case AS_WRITTEN -> name;
            case LOWER_CASE -> lowerCase(name);
            case OBJECT_KEY -> objectKey(name);
        };
    }

    private static Scheme database(String name, String defaultPort, String... aliases) {
        return new Scheme(name, List.of(aliases), defaultPort, Authority.HOSTS, false, Names.AS_WRITTEN);
    }

    /** {@code file:/data/}, {@code file:} and {@code dbfs:/}: the forms the OpenLineage Java client writes. */
    private static String withoutAuthority(String namespace) {
        int colon = namespace.indexOf(':');
        if (colon < 1 || !isScheme(namespace, 0, colon)) {
            return namespace;
        }
        Scheme scheme = scheme(namespace, 0, colon);
        if (!scheme.withoutAuthority()) {
            return namespace;
        }
        int pathEnd = withoutTrailingSlashes(namespace, colon + 1, indexOfAny(namespace, colon + 1, "?#"));
        Rewrite rewrite = new Rewrite(namespace);
        rewrite.write(scheme.name());
        writePath(rewrite, namespace, colon + 1, pathEnd);
        return rewrite.result();
    }

    private static void writeScheme(Rewrite rewrite, String text, int from, int to, Scheme scheme) {
        if (scheme == OTHER) {
            rewrite.writeLowerCase(text, from, to);
        } else {
            rewrite.write(scheme.name());
        }
    }

    /** {@code scheme:/path}, or the scheme alone when there is no path. */
    private static void writePath(Rewrite rewrite, String text, int from, int to) {
        if (to > from) {
            rewrite.write(":");
            rewrite.write(text, from, to);
        }
    }

    /** Where the authority's hosts start: after its user info, which is dropped (but a container is no user info). */
    private static int hostsStart(String text, int start, int end, Scheme scheme) {
        int at = text.lastIndexOf('@', end - 1);
        return at >= start && scheme.authority() != Authority.CONTAINER ? at + 1 : start;
    }

    private static boolean writeAuthority(
            Rewrite rewrite, String text, int hostsStart, int end, Scheme scheme, boolean hasPath) {
        if (scheme.authority() != Authority.HOSTS || hostsStart == end) {
            rewrite.write(text, hostsStart, end);
            return true;
        }
        // A SQL Server named instance (sqlserver://host/instance) listens on a port of its own, not on 1433.
        boolean namedInstance = hasPath && (scheme == SQLSERVER || scheme == MSSQL);
        String defaultPort = namedInstance ? "" : scheme.defaultPort();
        int from = hostsStart;
        while (true) {
            int to = text.indexOf(',', from);
            to = to < 0 || to > end ? end : to;
            if (!writeHostAndPort(rewrite, text, from, to, scheme, defaultPort)) {
                return false;
            }
            if (to == end) {
                return true;
            }
            rewrite.write(",");
            from = to + 1;
        }
    }

    private static boolean writeHostAndPort(
            Rewrite rewrite, String text, int from, int to, Scheme scheme, String defaultPort) {
        int hostEnd = hostEnd(text, from, to);
        if (hostEnd < 0) {
            return false;
        }
        if (scheme != REDSHIFT || !writeRedshiftCluster(rewrite, text, from, hostEnd)) {
            rewrite.writeLowerCase(text, from, hostEnd);
        }
        if (hostEnd >= to - 1) {
            if (!defaultPort.isEmpty()) {
                rewrite.write(":");
                rewrite.write(defaultPort);
            }
            return true;
        }
        return writePort(rewrite, text, hostEnd + 1, to);
    }

    /** A port of 0 to 65535, without leading zeros; false when the digits are no such port. */
    private static boolean writePort(Rewrite rewrite, String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            value = value * 10 + (c - '0');
            if (!isDigit(c) || value > 65535) {
                return false;
            }
        }
        int digits = from;
        while (digits < to - 1 && text.charAt(digits) == '0') {
            digits++;
        }
        rewrite.write(":");
        rewrite.write(text, digits, to);
        return true;
    }

    /**
     * Where the host that starts at {@code from} ends: at {@code to} or at the colon before its port. -1 when it is no
     * DNS name, IPv4 address or bracketed IPv6 address.
     */
    private static int hostEnd(String text, int from, int to) {
        int end = from;
        if (from < to && text.charAt(from) == '[') {
            end = text.indexOf(']', from);
            if (end < 0 || end >= to || end == from + 1) {
                return -1;
            }
            for (int i = from + 1; i < end; i++) {
                if (!isIpv6Character(text.charAt(i))) {
                    return -1;
                }
            }
            end++;
        } else {
            while (end < to && isHostCharacter(text.charAt(end))) {
                end++;
            }
            if (end == from) {
                return -1;
            }
        }
        return end == to || text.charAt(end) == ':' ? end : -1;
    }

    /**
     * The spec's {@code cluster.region} for a Redshift endpoint, {@code cluster.id.region.redshift.amazonaws.com}, as
     * Airflow's Redshift hook writes it; false when the host is no such endpoint.
     */
    private static boolean writeRedshiftCluster(Rewrite rewrite, String text, int from, int to) {
        for (String domain : REDSHIFT_DOMAINS) {
            int domainStart = to - domain.length();
            if (domainStart > from && text.regionMatches(true, domainStart, domain, 0, domain.length())) {
                int first = text.indexOf('.', from);
                int second = text.indexOf('.', first + 1);
                if (first > from
                        && second > first + 1
                        && domainStart > second + 1
                        && text.indexOf('.', second + 1) == domainStart) {
                    rewrite.writeLowerCase(text, from, first);
                    rewrite.writeLowerCase(text, second, domainStart);
                    return true;
                }
            }
        }
        return false;
    }

    private static String lowerCase(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals(name) ? name : lower;
    }

    private static String objectKey(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '/') {
            start++;
        }
        if (start == 0 || name.equals("/")) {
            return name;
        }
        return start == name.length() ? "/" : name.substring(start);
    }

    private static Scheme scheme(String text, int from, int to) {
        int length = to - from;
        for (Spelling spelling : SPELLINGS) {
            String candidate = spelling.text();
            if (candidate.length() == length && text.regionMatches(true, from, candidate, 0, length)) {
                return spelling.scheme();
            }
        }
        return OTHER;
    }

    /** RFC 3986: a letter, then letters, digits, {@code +}, {@code -} and {@code .}. */
    private static boolean isScheme(String text, int from, int to) {
        if (from >= to || !isAsciiLetter(text.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!isAsciiLetter(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Letters, digits, {@code -}, {@code .}, and {@code _} and {@code ~}, which real host names (Docker's) carry. */
    private static boolean isHostCharacter(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isIpv6Character(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The first of the stop characters from {@code from} on, or the end of the text. */
    private static int indexOfAny(String text, int from, String stops) {
        for (int i = from; i < text.length(); i++) {
            if (stops.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static int withoutTrailingSlashes(String text, int from, int to) {
        int end = to;
        while (end > from && text.charAt(end - 1) == '/') {
            end--;
        }
        return end;
    }

    /**
     * Writes a canonical form piece by piece, copying nothing while the pieces match the input: a canonical input
     * comes back as itself.
     */
    private static final class Rewrite {
        private final String input;
        /** While {@code output} is null, what was written is {@code input}'s first {@code matched} characters. */
        private int matched;

        private StringBuilder output;

        Rewrite(String input) {
            this.input = input;
        }

        void write(String text) {
            write(text, 0, text.length());
        }

        void write(String text, int from, int to) {
            int length = to - from;
            if (output == null) {
                if ((text == input && from == matched) || text.regionMatches(from, input, matched, length)) {
                    matched += length;
                    return;
                }
                diverge();
            }
            output.append(text, from, to);
        }

        /** Writes ASCII text lower-cased. */
        void writeLowerCase(String text, int from, int to) {
            if (output == null) {
                if (!hasUpperCase(text, from, to) && text.regionMatches(from, input, matched, to - from)) {
                    matched += to - from;
                    return;
                }
                diverge();
            }
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                output.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }

        String result() {
            if (output != null) {
                return output.toString();
            }
            return matched == input.length() ? input : input.substring(0, matched);
        }

        private void diverge() {
            output = new StringBuilder(input.length() + 8).append(input, 0, matched);
        }

        private static boolean hasUpperCase(String text, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    return true;
                }
            }
            return false;
        }
    }
}
