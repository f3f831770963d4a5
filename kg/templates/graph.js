/* graph.html: tooltips, details, filters and the label toggle. Article text only ever
   reaches the page through textContent, never as markup. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const names = {};
  data.nodes.forEach(function (n) { names[n.id] = n.kg; });
  const label = function (id) { return names[id] ? names[id].name_en : id; };

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function link(href, text) { const a = el("a", null, text); a.href = href; return a; }
  function dates(k) {
    if (!k.first) return "undated";
    return k.first === k.last ? k.first : k.first + " to " + k.last;
  }

  function edgeBox(k, full) {
    const box = el("div");
    box.append(el("div", "tip-head", label(k.subject) + (k.symmetric ? " — " : " → ") + label(k.object)));
    box.append(el("div", null, k.relation_label + " (" + k.quad_label + ")" +
      (k.goldstein === null ? "" : ", Goldstein " + k.goldstein)));
    box.append(el("div", "source", k.count + " assertion(s) in " + k.articles + " article(s), " + dates(k)));
    k.evidence.forEach(function (ev) {
      const quote = el("blockquote", "evidence", ev.sentence);
      quote.lang = "ar";
      quote.dir = "rtl";
      box.append(quote);
      box.append(el("div", "source", (ev.title || ev.doc) + " · " + (ev.date || "undated")));
    });
    if (k.more) box.append(el("div", "source", "… and " + k.more + " more in the pair view"));
    if (full) box.append(link(k.href, "Pair view: every assertion and the timeline"));
    return box;
  }
  function nodeBox(k, full) {
    const box = el("div");
    box.append(el("div", "tip-head", k.name_en + " (" + k.id + ")"));
    if (k.name_ar) { const ar = el("div", null, k.name_ar); ar.lang = "ar"; ar.dir = "rtl"; box.append(ar); }
    box.append(el("div", "source", (k.bloc ? "bloc " + k.bloc : "in no bloc") + " · " + k.degree +
      " partner(s) · " + k.assertions + " assertion(s) · PageRank " + k.pagerank.toFixed(3)));
    if (full) box.append(link(k.href, "Actor view: partners, conflicts, evidence"));
    return box;
  }

  const nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { title: nodeBox(n.kg, false) });
  }));
  const edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e, { title: edgeBox(e.kg, false) });
  }));
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  const status = document.getElementById("status");
  const details = document.getElementById("details");
  const api = { network: network, nodes: nodes, edges: edges, stable: false };
  window.kgGraph = api;

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });  // the layout stays where it settled
    api.stable = true;
    applyFilters();
  });

  function show(box) { details.replaceChildren(box); }
  network.on("hoverEdge", function (p) { show(edgeBox(edges.get(p.edge).kg, true)); });
  network.on("click", function (p) {
    if (p.nodes.length) show(nodeBox(nodes.get(p.nodes[0]).kg, true));
    else if (p.edges.length) show(edgeBox(edges.get(p.edges[0]).kg, true));
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length) window.location.href = nodes.get(p.nodes[0]).kg.href;
    else if (p.edges.length) window.location.href = edges.get(p.edges[0]).kg.href;
  });

  const from = document.getElementById("period-from");
  const to = document.getElementById("period-to");
  function checked(attr) {
    return new Set(Array.from(document.querySelectorAll("input[data-" + attr + "]:checked"),
      function (i) { return i.getAttribute("data-" + attr); }));
  }
  function applyFilters() {
    const quads = checked("quad");
    const relations = checked("relation");
    let low = from ? from.value : null, high = to ? to.value : null;
    if (low && high && low > high) { const t = low; low = high; high = t; }
    const whole = !from || (low === data.periods[0] && high === data.periods[data.periods.length - 1]);
    const shownActors = new Set();
    let shown = 0;
    edges.update(edges.get().map(function (e) {
      const k = e.kg;
      const visible = quads.has(k.quad_class) && relations.has(k.relation) &&
        (whole || k.periods.some(function (p) { return p >= low && p <= high; }));
      if (visible) { shown += 1; shownActors.add(k.subject); shownActors.add(k.object); }
      return { id: e.id, hidden: !visible };
    }));
    nodes.update(nodes.getIds().map(function (id) { return { id: id, hidden: !shownActors.has(id) }; }));
    status.textContent = shown + " of " + edges.length + " links and " + shownActors.size + " of " +
      nodes.length + " actors shown";
  }
  api.applyFilters = applyFilters;
  document.querySelectorAll("input[data-quad], input[data-relation]").forEach(function (i) {
    i.addEventListener("change", applyFilters);
  });
  [from, to].forEach(function (s) { if (s) s.addEventListener("change", applyFilters); });
  document.getElementById("arabic-labels").addEventListener("change", function (ev) {
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, label: ev.target.checked ? (n.kg.name_ar || n.kg.label) : n.kg.label };
    }));
  });
})();
