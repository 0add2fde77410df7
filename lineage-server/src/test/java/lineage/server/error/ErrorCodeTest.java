package lineage.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    @Test
    void eachCodeHasATitleOfItsOwnAndAnErrorStatus() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::title)).doesNotHaveDuplicates();
        assertThat(ErrorCode.values())
                .allSatisfy(code -> assertThat(code.status()).isBetween(400, 599));
    }
}
