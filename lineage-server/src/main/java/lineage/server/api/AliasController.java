package lineage.server.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lineage.server.identity.Alias;
import lineage.server.identity.Identity;

/**
 * {@code /api/v1/aliases}: dataset identity as operators see it (docs/identity.md). Every alias in force — of
 * configuration, learned from Trino's query ids or {@code symlinks} facets, added by hand — with its origin and when it
 * was learned and merged.
 */
@Controller("/api/v1/aliases")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AliasController {
    private final Identity identity;

    public AliasController(Identity identity) {
        this.identity = identity;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public AliasesResponse list() {
        Map<String, Alias> stored = new HashMap<>();
        for (Alias alias : identity.stored()) {
            stored.put(alias.aliasNamespace() + "\n" + alias.aliasName(), alias);
        }
        List<AliasResponse> aliases = new ArrayList<>();
        for (Alias alias : identity.reload().all()) {
            Alias shown = stored.getOrDefault(alias.aliasNamespace() + "\n" + alias.aliasName(), alias);
            aliases.add(AliasResponse.of(shown));
        }
        return new AliasesResponse(aliases, aliases.size());
    }
}
