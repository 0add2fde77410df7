package lineage.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import lineage.server.config.ValidationConfig.FacetValidation;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;

/** {@link ValidationConfig}: {@code reject} by default, each value of {@code lineage.validation.facets}, and a refusal. */
class ValidationConfigIT {
    @Test
    void facetsAreRejectedByDefault() {
        try (ApplicationContext context = ApplicationContext.run(properties())) {
            assertThat(context.getBean(ValidationConfig.class).facetValidation())
                    .isEqualTo(FacetValidation.REJECT);
        }
    }

    @Test
    void mapsEachValueWrittenAsTheDocsWriteIt() {
        for (String value : new String[] {"reject", "drop", "off", "DROP"}) {
            Map<String, Object> properties = properties();
            properties.put("lineage.validation.facets", value);
            try (ApplicationContext context = ApplicationContext.run(properties)) {
                assertThat(context.getBean(ValidationConfig.class)
                                .facetValidation()
                                .name())
                        .isEqualTo(value.toUpperCase(Locale.ROOT));
            }
        }
    }

    @Test
    void anUnknownValueStopsTheServersStart() {
        Map<String, Object> properties = properties();
        properties.put("lineage.validation.facets", "warn");
        properties.put("micronaut.server.port", -1);
        assertThatThrownBy(() ->
                        ApplicationContext.run(EmbeddedServer.class, properties).close())
                .hasStackTraceContaining("lineage.validation.facets must be reject, drop or off: 'warn'");
    }

    @Test
    void theModeIsRequiredAndKnown() {
        assertThatThrownBy(() -> new ValidationConfig(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("facets is null");
        assertThatThrownBy(() -> new ValidationConfig(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.validation.facets must be reject, drop or off: ''");
    }

    private static Map<String, Object> properties() {
        return new HashMap<>(TestingDatabase.properties());
    }
}
