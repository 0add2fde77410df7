// The first page, the mesh at a glance: the domain roll-up graph (a click on a domain lists its datasets), the jobs
// whose latest run failed and the most-read datasets. Also the page a domain leads to: its datasets.
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import * as api from "./api.js";
import { domainColour, h, problem, put, route, table } from "./dom.js";

cytoscape.use(dagre);

const FAILED_RUNS = 10;
const MOST_READ = 10;
const DOMAIN_PAGE = 100;
const ERROR_CHARACTERS = 160;
const MAX_FIT_ZOOM = 1.25;

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      shape: "round-rectangle",
      "background-color": "data(colour)",
      color: "#fff",
      "font-size": 12,
      "font-weight": 600,
      "text-valign": "center",
      "text-halign": "center",
      "text-wrap": "wrap",
      width: 150,
      height: 48,
    },
  },
  { selector: "node:active, node:selected", style: { "border-width": 3, "border-color": "#222" } },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "line-color": "#8a94a6",
      "target-arrow-color": "#8a94a6",
      label: "data(label)",
      "font-size": 11,
      color: "#333",
      "text-background-color": "#fff",
      "text-background-opacity": 0.9,
      "text-background-padding": 2,
    },
  },
  // Paths inside one domain: a loop on the domain.
  { selector: "edge.within", style: { "line-style": "dashed", "loop-direction": "0deg", "loop-sweep": "-50deg" } },
];

const LAYOUT = { name: "dagre", rankDir: "LR", nodeSep: 30, rankSep: 110, animate: false, fit: true, padding: 30 };

export async function homeView(container) {
  const graphSection = h("section", { class: "panel wide", "data-testid": "domain-section" },
    h("h2", {}, "Domains"), h("p", {}, "Loading…"));
  const failedSection = h("section", { class: "panel", "data-testid": "failed-section" },
    h("h2", {}, "Latest failed runs"), h("p", {}, "Loading…"));
  const readSection = h("section", { class: "panel", "data-testid": "most-read-section" },
    h("h2", {}, "Most-read datasets"), h("p", {}, "Loading…"));
  put(container,
    h("h1", {}, "The data mesh at a glance"),
    h("p", { class: "intro" }, "Which domain feeds which, what failed last and what is read most. Search above for any "
      + "dataset or job, see the ", h("a", { href: route("impact") }, "impact"), " of a change to a table or column, "
      + "or ", h("a", { href: route("schema-change") }, "preview a schema change"), "."),
    h("div", { class: "home" }, graphSection, h("div", { class: "column" }, failedSection, readSection)));
  // Each section loads on its own: one that fails shows its problem and leaves the others.
  await Promise.all([
    showDomainGraph(graphSection),
    showFailedRuns(failedSection),
    showMostRead(readSection),
  ]);
}

async function showDomainGraph(section) {
  const title = h("h2", {}, "Domains");
  let answer;
  try {
    answer = await api.domainGraph();
  } catch (error) {
    put(section, title, problem(error));
    return;
  }
  const between = answer.edges.filter((flow) => flow.from !== flow.to);
  const graphBox = h("div", { id: "domain-graph", "data-testid": "domain-graph", "data-state": "loading" });
  const list = domainTable(answer);
  put(section, title,
    h("p", { class: "hint" }, answer.domains.length + " domains, " + between.length + " flows between them; an arrow "
      + "counts the input → job → output paths from one domain to another. Click a domain for its datasets."),
    graphBox,
    h("details", { class: "node-list" }, h("summary", {}, "Domains and flows as a table"), list,
      flowTable(answer.edges)));
  if (!answer.domains.length) {
    graphBox.replaceWith(h("p", {}, "No datasets yet: send OpenLineage events to POST /api/v1/lineage."));
    return;
  }
  const cy = cytoscape({ container: graphBox, elements: elements(answer), style: STYLE, layout: LAYOUT,
    wheelSensitivity: 0.3 });
  // A mesh of a few domains would be fitted at a giant zoom.
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center();
  }
  cy.on("tap", "node", (event) => {
    location.hash = route("domain", { name: event.target.data("name") });
  });
  cy.on("mouseover", "node", () => { graphBox.style.cursor = "pointer"; });
  cy.on("mouseout", "node", () => { graphBox.style.cursor = ""; });
  // Where each domain is drawn, on its row of the table: what the end-to-end test clicks.
  const markPositions = () => {
    for (const row of list.querySelectorAll("tr[data-domain]")) {
      const position = cy.getElementById("domain:" + row.dataset.domain).renderedPosition();
      row.dataset.x = String(Math.round(position.x));
      row.dataset.y = String(Math.round(position.y));
    }
  };
  cy.on("viewport resize", markPositions);
  markPositions();
  graphBox.dataset.state = "ready";
}

function elements(answer) {
  const most = Math.max(1, ...answer.edges.map((flow) => flow.edges));
  const nodes = answer.domains.map((domain) => ({
    group: "nodes",
    data: { id: "domain:" + domain.name, name: domain.name, colour: domainColour(domain.name),
      label: domain.name + "\n" + plural(domain.datasets, "dataset") + " · " + plural(domain.jobs, "job") },
  }));
  const edges = answer.edges.map((flow) => ({
    group: "edges",
    data: { id: "flow:" + flow.from + "->" + flow.to, source: "domain:" + flow.from, target: "domain:" + flow.to,
      label: String(flow.edges), width: 1.5 + 4 * (flow.edges / most) },
    classes: flow.from === flow.to ? "within" : "between",
  }));
  return { nodes, edges };
}

function domainTable(answer) {
  return h("table", { "data-testid": "domain-list" },
    h("thead", {}, h("tr", {}, ["domain", "owner", "datasets", "jobs"].map((header) => h("th", {}, header)))),
    h("tbody", {}, answer.domains.map((domain) => h("tr", { "data-domain": domain.name },
      h("td", {}, h("a", { href: route("domain", { name: domain.name }) },
        h("span", { class: "swatch", style: "background:" + domainColour(domain.name) }), domain.name)),
      h("td", {}, domain.owner || ""),
      h("td", {}, String(domain.datasets)),
      h("td", {}, String(domain.jobs))))));
}

function flowTable(flows) {
  return h("table", { "data-testid": "domain-flows" },
    h("thead", {}, h("tr", {}, ["from", "to", "paths", "for example"].map((header) => h("th", {}, header)))),
    h("tbody", {}, flows.map((flow) => h("tr", { "data-from": flow.from, "data-to": flow.to, "data-paths": flow.edges },
      h("td", {}, flow.from), h("td", {}, flow.to), h("td", {}, String(flow.edges)),
      h("td", { class: "path" }, flow.examplePath.map(api.label).join(" → "))))));
}

async function showFailedRuns(section) {
  const title = h("h2", {}, "Latest failed runs");
  let answer;
  try {
    answer = await api.jobsByLastRunState("FAILED", FAILED_RUNS);
  } catch (error) {
    put(section, title, problem(error));
    return;
  }
  if (!answer.jobs.length) {
    put(section, title, h("p", { "data-testid": "failed-runs-none" }, "No job's latest run failed."));
    return;
  }
  const rows = answer.jobs.map((job) => {
    const nodeId = "job:" + job.namespace + ":" + job.name;
    const run = job.latestRun || {};
    return [
      h("a", { href: route("lineage", { node: nodeId }), "data-node-id": nodeId, title: job.namespace }, job.name),
      run.endedAt || run.updatedAt || "",
      h("span", { class: "error-message" }, errorMessage(run)),
      h("a", { href: route("job", { node: nodeId }) }, "runs"),
    ];
  });
  put(section, title,
    h("p", { class: "hint" }, answer.totalCount + (answer.totalCount === 1 ? " job" : " jobs")
      + " whose latest run failed, the most recent first"),
    table("failed-runs", ["job", "failed at", "error", ""], rows));
}

function errorMessage(run) {
  const facet = run.facets && run.facets.errorMessage;
  const message = facet && typeof facet.message === "string" ? facet.message : "";
  return message.length > ERROR_CHARACTERS ? message.slice(0, ERROR_CHARACTERS) + "…" : message;
}

async function showMostRead(section) {
  const title = h("h2", {}, "Most-read datasets");
  let answer;
  try {
    answer = await api.mostReadDatasets(MOST_READ);
  } catch (error) {
    put(section, title, problem(error));
    return;
  }
  if (!answer.datasets.length) {
    put(section, title, h("p", { "data-testid": "most-read-none" }, "No job reads a dataset yet."));
    return;
  }
  const rows = answer.datasets.map((dataset) => [
    h("a", { href: route("lineage", { node: dataset.nodeId }), "data-node-id": dataset.nodeId,
      title: dataset.namespace }, dataset.name),
    h("span", { class: "domain", style: "border-color:" + domainColour(dataset.domain) }, dataset.domain),
    h("span", { "data-testid": "readers" }, String(dataset.readers)),
  ]);
  put(section, title,
    h("p", { class: "hint" }, "by the number of jobs that read them now"),
    table("most-read", ["dataset", "domain", "jobs reading"], rows));
}

/** #/domain?name=: the datasets of one domain, each leading to its lineage. */
export async function domainView(container, parameters) {
  const name = parameters.get("name") || "";
  const offset = Number(parameters.get("offset") || 0);
  const heading = h("h1", {}, "Domain ", h("span", { "data-testid": "domain-name" }, name));
  put(container, heading, h("p", {}, "Loading…"));
  let answer;
  let graph;
  try {
    [answer, graph] = await Promise.all([api.domainDatasets(name, DOMAIN_PAGE, offset), api.domainGraph()]);
  } catch (error) {
    put(container, heading, problem(error));
    return;
  }
  const domain = answer.domain;
  const rows = answer.datasets.map((dataset) => [
    h("a", { href: route("lineage", { node: dataset.nodeId }), "data-node-id": dataset.nodeId }, dataset.name),
    dataset.namespace,
    h("a", { href: route("impact", { node: dataset.nodeId }) }, "impact"),
  ]);
  const shown = offset + answer.datasets.length;
  put(container, heading,
    h("p", { "data-testid": "domain-summary" },
      h("span", { class: "swatch", style: "background:" + domainColour(domain.name) }),
      plural(domain.datasets, "dataset") + ", " + plural(domain.jobs, "job"),
      domain.owner ? ", owned by " + domain.owner : "", domain.contact ? " (" + domain.contact + ")" : ""),
    flowsOf(name, graph.edges),
    h("p", { class: "links" },
      h("a", { href: route("") }, "All domains"),
      offset > 0 ? h("a", { href: route("domain", { name, offset: Math.max(0, offset - DOMAIN_PAGE) }) }, "Previous")
        : null,
      shown < answer.totalCount ? h("a", { href: route("domain", { name, offset: shown }) }, "Next") : null),
    answer.totalCount > answer.datasets.length
      ? h("p", {}, "Datasets " + (offset + 1) + "–" + shown + " of " + answer.totalCount) : null,
    table("domain-datasets", ["dataset", "namespace", ""], rows));
}

/** Which other domains this one reads from and feeds, with the number of paths, each leading to that domain. */
function flowsOf(name, flows) {
  const link = (domain, paths) => h("a", { href: route("domain", { name: domain }), "data-domain": domain,
    "data-paths": paths }, domain + " (" + plural(paths, "path") + ")");
  const from = flows.filter((flow) => flow.to === name && flow.from !== name);
  const to = flows.filter((flow) => flow.from === name && flow.to !== name);
  const within = flows.find((flow) => flow.from === name && flow.to === name);
  const joined = (items) => items.flatMap((item, index) => (index ? [", ", item] : [item]));
  return h("ul", { class: "flows" },
    h("li", { "data-testid": "domain-reads-from" }, "Reads from: ",
      from.length ? joined(from.map((flow) => link(flow.from, flow.edges))) : "no other domain"),
    h("li", { "data-testid": "domain-feeds" }, "Feeds: ",
      to.length ? joined(to.map((flow) => link(flow.to, flow.edges))) : "no other domain"),
    within ? h("li", {}, "Within: " + plural(within.edges, "path")) : null);
}

function plural(count, noun) {
  return count + " " + noun + (count === 1 ? "" : "s");
}
