// The views besides the graphs: search results, a job's run history, impact, and the schema-change preview.
import * as api from "./api.js";
import { add, domainColour, h, problem, put, route, table } from "./dom.js";

export async function searchView(container, parameters) {
  const q = parameters.get("q") || "";
  const filter = parameters.get("filter") || "";
  put(container, h("h1", {}, "Search: ", q), h("p", {}, "Searching…"));
  let answer;
  try {
    answer = await api.search(q, filter);
  } catch (error) {
    put(container, h("h1", {}, "Search: ", q), problem(error));
    return;
  }
  const rows = answer.results.map((result) => [
    h("span", { class: "badge " + result.type.toLowerCase() }, result.type.toLowerCase()),
    h("a", { href: result.type === "JOB" ? route("job", { node: result.nodeId }) : route("lineage", { node: result.nodeId }),
      "data-node-id": result.nodeId }, result.name),
    result.namespace,
    result.updatedAt,
  ]);
  put(container,
    h("h1", {}, "Search: ", q),
    h("p", {}, answer.totalCount + " found" + (answer.totalCount > rows.length ? ", the first " + rows.length + " shown" : "")),
    table("search-results", ["kind", "name", "namespace", "updated"], rows),
  );
}

export async function jobView(container, parameters) {
  const nodeId = parameters.get("node");
  const heading = h("h1", {}, "Runs of ", h("span", { "data-testid": "job-name" }, api.label(nodeId)));
  const links = h("p", { class: "links" }, h("a", { href: route("lineage", { node: nodeId }) }, "Lineage of this job"));
  put(container, heading, links, h("p", {}, "Loading…"));
  let answer;
  try {
    answer = await api.runs(nodeId);
  } catch (error) {
    put(container, heading, links, problem(error));
    return;
  }
  const rows = answer.runs.map((run) => [
    h("code", {}, run.id),
    h("span", { class: "state " + String(run.state).toLowerCase() }, run.state),
    run.startedAt,
    run.endedAt,
    run.durationMs === null || run.durationMs === undefined ? "" : (run.durationMs / 1000).toFixed(1) + " s",
  ]);
  put(container, heading, links,
    h("p", {}, answer.totalCount + " runs, newest first"),
    table("runs", ["run", "state", "started", "ended", "duration"], rows));
}

export async function impactView(container, parameters) {
  const nodeId = parameters.get("node") || "";
  const column = parameters.get("column") || "";
  const form = h(
    "form",
    { class: "controls", "data-testid": "impact-form", onsubmit: (event) => {
      event.preventDefault();
      const data = new FormData(event.target);
      location.hash = route("impact", { node: data.get("node"), column: data.get("column") });
    } },
    h("label", {}, "Dataset node id ",
      h("input", { name: "node", value: nodeId, size: 60, placeholder: "dataset:<namespace>:<catalog.schema.table>" })),
    h("label", {}, " Column ", h("input", { name: "column", value: column, size: 16, placeholder: "(whole dataset)" })),
    h("button", { type: "submit" }, "Show impact"),
  );
  const title = h("h1", {}, "Impact", nodeId ? h("span", {}, " of ",
    h("span", { "data-testid": "impact-subject" }, api.label(nodeId) + (column ? "." + column : ""))) : null);
  put(container, title, form);
  if (!nodeId) {
    return;
  }
  let answer;
  try {
    answer = await api.impact(nodeId, column);
  } catch (error) {
    add(container, problem(error));
    return;
  }
  const rows = answer.impacted.map((item) => [
    String(item.distance),
    item.type.toLowerCase(),
    h("a", { href: item.type === "JOB" ? route("job", { node: item.id })
      : route("lineage", { node: datasetOf(item.id) }), "data-node-id": item.id }, api.label(item.id)),
    domainBadge(item.domain),
    item.owner || "",
    item.source || "",
    h("span", { class: "path" }, item.path.map(api.label).join(" → ")),
  ]);
  add(container,
    h("p", { "data-testid": "impact-summary" }, summaryText(answer)),
    answer.truncated ? h("p", { class: "warning" }, "Cut at the server's node limit.") : null,
    table("impact-results", ["hops", "kind", "name", "domain", "owner", "source", "path"], rows),
  );
}

function summaryText(answer) {
  const summary = answer.summary || {};
  const parts = Object.entries(summary)
    .filter(([, value]) => typeof value === "number")
    .map(([key, value]) => value + " " + key);
  return answer.impacted.length + " downstream objects" + (parts.length ? " (" + parts.join(", ") + ")" : "");
}

function datasetOf(id) {
  const parsed = api.parseNodeId(id);
  return parsed.kind === "datasetField" ? "dataset:" + parsed.namespace + ":" + parsed.name : id;
}

function domainBadge(domain) {
  return domain ? h("span", { class: "domain", style: "border-color:" + domainColour(domain) }, domain) : "";
}

const EXAMPLE_DDL = "ALTER TABLE paymentsdb.public.payments DROP COLUMN amount;";

export function schemaChangeView(container) {
  const result = h("div", { "data-testid": "schema-change-result" });
  const form = h(
    "form",
    { class: "stacked", "data-testid": "schema-change-form", onsubmit: async (event) => {
      event.preventDefault();
      const ddl = new FormData(event.target).get("ddl");
      put(result, h("p", {}, "Checking…"));
      try {
        renderReport(result, await api.schemaChange(ddl));
      } catch (error) {
        put(result, problem(error));
      }
    } },
    h("label", { for: "ddl" }, "A migration script (DROP COLUMN, RENAME COLUMN, ALTER COLUMN … TYPE, DROP TABLE, "
      + "RENAME TO); tables named catalog.schema.table"),
    h("textarea", { id: "ddl", name: "ddl", rows: 6, cols: 90 }, EXAMPLE_DDL),
    h("button", { type: "submit" }, "Preview"),
  );
  put(container, h("h1", {}, "Schema-change preview"), form, result);
}

function renderReport(container, report) {
  const summary = report.summary || {};
  const rows = (items) => items.map((item) => [
    h("span", { class: "verdict " + item.verdict.toLowerCase() }, item.verdict),
    item.type.toLowerCase(),
    h("a", { href: item.type === "JOB" ? route("job", { node: item.id }) : route("lineage", { node: item.id }) },
      api.label(item.id)),
    domainBadge(item.domain),
    item.owner || "",
    [item.reason || "", item.edit ? h("div", { class: "edit" }, item.edit) : null,
      item.sql ? h("pre", {}, "line " + item.sql.line + ": " + item.sql.text) : null],
  ]);
  const headers = ["verdict", "kind", "name", "domain", "owner", "why"];
  put(container,
    h("p", { "data-testid": "schema-change-summary" }, "Worst: ", h("strong", {}, summary.worst || "NONE"),
      " — ", Object.entries(summary).filter(([, value]) => typeof value === "number")
        .map(([key, value]) => value + " " + key).join(", ")),
    (report.warnings || []).length ? h("ul", { class: "warning" }, report.warnings.map((text) => h("li", {}, text)))
      : null,
    h("h2", {}, "Jobs and datasets downstream"),
    table("schema-change-objects", headers, rows(report.objects || [])),
    h("h2", {}, "Consumers (jobs that write nothing)"),
    table("schema-change-consumers", headers, rows(report.consumers || [])),
  );
}
