package lineage.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path directory;

    @Test
    void batchesComeBackInTheOrderTheyWereWrittenAlsoAfterARestart() throws IOException {
        Spool spool = new Spool(directory, 1024 * 1024);
        for (int batch = 0; batch < 50; batch++) {
            assertThat(spool.append(List.of("{\"n\":" + batch + "}", "{\"m\":" + batch + "}")))
                    .isTrue();
        }

        Spool reopened = new Spool(directory, 1024 * 1024);
        assertThat(reopened.fileCount()).isEqualTo(50);
        for (int batch = 0; batch < 50; batch++) {
            Spool.Batch oldest = reopened.oldest().orElseThrow();
            assertThat(oldest.events()).containsExactly("{\"n\":" + batch + "}", "{\"m\":" + batch + "}");
            reopened.remove(oldest);
        }
        assertThat(reopened.isEmpty()).isTrue();
        assertThat(reopened.oldest()).isEmpty();
    }

    @Test
    void aBatchThatWouldPassTheMaximumSizeIsRefusedWhole() throws IOException {
        Spool spool = new Spool(directory, 20);

        assertThat(spool.append(List.of("{\"a\":1}", "{\"b\":2}"))).isTrue();
        assertThat(spool.append(List.of("{\"c\":3}"))).isFalse();
        spool.remove(spool.oldest().orElseThrow());
        assertThat(spool.append(List.of("{\"c\":3}"))).isTrue();
    }

    @Test
    void rejectsANonPositiveMaximum() {
        assertThatThrownBy(() -> new Spool(directory, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid maximum spool size: 0");
    }
}
