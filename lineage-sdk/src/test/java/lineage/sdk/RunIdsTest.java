package lineage.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunIdsTest {
    @Test
    void runIdsAreUniqueTimeOrderedVersion7Uuids() {
        long before = System.currentTimeMillis();
        Set<UUID> ids = new HashSet<>();
        for (int index = 0; index < 100_000; index++) {
            UUID id = LineageEmitter.newRunId();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id);
        }
        long after = System.currentTimeMillis();

        assertThat(ids).hasSize(100_000);
        long millis = LineageEmitter.newRunId().getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after + 1000);
    }
}
