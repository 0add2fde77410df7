// Small DOM helpers: elements are built from text, never from HTML strings.

/** h("a", {href: "#/"}, "text", child) → an element; attributes starting with "on" become listeners. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith("on")) {
      element.addEventListener(key.slice(2), value);
    } else {
      element.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Replaces an element's children; null, undefined and false children are left out. */
export function put(element, ...children) {
  element.replaceChildren(...present(children));
}

/** Appends children; null, undefined and false children are left out. */
export function add(element, ...children) {
  element.append(...present(children));
}

function present(children) {
  return children.flat().filter((child) => child !== undefined && child !== null && child !== false);
}

/** A table with a header row and one row per item; cells are text or elements. */
export function table(testId, headers, rows) {
  return h(
    "table",
    { "data-testid": testId },
    h("thead", {}, h("tr", {}, headers.map((header) => h("th", {}, header)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell ?? ""))))),
  );
}

/** Shows an API problem (or any error) in place of a view's content. */
export function problem(error) {
  const detail = error.problem && error.problem.errors && error.problem.errors.length
    ? error.problem.errors.map((item) => item.field + ": " + item.message)
    : [];
  return h(
    "div",
    { class: "problem", role: "alert", "data-testid": "problem" },
    h("strong", {}, error.status ? "Error " + error.status + ": " : "Error: "),
    error.message,
    detail.length ? h("ul", {}, detail.map((line) => h("li", {}, line))) : null,
  );
}

/** A hash route: #/<view>?<parameters>. */
export function route(view, parameters) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters || {})) {
    if (value !== undefined && value !== null && value !== "") {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return "#/" + view + (text ? "?" + text : "");
}

/** Stable colours per domain name, so a domain keeps its colour across views. */
const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7"];

export function domainColour(domain) {
  let hash = 0;
  for (const character of domain || "") {
    hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  }
  return PALETTE[hash % PALETTE.length];
}
