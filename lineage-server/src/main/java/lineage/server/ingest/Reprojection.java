package lineage.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import lineage.server.error.LineageException;
import lineage.server.identity.Alias;
import lineage.server.identity.Aliases;
import lineage.server.identity.Identity;
import lineage.server.store.Reprojections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction of a split ({@link IdentitySplits}): the alias removed and vetoed, the scope's rows cleared, its
 * events projected again with the aliases that remain, what was kept put back.
 */
@Singleton
public class Reprojection {
    private static final Logger LOG = LoggerFactory.getLogger(Reprojection.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Identity identity;
    private final Reprojections store;
    private final IncomingEvents incoming;
    private final EventWriter writer;

    public Reprojection(Identity identity, Reprojections store, IncomingEvents incoming, EventWriter writer) {
        this.identity = identity;
        this.store = store;
        this.incoming = incoming;
        this.writer = writer;
    }

    /** Removes and vetoes the alias and projects its node again; empty when there is no such stored alias. */
    @Transactional
    public Optional<IdentitySplits.Split> split(String aliasNamespace, String aliasName) {
        Aliases before = identity.aliases();
        Optional<Alias> removed = identity.remove(aliasNamespace, aliasName);
        return removed.map(alias -> reproject(alias, before));
    }

    private IdentitySplits.Split reproject(Alias alias, Aliases before) {
        List<Reprojections.Node> datasets = new ArrayList<>(
                store.datasets(alias.canonicalNamespace(), alias.isNamespace() ? "" : alias.canonicalName()));
        Set<Long> datasetIds = new TreeSet<>();
        datasets.forEach(dataset -> datasetIds.add(dataset.id()));
        Set<Long> jobIds = new TreeSet<>();
        Set<String> jobKeys = new LinkedHashSet<>();
        List<Reprojections.Node> jobs = new ArrayList<>(store.jobsTouching(datasetIds));
        if (alias.isNamespace()) {
            jobs.addAll(store.jobsOf(alias.canonicalNamespace()));
        }
        Set<String> jobNames = new TreeSet<>();
        for (Reprojections.Node job : jobs) {
            jobIds.add(job.id());
            jobKeys.add(job.namespace() + "\n" + job.name());
            jobNames.add(job.name());
        }
        // The log names a job as it was resolved when the event arrived: resolving it again with the aliases before
        // the split finds every event of the jobs in scope.
        TreeSet<Long> events = new TreeSet<>();
        for (Reprojections.LoggedEvent event : store.eventsOfJobsNamed(jobNames)) {
            if (jobKeys.contains(before.namespace(event.jobNamespace()) + "\n" + event.jobName())) {
                events.add(event.id());
            }
        }
        for (Reprojections.LoggedDatasetEvent event : store.datasetEvents()) {
            if (event.namespace() == null || event.name() == null) {
                continue;
            }
            Aliases.DatasetName named = before.dataset(event.namespace(), event.name());
            boolean inScope = alias.isNamespace()
                    ? named.namespace().equals(alias.canonicalNamespace())
                    : named.namespace().equals(alias.canonicalNamespace())
                            && named.name().equals(alias.canonicalName());
            if (inScope) {
                events.add(event.id());
            }
        }
        store.clear(jobIds, datasetIds);
        for (long event : events) {
            try {
                writer.projectAgain(incoming.stored(JSON.readTree(store.payload(event))));
            } catch (JsonProcessingException | LineageException failure) {
                // It was projected before; if it no longer can be (a limit now broken), the split leaves it out.
                LOG.warn("Event {} could not be projected again while splitting: {}", event, failure.getMessage());
            }
        }
        store.restore();
        LOG.info(
                "Split {}{} from {}{}: {} jobs and {} datasets projected again from {} events",
                alias.aliasNamespace(),
                alias.isNamespace() ? "" : " " + alias.aliasName(),
                alias.canonicalNamespace(),
                alias.isNamespace() ? "" : " " + alias.canonicalName(),
                jobIds.size(),
                datasetIds.size(),
                events.size());
        return new IdentitySplits.Split(alias, jobIds.size(), datasetIds.size(), events.size());
    }
}
