// The web UI's entry point: a hash router over the views. Every view reads the server's /api/v1.
import { domainView, homeView } from "./home-view.js";
import { lineageView } from "./lineage-view.js";
import { impactView, jobView, schemaChangeView, searchView } from "./views.js";
import { problem, put, route } from "./dom.js";

const VIEWS = {
  "": homeView,
  domain: domainView,
  search: searchView,
  lineage: lineageView,
  job: jobView,
  impact: impactView,
  "schema-change": schemaChangeView,
};

async function render() {
  const hash = location.hash.replace(/^#\/?/, "");
  const question = hash.indexOf("?");
  const name = question < 0 ? hash : hash.slice(0, question);
  const parameters = new URLSearchParams(question < 0 ? "" : hash.slice(question + 1));
  const container = document.getElementById("view");
  const view = VIEWS[name];
  document.body.dataset.view = name || "home";
  if (!view) {
    put(container, problem(new Error("no view " + name)));
    return;
  }
  try {
    await view(container, parameters);
  } catch (error) {
    put(container, problem(error));
  }
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  location.hash = route("search", { q: form.get("q"), filter: form.get("filter") });
});
window.addEventListener("hashchange", render);
render();
