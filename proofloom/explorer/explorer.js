// proofloom explorer: filter the embedded items with select boxes, open one to see its theory and tree.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("proofloom-data").textContent);
  const items = data.items;
  const chosen = {};
  const SHOWN_AT_MOST = 400;
  const byId = new Map(items.map((item) => [item.id, item]));
  const noun = data.kind === "dataset" ? "questions" : "explanations";

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function valuesOf(item, facet) {
    const value = item.facets[facet];
    return Array.isArray(value) ? value : [value];
  }

  function compareValues(a, b) {
    const x = Number(a), y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    return String(a).localeCompare(String(b));
  }

  function buildFilters() {
    const bar = document.getElementById("filters");
    for (const facet of data.facets) {
      const counts = new Map();
      for (const item of items) for (const v of valuesOf(item, facet)) counts.set(v, (counts.get(v) || 0) + 1);
      const label = el("label", "", facet);
      const select = el("select");
      select.name = facet;
      select.append(new Option(`all (${items.length})`, ""));
      for (const value of [...counts.keys()].sort(compareValues)) {
        select.append(new Option(`${value} (${counts.get(value)})`, value));
      }
      select.addEventListener("change", () => {
        chosen[facet] = select.value;
        render();
      });
      label.append(select);
      bar.insertBefore(label, document.getElementById("count"));
    }
  }

  function matches(item) {
    return data.facets.every((facet) => !chosen[facet] || valuesOf(item, facet).includes(chosen[facet]));
  }

  function render() {
    const shown = items.filter(matches);
    const cut = data.total > items.length ? ` (the page holds ${items.length} of ${data.total})` : "";
    document.getElementById("count").textContent = `${shown.length} of ${items.length} ${noun} shown${cut}`;
    const list = document.getElementById("list");
    list.replaceChildren();
    for (const item of shown.slice(0, SHOWN_AT_MOST)) {
      const row = el("li");
      row.dataset.id = item.id;
      row.append(el("span", `chip ${item.label}`, item.label), el("span", "title", item.title));
      const meta = data.facets.filter((f) => f !== "label" && f !== "verdict").map((f) => `${f} ${valuesOf(item, f).join(", ")}`);
      row.append(el("span", "meta", `${item.id} · ${meta.join(" · ")}`));
      row.addEventListener("click", () => open(item));
      list.append(row);
    }
    if (shown.length > SHOWN_AT_MOST) {
      list.append(el("li", "more", `${shown.length - SHOWN_AT_MOST} more: choose a filter to narrow the list`));
    }
    markOpen();
  }

  function markOpen() {
    const current = decodeURIComponent(location.hash.slice(1));
    for (const row of document.querySelectorAll("#list li[data-id]")) row.classList.toggle("open", row.dataset.id === current);
  }

  // A tree wider than the panel is shrunk to fit, but never below 80% (text stays readable; the panel scrolls).
  function fit(svg, room) {
    if (!svg) return;
    const width = Number(svg.getAttribute("width")), height = Number(svg.getAttribute("height"));
    const scale = Math.max(0.8, Math.min(1, room / width));
    svg.setAttribute("width", String(Math.round(width * scale)));
    svg.setAttribute("height", String(Math.round(height * scale)));
  }

  function open(item) {
    const detail = document.getElementById("detail");
    detail.replaceChildren();
    const head = el("h2");
    head.append(el("span", `chip ${item.label}`, item.label), document.createTextNode(" " + item.title));
    detail.append(head, el("div", "id", item.id));
    if (item.fields && item.fields.length) {
      const fields = el("dl", "fields");
      for (const [name, value] of item.fields) fields.append(el("dt", "", name), el("dd", "", value));
      detail.append(fields);
    }
    if (item.problems && item.problems.length) {
      detail.append(el("h3", "", "Problems"));
      const problems = el("ul", "problems");
      for (const p of item.problems) {
        const line = el("li");
        line.append(el("b", "", p.type), document.createTextNode(`${p.step ? ` (step ${p.step})` : ""}: ${p.message}`));
        for (const d of p.details) line.append(el("div", "details", d));
        problems.append(line);
      }
      detail.append(problems);
    }
    detail.append(el("h3", "", data.kind === "dataset" ? "Gold entailment tree" : "Explanation as checked"));
    if (item.svg) {
      const legend = el("div", "legend");
      const keys = [["fact", "#6b7280"], ["rule", "#3b82f6"], [data.kind === "dataset" ? "derived" : "valid step", "#059669"]];
      if (data.kind !== "dataset") keys.push(["failing step", "#dc2626"]);
      for (const [name, colour] of keys) {
        const key = el("span", "", name);
        key.style.borderColor = colour;
        legend.append(key);
      }
      const tree = el("div", "tree");
      tree.innerHTML = item.svg; // drawn and escaped in Python (proofloom.prover.proof.picture)
      detail.append(legend, tree);
      fit(tree.querySelector("svg"), tree.clientWidth - 14);
    }
    if (item.note) detail.append(el("p", "note", item.note));
    const theory = item.theory === null || item.theory === undefined ? null : data.theories[item.theory];
    if (theory) {
      detail.append(el("h3", "", "Theory"));
      const used = new Set(item.used || []);
      const sentences = el("ol", "sentences");
      for (const [tag, text] of theory.sentences) {
        const line = el("li", used.has(tag) ? "used" : "");
        line.append(el("span", "tag", tag), document.createTextNode(text));
        sentences.append(line);
      }
      detail.append(sentences);
    }
    if (location.hash.slice(1) !== encodeURIComponent(item.id)) history.replaceState(null, "", "#" + encodeURIComponent(item.id));
    markOpen();
  }

  buildFilters();
  render();
  const wanted = byId.get(decodeURIComponent(location.hash.slice(1)));
  const first = wanted || items.find(matches);
  if (first) open(first);
  else document.getElementById("detail").append(el("p", "empty", `No ${noun} to show.`));
})();
