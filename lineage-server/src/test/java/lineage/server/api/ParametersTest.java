package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import org.junit.jupiter.api.Test;

/** {@link Parameters}: text no name can hold, and the accepted range of times. */
class ParametersTest {
    @Test
    void refusesNulAndUnpairedSurrogatesAndKeepsPairs() {
        assertThatCode(() -> Parameters.checkText("q", "caf\u00e9 \ud83d\ude00 \ufffd"))
                .doesNotThrowAnyException();
        assertRefused("a\u0000b", "must not contain the NUL character");
        assertRefused("a\ud800b", "must not contain half of a UTF-16 surrogate pair");
        assertRefused("a\udc00", "must not contain half of a UTF-16 surrogate pair");
        assertRefused("\ud83d", "must not contain half of a UTF-16 surrogate pair");
    }

    @Test
    void acceptsTimesFrom1900ToTheEndOf9999() {
        assertThat(Parameters.instant("asOf", "1900-01-01T00:00:00Z")).contains(Instant.parse("1900-01-01T00:00:00Z"));
        assertThat(Parameters.instant("asOf", "9999-12-31T23:59:59Z")).contains(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(Parameters.instant("asOf", "1900-01-01T01:00:00+01:00")).isPresent();
        for (String outside : new String[] {
            "1899-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z"
        }) {
            assertThatThrownBy(() -> Parameters.instant("asOf", outside))
                    .as(outside)
                    .isInstanceOf(LineageException.class)
                    .hasMessage("asOf must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
    }

    private static void assertRefused(String value, String message) {
        assertThatThrownBy(() -> Parameters.checkText("q", value))
                .isInstanceOfSatisfying(LineageException.class, refusal -> assertThat(refusal.code())
                        .isEqualTo(ErrorCode.INVALID_PARAMETER))
                .hasMessage("q " + message);
    }
}
