package lineage.server.config;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

/**
 * How arriving OpenLineage events are checked beyond the envelope ({@code lineage.validation.*}).
 *
 * @param facets what happens to a standard facet that breaks the spec's JSON schema: {@code reject} the event (422,
 *     the default), {@code drop} the facet and keep the event (the answer says which), or {@code off} (no check)
 */
@ConfigurationProperties("lineage.validation")
public record ValidationConfig(@Bindable(defaultValue = "reject") @NotNull FacetValidation facets) {
    public ValidationConfig {
        requireNonNull(facets, "facets is null");
    }

    /** What a facet that breaks its schema costs. */
    public enum FacetValidation {
        REJECT,
        DROP,
        OFF
    }
}
