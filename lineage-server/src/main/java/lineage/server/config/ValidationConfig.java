package lineage.server.config;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How arriving OpenLineage events are checked beyond the envelope ({@code lineage.validation.*}).
 *
 * @param facets what happens to a standard facet that breaks the spec's JSON schema: {@code reject} the event (422,
 *     the default), {@code drop} the facet and keep the event (the answer says which), or {@code off} (no check)
 */
@Context // an unknown value stops the start, rather than the first event
@ConfigurationProperties("lineage.validation")
public record ValidationConfig(@Bindable(defaultValue = "reject") String facets) {
    public ValidationConfig {
        requireNonNull(facets, "facets is null");
        FacetValidation.of(facets);
    }

    /** The {@code facets} setting. */
    public FacetValidation facetValidation() {
        return FacetValidation.of(facets);
    }

    /** What a facet that breaks its schema costs. */
    public enum FacetValidation {
        REJECT,
        DROP,
        OFF;

        /** The mode a setting names, in any case; an {@code IllegalArgumentException} naming it for another value. */
        static FacetValidation of(String setting) {
            for (FacetValidation mode : values()) {
                if (mode.name().equalsIgnoreCase(setting.strip())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException(
                    "lineage.validation.facets must be reject, drop or off: '" + setting + "'");
        }
    }
}
