package lineage.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One run of the {@code lineage} command in this JVM: its exit code and what it printed. */
public record LineageCliRun(int exitCode, String out, String err) {
    public static LineageCliRun run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    /** A run reading {@code in} as its standard input. */
    public static LineageCliRun run(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = new LineageCli(outStream, errStream, in, Map.of(), false).run(args);
        }
        return new LineageCliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
