package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import lineage.server.domain.DomainRollup;

/** A domain: its owner and contact when configured, and how many datasets and jobs it has. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DomainResponse(String name, @Nullable String owner, @Nullable String contact, long datasets, long jobs) {
    static DomainResponse of(DomainRollup.DomainSummary summary) {
        return new DomainResponse(
                summary.domain().name(),
                summary.domain().owner().orElse(null),
                summary.domain().contact().orElse(null),
                summary.datasets(),
                summary.jobs());
    }
}
