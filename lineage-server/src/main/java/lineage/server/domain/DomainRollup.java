package lineage.server.domain;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lineage.server.graph.LineageGraph;
import lineage.server.graph.SkippedNodes;
import lineage.server.model.NodeId;
import lineage.server.store.NodeDetailsReader;

/**
 * The data mesh at the level of domains: how many datasets and jobs each holds, and which domain feeds which. A
 * dataset is in its {@link Domains domain}; a job is in the domains of the datasets it writes (a read-only job, in
 * those it reads). Every input → job → output path is one edge from the input's domain to the output's.
 */
@Singleton
public class DomainRollup {
    private final Domains domains;
    private final LineageGraph graph;
    private final NodeDetailsReader reader;
    private final SkippedNodes skipped;

    public DomainRollup(Domains domains, LineageGraph graph, NodeDetailsReader reader, SkippedNodes skipped) {
        this.skipped = skipped;
        this.domains = domains;
        this.graph = graph;
        this.reader = reader;
    }

    /** A domain with the number of its datasets and jobs. */
    public record DomainSummary(Domain domain, long datasets, long jobs) {
        public DomainSummary {
            requireNonNull(domain, "domain is null");
        }
    }

    /** Data flowing from one domain to another (or within one): how many paths, and the first as an example. */
    public record DomainFlow(String from, String to, long edges, List<NodeId> examplePath) {
        public DomainFlow {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            examplePath = List.copyOf(examplePath);
        }
    }

    /** Every domain that has datasets or jobs, and every configured one, by name. */
    public List<DomainSummary> summaries() {
        Map<String, Domain> seen = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        for (Domain domain : domains.configured()) {
            seen.put(domain.name(), domain);
            counts.put(domain.name(), new long[2]);
        }
        try (SkippedNodes.Answer answer = skipped.answer("domains")) {
            reader.forEachVisibleDataset(dataset -> {
                try {
                    Domain domain = domains.of(dataset);
                    seen.putIfAbsent(domain.name(), domain);
                    counts.computeIfAbsent(domain.name(), name -> new long[2])[0]++;
                } catch (RuntimeException unrenderable) {
                    answer.skip(dataset, unrenderable);
                }
            });
            graph.forEachJob((job, inputs, outputs) -> {
                try {
                    for (Domain domain : jobDomains(inputs, outputs)) {
                        seen.putIfAbsent(domain.name(), domain);
                        counts.computeIfAbsent(domain.name(), name -> new long[2])[1]++;
                    }
                } catch (RuntimeException unrenderable) {
                    answer.skip(job, unrenderable);
                }
            });
        }
        List<DomainSummary> summaries = new ArrayList<>();
        seen.forEach((name, domain) -> {
            long[] count = counts.get(name);
            summaries.add(new DomainSummary(domain, count[0], count[1]));
        });
        return summaries;
    }

    /** The visible datasets of a domain, by namespace then name; empty for a domain without any. */
    public List<NodeId> datasets(String domain) {
        requireNonNull(domain, "domain is null");
        List<NodeId> datasets = new ArrayList<>();
        try (SkippedNodes.Answer answer = skipped.answer("domains")) {
            reader.forEachVisibleDataset(dataset -> {
                try {
                    if (domains.of(dataset).name().equals(domain)) {
                        datasets.add(dataset);
                    }
                } catch (RuntimeException unrenderable) {
                    answer.skip(dataset, unrenderable);
                }
            });
        }
        return datasets;
    }

    /** The flows between domains, by source domain then target domain. */
    public List<DomainFlow> flows() {
        Map<String, Map<String, long[]>> counts = new TreeMap<>();
        Map<String, List<NodeId>> examples = new TreeMap<>();
        try (SkippedNodes.Answer answer = skipped.answer("domain-graph")) {
            graph.forEachJob((job, inputs, outputs) -> {
                try {
                    flows(job, inputs, outputs, counts, examples);
                } catch (RuntimeException unrenderable) {
                    answer.skip(job, unrenderable);
                }
            });
        }
        List<DomainFlow> flows = new ArrayList<>();
        counts.forEach((from, targets) -> targets.forEach(
                (to, count) -> flows.add(new DomainFlow(from, to, count[0], examples.get(from + "\n" + to)))));
        return flows;
    }

    private void flows(
            NodeId job,
            List<NodeId> inputs,
            List<NodeId> outputs,
            Map<String, Map<String, long[]>> counts,
            Map<String, List<NodeId>> examples) {
        // Every domain first, so that a node that fails leaves no partial counts behind.
        List<String> to =
                outputs.stream().map(output -> domains.of(output).name()).toList();
        List<String> froms =
                inputs.stream().map(input -> domains.of(input).name()).toList();
        for (int at = 0; at < inputs.size(); at++) {
            NodeId input = inputs.get(at);
            String from = froms.get(at);
            for (int index = 0; index < outputs.size(); index++) {
                counts.computeIfAbsent(from, key -> new TreeMap<>())
                        .computeIfAbsent(to.get(index), key -> new long[1])[0]++;
                examples.putIfAbsent(from + "\n" + to.get(index), List.of(input, job, outputs.get(index)));
            }
        }
    }

    private Set<Domain> jobDomains(List<NodeId> inputs, List<NodeId> outputs) {
        Set<Domain> jobDomains = new LinkedHashSet<>();
        (outputs.isEmpty() ? inputs : outputs).forEach(dataset -> jobDomains.add(domains.of(dataset)));
        return jobDomains;
    }
}
