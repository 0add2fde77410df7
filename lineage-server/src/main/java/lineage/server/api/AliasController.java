package lineage.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.identity.Alias;
import lineage.server.identity.Aliases;
import lineage.server.identity.Identity;
import lineage.server.identity.Naming;
import lineage.server.ingest.EventLimits;
import lineage.server.ingest.EventParser;
import lineage.server.ingest.IdentitySplits;

/**
 * {@code /api/v1/aliases}: dataset identity as operators see it (docs/identity.md). Every alias in force — of
 * configuration, learned from Trino's query ids or {@code symlinks} facets, added by hand — with its origin and when it
 * was learned and merged.
 */
@Controller("/api/v1/aliases")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AliasController {
    private final Identity identity;
    private final IdentitySplits splits;

    public AliasController(Identity identity, IdentitySplits splits) {
        this.identity = identity;
        this.splits = splits;
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

    /**
     * Adds an operator's alias ({@code origin manual}): {@code {"alias": {"namespace", "name"}, "canonical":
     * {"namespace", "name"}}}, both names left out for a namespace alias. 201 when added (what is stored under the
     * alias is merged within a round), 200 when the two are one node already; 409 when the alias already stands for
     * another node; a veto of it is lifted.
     */
    @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<AliasAnswer> put(@Body @Nullable byte[] body) {
        JsonNode request = EventParser.readTree(body == null ? new byte[0] : body);
        if (!request.isObject()) {
            throw invalid(new FieldError("$", "must be an object with alias and canonical"));
        }
        Name alias = name(request.path("alias"), "alias");
        Name canonical = name(request.path("canonical"), "canonical");
        if (alias.name().isPresent() != canonical.name().isPresent()) {
            throw invalid(new FieldError(
                    "canonical.name", "alias and canonical both name a dataset, or both only a namespace"));
        }
        Aliases aliases = identity.aliases();
        Alias wanted;
        List<String> warnings = new ArrayList<>();
        if (alias.name().isEmpty()) {
            String from = Naming.namespace(alias.namespace());
            String to = aliases.namespace(canonical.namespace());
            if (aliases.namespace(from).equals(to)) {
                return HttpResponse.ok(new AliasAnswer(
                        AliasResponse.of(Alias.namespace(from, to, Alias.Origin.MANUAL, Optional.empty())),
                        false,
                        List.of("the two are one namespace already: " + to)));
            }
            conflict(from, "");
            wanted = Alias.namespace(from, to, Alias.Origin.MANUAL, Optional.of("PUT /api/v1/aliases"));
        } else {
            String fromNamespace = Naming.namespace(alias.namespace());
            Aliases.DatasetName from = new Aliases.DatasetName(
                    fromNamespace, Naming.name(fromNamespace, alias.name().get()));
            Aliases.DatasetName fromNode = aliases.dataset(from.namespace(), from.name());
            Aliases.DatasetName to =
                    aliases.dataset(canonical.namespace(), canonical.name().get());
            if (fromNode.equals(to)) {
                return HttpResponse.ok(new AliasAnswer(
                        AliasResponse.of(Alias.dataset(
                                from.namespace(),
                                from.name(),
                                to.namespace(),
                                to.name(),
                                Alias.Origin.MANUAL,
                                Optional.empty())),
                        false,
                        List.of("the two are one node already: " + to.namespace() + " " + to.name())));
            }
            conflict(from.namespace(), from.name());
            List<String> aliasWriters = identity.writers(fromNode.namespace(), fromNode.name());
            List<String> canonicalWriters = identity.writers(to.namespace(), to.name());
            if (!aliasWriters.isEmpty() && !canonicalWriters.isEmpty()) {
                warnings.add("both datasets are written by jobs of their own (alias: " + String.join(", ", aliasWriters)
                        + "; canonical: " + String.join(", ", canonicalWriters)
                        + "): they are one node now, with all those writers");
            }
            wanted = Alias.dataset(
                    from.namespace(),
                    from.name(),
                    to.namespace(),
                    to.name(),
                    Alias.Origin.MANUAL,
                    Optional.of("PUT /api/v1/aliases"));
        }
        identity.add(wanted);
        Alias stored = identity.stored().stream()
                .filter(row -> row.aliasNamespace().equals(wanted.aliasNamespace())
                        && row.aliasName().equals(wanted.aliasName()))
                .findFirst()
                .orElse(wanted);
        return HttpResponse.<AliasAnswer>status(HttpStatus.CREATED)
                .body(new AliasAnswer(AliasResponse.of(stored), true, warnings));
    }

    /**
     * Removes a learned or added alias ({@code ?namespace=&name=}, no name for a namespace alias) and vetoes it, so
     * that learning does not bring it back; the node is split again from the raw events ({@link IdentitySplits}).
     * Configuration's aliases are removed from configuration (409).
     */
    @Delete(produces = MediaType.APPLICATION_JSON)
    public AliasAnswer delete(@Nullable @QueryValue String namespace, @Nullable @QueryValue String name) {
        if (namespace == null || namespace.isBlank()) {
            throw Parameters.invalid("namespace", "is required: the alias's namespace");
        }
        String aliasNamespace = Naming.namespace(namespace);
        String aliasName = name == null || name.isBlank() ? "" : Naming.name(aliasNamespace, name);
        for (Alias alias : identity.aliases().all()) {
            boolean same = alias.aliasNamespace().equals(aliasNamespace)
                    && alias.aliasName().equals(aliasName);
            if (same && (alias.origin() == Alias.Origin.CONFIG || alias.origin() == Alias.Origin.CATALOG_MAPPING)) {
                throw new LineageException(
                        ErrorCode.ALIAS_CONFLICT,
                        "this alias is configuration's (origin "
                                + alias.origin().value() + "): remove it from the configuration and restart");
            }
        }
        IdentitySplits.Split split = splits.remove(aliasNamespace, aliasName)
                .orElseThrow(() -> new LineageException(
                        ErrorCode.ALIAS_NOT_FOUND,
                        "no learned or added alias " + aliasNamespace + (aliasName.isEmpty() ? "" : " " + aliasName)));
        return new AliasAnswer(
                AliasResponse.of(split.alias()),
                true,
                List.of("split: " + split.jobs() + " jobs and " + split.datasets() + " datasets projected again from "
                        + split.events() + " stored events; the alias is vetoed and will not be learned again"));
    }

    /** A namespace and, for a dataset, a name. */
    private record Name(String namespace, Optional<String> name) {}

    private static Name name(JsonNode node, String field) {
        if (!node.isObject()) {
            throw invalid(new FieldError(field, "is required: {\"namespace\": …, \"name\": …}"));
        }
        JsonNode namespace = node.path("namespace");
        if (!namespace.isTextual() || namespace.asText().isBlank()) {
            throw invalid(new FieldError(field + ".namespace", "is required and must be a non-empty string"));
        }
        JsonNode name = node.path("name");
        if (!name.isMissingNode()
                && !name.isNull()
                && (!name.isTextual() || name.asText().isBlank())) {
            throw invalid(new FieldError(field + ".name", "must be a non-empty string, or left out for a namespace"));
        }
        List<FieldError> errors = new ArrayList<>();
        EventLimits.checkTree(node, field, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors.get(0));
        }
        if (namespace.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > EventLimits.MAX_NAMESPACE_BYTES) {
            throw invalid(new FieldError(
                    field + ".namespace", "is longer than " + EventLimits.MAX_NAMESPACE_BYTES + " bytes"));
        }
        if (name.isTextual()
                && name.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        > EventLimits.MAX_NAME_BYTES) {
            throw invalid(new FieldError(field + ".name", "is longer than " + EventLimits.MAX_NAME_BYTES + " bytes"));
        }
        return new Name(namespace.asText(), name.isTextual() ? Optional.of(name.asText()) : Optional.empty());
    }

    /** A stored alias of the same name that stands for another node: 409. */
    private void conflict(String aliasNamespace, String aliasName) {
        for (Alias stored : identity.stored()) {
            if (stored.aliasNamespace().equals(aliasNamespace)
                    && stored.aliasName().equals(aliasName)) {
                throw new LineageException(
                        ErrorCode.ALIAS_CONFLICT,
                        "this name is already an alias of " + stored.canonicalNamespace()
                                + (stored.canonicalName().isEmpty() ? "" : " " + stored.canonicalName())
                                + " (origin " + stored.origin().value() + "): DELETE it first");
            }
        }
    }

    private static LineageException invalid(FieldError error) {
        return new LineageException(ErrorCode.INVALID_ALIAS, error.field() + " " + error.message(), List.of(error));
    }
}
