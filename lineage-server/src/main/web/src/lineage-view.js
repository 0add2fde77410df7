// The lineage graph of one node: upstream and downstream to a depth, datasets coloured by domain, edges labelled
// with their source; a dataset expands to its columns and their column lineage. Layout: cytoscape-dagre.
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import * as api from "./api.js";
import { add, domainColour, h, problem, put, route } from "./dom.js";

cytoscape.use(dagre);

const FIELD_HEIGHT = 24;

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "font-size": 11,
      "text-valign": "center",
      "text-halign": "center",
      "text-wrap": "wrap",
      "text-max-width": 150,
      width: 170,
      height: 36,
      color: "#fff",
      "text-outline-width": 0,
    },
  },
  {
    selector: "node.dataset",
    style: { shape: "round-rectangle", "background-color": "data(colour)" },
  },
  {
    selector: "node.job",
    style: { shape: "ellipse", "background-color": "#e6e6e6", color: "#333", width: 150, height: 30, "font-size": 9 },
  },
  {
    selector: "node.expanded",
    style: {
      "text-valign": "top",
      "text-halign": "center",
      "text-margin-y": -2,
      color: "#222",
      height: "data(height)",
      "background-opacity": 0.18,
      "border-width": 2,
      "border-color": "data(colour)",
    },
  },
  {
    selector: "node.field",
    style: { shape: "rectangle", "background-color": "#fff", color: "#222", "border-width": 1, "border-color": "#999",
      width: 150, height: FIELD_HEIGHT - 4, "font-size": 10, "z-index": 10 },
  },
  { selector: "node.focus", style: { "border-width": 4, "border-color": "#222" } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#ffbf00" } },
  {
    selector: "edge",
    style: {
      width: 1.5,
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "line-color": "#888",
      "target-arrow-color": "#888",
      label: "data(via)",
      "font-size": 8,
      color: "#555",
      "text-background-color": "#fff",
      "text-background-opacity": 0.8,
      "text-rotation": "autorotate",
    },
  },
  {
    selector: "edge.column",
    style: { "line-style": "dashed", "line-color": "#c0392b", "target-arrow-color": "#c0392b", label: "data(kind)" },
  },
];

const LAYOUT = { name: "dagre", rankDir: "LR", nodeSep: 18, rankSep: 70, animate: false, fit: true, padding: 20 };

export async function lineageView(container, parameters) {
  const nodeId = parameters.get("node");
  const depth = parameters.get("depth") || "2";
  const direction = parameters.get("direction") || "both";
  const controls = h(
    "form",
    { class: "controls", "data-testid": "lineage-controls", onsubmit: (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      location.hash = route("lineage", { node: nodeId, depth: form.get("depth"), direction: form.get("direction") });
    } },
    h("label", {}, "Depth ", h("input", { type: "number", name: "depth", min: 1, max: 20, value: depth })),
    h("label", {}, " Direction ", h("select", { name: "direction" },
      ["both", "upstream", "downstream"].map((value) =>
        h("option", { value, selected: value === direction }, value)))),
    h("button", { type: "submit" }, "Show"),
  );
  const graphBox = h("div", { id: "graph", "data-testid": "graph", "data-state": "loading" });
  const side = h("aside", { class: "side", "data-testid": "details" }, h("p", {}, "Click a node for its details."));
  const legend = h("div", { class: "legend", "data-testid": "legend" });
  const nodeList = h("details", { class: "node-list" });
  put(container,
    h("h1", {}, "Lineage of ", h("span", { "data-testid": "focus-name" }, api.label(nodeId))),
    controls, legend, h("div", { class: "graph-row" }, graphBox, side), nodeList);

  let answer;
  try {
    answer = await api.lineage(nodeId, depth, direction);
  } catch (error) {
    graphBox.replaceWith(problem(error));
    return;
  }
  const cy = cytoscape({ container: graphBox, elements: elements(answer, nodeId), style: STYLE, layout: LAYOUT,
    wheelSensitivity: 0.3 });
  const state = { cy, expanded: new Set(), side, nodeId };
  cy.on("tap", "node.dataset, node.job", (event) => showDetails(state, event.target));
  cy.on("dbltap", "node.dataset", (event) => toggleColumns(state, event.target));
  renderLegend(legend, cy, answer);
  renderNodeList(nodeList, answer, state);
  if (answer.truncated) {
    add(legend, h("p", { class: "warning" }, "The graph was cut at the server's node limit."));
  }
  const focus = cy.getElementById(nodeId);
  if (focus.nonempty()) {
    showDetails(state, focus);
  }
  graphBox.dataset.state = "ready";
}

function elements(answer, focusId) {
  const nodes = [];
  const edges = [];
  for (const node of answer.graph) {
    const dataset = node.type === "DATASET";
    const domain = dataset ? node.data.domain : null;
    nodes.push({
      group: "nodes",
      data: { id: node.id, label: node.data.name, domain, colour: domainColour(domain), node },
      classes: (dataset ? "dataset" : "job") + (node.id === focusId ? " focus" : ""),
    });
    for (const edge of node.outEdges) {
      // "source" and "target" are cytoscape's edge ends; "via" is where the edge came from (openlineage, sql, trino).
      edges.push({
        group: "edges",
        data: { id: edge.origin + "->" + edge.destination, source: edge.origin, target: edge.destination,
          via: edge.source || "" },
      });
    }
  }
  return { nodes, edges };
}

function renderLegend(legend, cy, answer) {
  const domains = new Map();
  for (const node of answer.graph) {
    if (node.type === "DATASET") {
      domains.set(node.data.domain, (domains.get(node.data.domain) || 0) + 1);
    }
  }
  const sources = new Map();
  for (const node of answer.graph) {
    for (const edge of node.outEdges) {
      sources.set(edge.source || "unknown", (sources.get(edge.source || "unknown") || 0) + 1);
    }
  }
  put(legend,
    h("span", { class: "legend-title" }, "Domains:"),
    h("ul", { "data-testid": "domains" }, [...domains.keys()].sort().map((domain) =>
      h("li", { "data-domain": domain },
        h("span", { class: "swatch", style: "background:" + domainColour(domain) }),
        domain + " (" + domains.get(domain) + ")"))),
    h("span", { class: "legend-title" }, "Edge sources:"),
    h("ul", { "data-testid": "sources" }, [...sources.keys()].sort().map((source) =>
      h("li", { "data-source": source }, source + " (" + sources.get(source) + ")"))),
    h("span", { class: "legend-title" }, "Column edges:"),
    h("span", { "data-testid": "column-edges" }, "0"),
    h("button", { type: "button", onclick: () => cy.fit(undefined, 20) }, "Fit"),
  );
}

/** The graph's nodes as a list, for keyboards and screen readers: "Details" selects a node as a click on it does. */
function renderNodeList(details, answer, state) {
  const select = (id) => {
    const element = state.cy.getElementById(id);
    state.cy.$(":selected").unselect();
    element.select();
    showDetails(state, element);
  };
  put(details,
    h("summary", {}, answer.graph.length + " nodes in this graph"),
    h("ul", { "data-testid": "node-list" }, answer.graph.map((node) =>
      h("li", { "data-node-id": node.id, "data-domain": node.data.domain || "" },
        h("a", { href: node.type === "JOB" ? route("job", { node: node.id }) : route("lineage", { node: node.id }) },
          node.data.name),
        " ", node.type === "JOB" ? "(job) " : "(" + node.data.domain + ") ",
        h("button", { type: "button", class: "select", onclick: () => select(node.id) }, "Details")))),
  );
}

function showDetails(state, element) {
  const node = element.data("node");
  const isDataset = node.type === "DATASET";
  const links = [
    h("a", { href: route("lineage", { node: node.id }) }, "Focus here"),
    isDataset ? h("a", { href: route("impact", { node: node.id }) }, "Impact") : null,
    isDataset ? null : h("a", { href: route("job", { node: node.id }) }, "Run history"),
  ];
  const fields = isDataset ? node.data.fields : [];
  put(state.side,
    h("h2", {}, node.data.name),
    h("p", {}, isDataset ? "dataset in domain " : "job", isDataset ? h("strong", {}, node.data.domain) : null),
    h("p", { class: "namespace" }, node.data.namespace),
    h("p", { class: "links" }, links),
    isDataset ? h("button", { type: "button", "data-testid": "toggle-columns",
      onclick: () => toggleColumns(state, element) },
    state.expanded.has(node.id) ? "Hide columns" : "Show columns (" + fields.length + ")") : null,
    isDataset && fields.length ? h("ul", { class: "fields" }, fields.map((field) =>
      h("li", {}, h("a", { href: route("impact", { node: node.id, column: field.name }) }, field.name),
        field.type ? " " + field.type : ""))) : null,
    !isDataset && node.data.latestRun ? h("p", {}, "latest run: " + node.data.latestRun.state) : null,
    isDataset ? h("div", { "data-testid": "aliases" }) : null,
  );
  if (isDataset) {
    showAliases(state.side.querySelector('[data-testid="aliases"]'), node.data.namespace, node.data.name);
  }
}

/** The dataset's other names (docs/identity.md), which resolve to it: fetched when its details are shown. */
async function showAliases(element, namespace, name) {
  try {
    const dataset = await api.dataset(namespace, name);
    const aliases = dataset.aliases || [];
    if (aliases.length) {
      put(element, h("p", {}, "also known as:"),
        h("ul", { class: "aliases" }, aliases.map((alias) =>
          h("li", { "data-alias": alias.namespace + " " + alias.name }, alias.namespace + " " + alias.name))));
    }
  } catch (failure) {
    put(element, problem(failure));
  }
}

/**
 * Expands a dataset into its fields, with the column lineage between shown fields. An expanded dataset grows tall
 * enough to hold its fields; dagre lays out datasets and jobs, and each field sits in its dataset's box (dagre's
 * compound-node support misplaces clusters that have edges of their own).
 */
async function toggleColumns(state, element) {
  const { cy } = state;
  const id = element.id();
  if (state.expanded.has(id)) {
    state.expanded.delete(id);
    cy.remove(cy.nodes(".field").filter((field) => field.data("dataset") === id));
    element.removeClass("expanded");
  } else {
    state.expanded.add(id);
    const node = element.data("node");
    element.data("height", 30 + FIELD_HEIGHT * node.data.fields.length);
    element.addClass("expanded");
    cy.add(node.data.fields.map((field) => ({
      group: "nodes",
      data: { id: "datasetField:" + node.data.namespace + ":" + node.data.name + ":" + field.name,
        label: field.name, dataset: id },
      classes: "field",
      grabbable: false,
    })));
    await addColumnEdges(state, id);
  }
  layout(cy);
  document.querySelector('[data-testid="column-edges"]').textContent = String(cy.edges(".column").length);
  showDetails(state, element);
}

function layout(cy) {
  cy.elements().not(".field, .column").layout({ ...LAYOUT, stop: () => {
    for (const dataset of cy.nodes(".expanded")) {
      const fields = cy.nodes(".field").filter((field) => field.data("dataset") === dataset.id());
      const top = dataset.position("y") - dataset.height() / 2 + 15 + FIELD_HEIGHT / 2;
      fields.forEach((field, index) => field.position({ x: dataset.position("x"), y: top + index * FIELD_HEIGHT }));
    }
    cy.fit(undefined, 20);
  } }).run();
}

async function addColumnEdges(state, datasetId) {
  const { cy } = state;
  let answer;
  try {
    answer = await api.columnLineage(datasetId);
  } catch (error) {
    add(state.side, problem(error));
    return;
  }
  for (const field of answer.graph) {
    for (const edge of field.inEdges) {
      const edgeId = "column:" + edge.origin + "->" + edge.destination;
      if (cy.getElementById(edge.origin).nonempty() && cy.getElementById(edge.destination).nonempty()
          && cy.getElementById(edgeId).empty()) {
        const input = field.data.inputFields.find((candidate) =>
          edge.origin.endsWith(":" + candidate.dataset + ":" + candidate.field));
        cy.add({ group: "edges", classes: "column",
          data: { id: edgeId, source: edge.origin, target: edge.destination,
            kind: input ? input.transformationType : "" } });
      }
    }
  }
}
