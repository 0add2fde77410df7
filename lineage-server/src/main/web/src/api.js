// The server's HTTP API (/api/v1), as the UI uses it. Errors are application/problem+json: thrown as ApiError.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || "HTTP " + status);
    this.status = status;
    this.problem = problem;
  }
}

async function request(path, options) {
  const response = await fetch(path, options);
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (error) {
    body = { detail: text };
  }
  if (!response.ok) {
    throw new ApiError(response.status, body || {});
  }
  return body;
}

function query(parameters) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== "") {
      search.set(key, String(value));
    }
  }
  return search.toString();
}

export function search(q, filter) {
  return request("/api/v1/search?" + query({ q, filter, limit: 50 }));
}

export function lineage(nodeId, depth, direction) {
  return request("/api/v1/lineage?" + query({ nodeId, depth, direction }));
}

export function dataset(namespace, name) {
  return request("/api/v1/namespaces/" + encodeURIComponent(namespace) + "/datasets/" + encodeURIComponent(name));
}

export function columnLineage(nodeId) {
  // edges=flow: every edge from the upstream field to the downstream one (the default is Marquez's reversed in-edges).
  return request("/api/v1/column-lineage?" + query({ nodeId, depth: 1, withDownstream: true, edges: "flow" }));
}

export function runs(job) {
  const { namespace, name } = parseNodeId(job);
  return request(
    "/api/v1/namespaces/" + encodeURIComponent(namespace) + "/jobs/" + encodeURIComponent(name) + "/runs?limit=100");
}

/** The domain roll-up: {domains: [{name, owner, contact, datasets, jobs}], edges: [{from, to, edges, examplePath}]}. */
export function domainGraph() {
  return request("/api/v1/domains/graph");
}

export function domainDatasets(domain, limit, offset) {
  return request("/api/v1/domains/" + encodeURIComponent(domain) + "/datasets?" + query({ limit, offset }));
}

/** Jobs of every namespace whose latest run is in one of the states, last updated first. */
export function jobsByLastRunState(lastRunStates, limit) {
  return request("/api/v1/jobs?" + query({ lastRunStates, limit }));
}

export function mostReadDatasets(limit) {
  return request("/api/v1/datasets/most-read?" + query({ limit }));
}

export function impact(nodeId, column, depth, includeIndirect) {
  return request("/api/v1/impact?" + query({ nodeId, column, depth, includeIndirect }));
}

export function schemaChange(ddl) {
  return request("/api/v1/impact/schema-change", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ddl }),
  });
}

/**
 * Splits a node id (dataset:<namespace>:<name>, job:<namespace>:<name>, datasetField:<namespace>:<dataset>:<field>)
 * from the right, as the server does: namespaces may hold ':' but names cannot.
 */
export function parseNodeId(id) {
  const kind = id.slice(0, id.indexOf(":"));
  const rest = id.slice(kind.length + 1);
  const last = rest.lastIndexOf(":");
  if (kind === "datasetField") {
    const datasetEnd = rest.lastIndexOf(":", last - 1);
    return {
      kind,
      namespace: rest.slice(0, datasetEnd),
      name: rest.slice(datasetEnd + 1, last),
      field: rest.slice(last + 1),
    };
  }
  return { kind, namespace: rest.slice(0, last), name: rest.slice(last + 1) };
}

/** A short label: the name, plus ".field" for a field. */
export function label(id) {
  const parsed = parseNodeId(id);
  return parsed.field === undefined ? parsed.name : parsed.name + "." + parsed.field;
}
