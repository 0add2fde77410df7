package lineage.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of the embedded PostgreSQL and the {@code pg_hba.conf} that requires it. The password lives in a file
 * only its owner may read; PostgreSQL asks every connection, local socket or TCP, for it (SCRAM-SHA-256), so a user on
 * the host cannot bypass the service's API keys by connecting to the database directly.
 */
final class EmbeddedCredentials {
    static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCredentials.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PASSWORD_LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL_PAUSE = Duration.ofMillis(20);
    private static final String SECURED_METHOD = "scram-sha-256";
    private static final String SECURED_RULES =
            "# Written by lineage-server: every connection needs the password in the"
                    + " data directory's postgres.password.\n"
                    + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                    + "local   all       all                 scram-sha-256\n"
                    + "host    all       all   127.0.0.1/32  scram-sha-256\n"
                    + "host    all       all   ::1/128       scram-sha-256\n";
    private static final String BOOTSTRAP_RULES = "# Written by lineage-server for one start: a new password is being"
            + " set.\n"
            + "local   all       all                 trust\n"
            + "host    all       all   127.0.0.1/32  trust\n"
            + "host    all       all   ::1/128       trust\n";

    private EmbeddedCredentials() {}

    /** The password in the file; a new random one, written owner-readable only, when the file is missing. */
    static Password readOrCreatePassword(Path file) {
        try {
            if (Files.exists(file)) {
                restrictToOwner(file);
                String password = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (password.isEmpty()) {
                    throw new IllegalStateException("the embedded PostgreSQL's password file " + file + " is empty");
                }
                return new Password(password, false);
            }
            String password = generate();
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            createOwnerOnly(temporary);
            Files.writeString(temporary, password, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return new Password(password, true);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read or create the password file " + file, exception);
        }
    }

    /** Whether every rule of the data directory's {@code pg_hba.conf} asks for a password (or rejects). */
    static boolean requiresPassword(Path postgresData) {
        Path rules = postgresData.resolve("pg_hba.conf");
        try {
            List<String> lines = Files.readAllLines(rules, StandardCharsets.UTF_8);
            return lines.stream()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .allMatch(line -> line.endsWith(SECURED_METHOD) || line.endsWith("reject"));
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + rules, exception);
        }
    }

    /**
     * Lets local connections in without a password for the next start, so that a new password can be set: for a
     * password file that went missing while PostgreSQL already required the old password.
     */
    static void allowWithoutPassword(Path postgresData) {
        LOG.warn("The embedded PostgreSQL's password file is new but its data requires a password: setting a new one");
        writeRules(postgresData, BOOTSTRAP_RULES);
    }

    /**
     * Sets the password for the {@code postgres} role, then requires it of every connection: rewrites
     * {@code pg_hba.conf}, reloads it and waits until a connection without the password is refused.
     */
    static void requirePassword(Path postgresData, int port, String password) {
        String url = url(port);
        try (Connection connection = DriverManager.getConnection(url, USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + USER + " WITH PASSWORD '" + password.replace("'", "''") + "'");
            writeRules(postgresData, SECURED_RULES);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException exception) {
            throw new IllegalStateException("cannot set the embedded PostgreSQL's password", exception);
        }
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (acceptsWithoutPassword(url)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the embedded PostgreSQL still accepts connections without a password after " + RELOAD_WAIT);
            }
            LockSupport.parkNanos(POLL_PAUSE.toNanos());
        }
        LOG.info("The embedded PostgreSQL now requires its password for every connection");
    }

    static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static boolean acceptsWithoutPassword(String url) {
        try (Connection connection = DriverManager.getConnection(url, USER, "")) {
            return connection.isValid(1);
        } catch (SQLException refused) {
            return false;
        }
    }

    private static void writeRules(Path postgresData, String rules) {
        Path file = postgresData.resolve("pg_hba.conf");
        Path temporary = postgresData.resolve("pg_hba.conf.new");
        try {
            Files.deleteIfExists(temporary);
            createOwnerOnly(temporary);
            Files.writeString(temporary, rules, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot write " + file, exception);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int index = 0; index < PASSWORD_LENGTH; index++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (isPosix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("{} was readable by others than its owner: now owner-only (0600)", file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A password, and whether it was generated now (no password file existed). */
    record Password(String value, boolean created) {
        Password {
            Objects.requireNonNull(value, "value is null");
        }
    }
}
