package lineage.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    @Test
    void eachCodeHasATitleOfItsOwnAndAnErrorStatus() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::title)).doesNotHaveDuplicates();
        assertThat(ErrorCode.values())
                .allSatisfy(code -> assertThat(code.status()).isBetween(400, 599));
    }

    @Test
    void theApiDocumentationListsEveryCode() throws IOException {
        String api = Files.readString(Path.of("..", "docs", "api.md"));
        assertThat(ErrorCode.values())
                .allSatisfy(code -> assertThat(api).as("docs/api.md").contains("`" + code.name() + "`"));
    }
}
