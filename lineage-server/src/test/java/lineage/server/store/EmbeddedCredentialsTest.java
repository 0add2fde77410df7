package lineage.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCredentialsTest {
    @TempDir
    Path directory;

    @Test
    void createsARandomOwnerOnlyPasswordOnceAndReadsItAfterwards() throws IOException {
        Path file = directory.resolve("postgres.password");

        EmbeddedCredentials.Password created = EmbeddedCredentials.readOrCreatePassword(file);
        EmbeddedCredentials.Password read = EmbeddedCredentials.readOrCreatePassword(file);

        assertThat(created.created()).isTrue();
        assertThat(created.value()).matches("[A-Za-z0-9]{32}");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(read).isEqualTo(new EmbeddedCredentials.Password(created.value(), false));
        assertThat(EmbeddedCredentials.readOrCreatePassword(directory.resolve("other"))
                        .value())
                .isNotEqualTo(created.value());
    }

    @Test
    void tightensAPasswordFileOthersCanRead() throws IOException {
        Path file = directory.resolve("postgres.password");
        Files.writeString(file, "secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(EmbeddedCredentials.readOrCreatePassword(file).value()).isEqualTo("secret");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void refusesAnEmptyPasswordFile() throws IOException {
        Path file = directory.resolve("postgres.password");
        Files.writeString(file, "\n");

        assertThatThrownBy(() -> EmbeddedCredentials.readOrCreatePassword(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void rulesRequireAPasswordOnlyWhenEveryRuleAsksForOneOrRejects() throws IOException {
        Files.writeString(
                directory.resolve("pg_hba.conf"),
                "# TYPE DATABASE USER ADDRESS METHOD\n"
                        + "local all all scram-sha-256\n\n"
                        + "host all all 127.0.0.1/32 scram-sha-256 # comment\n"
                        + "host all all 0.0.0.0/0 reject\n");
        assertThat(EmbeddedCredentials.requiresPassword(directory)).isTrue();

        Files.writeString(
                directory.resolve("pg_hba.conf"),
                "local all all scram-sha-256\nhost replication all 127.0.0.1/32 trust\n");
        assertThat(EmbeddedCredentials.requiresPassword(directory)).isFalse();

        Files.writeString(directory.resolve("pg_hba.conf"), "host all all ::1/128 md5\n");
        assertThat(EmbeddedCredentials.requiresPassword(directory)).isFalse();
    }

    @Test
    void aLostPasswordLetsTheNextStartInWithoutOne() throws IOException {
        Files.writeString(directory.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 scram-sha-256\n");

        EmbeddedCredentials.allowWithoutPassword(directory);

        assertThat(EmbeddedCredentials.requiresPassword(directory)).isFalse();
        assertThat(Files.readString(directory.resolve("pg_hba.conf")))
                .contains("127.0.0.1/32  trust")
                .doesNotContain("0.0.0.0");
    }
}
