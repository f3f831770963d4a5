"""The views in a real browser: Debian's headless Chromium, driven by Playwright, network cut.

The site is `kg build`'s on the bundled samples plus one article whose title and evidence are
hostile markup (tests/data/views/hostile.txt). Screenshots go to output/browser/ for a person
to look at. Without Chromium the test is skipped, except in CI (env CI set), where it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.analysis import analyze
from kg.builder import build
from kg.resources import sample_corpus_dir

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE_ARTICLE = Path(__file__).parent / "data" / "views" / "hostile.txt"
HOSTILE = '</textarea></script><script>window.__pwned = true</script>"<img src=x onerror="window.__pwned=true">'
SCREENSHOTS = Path("output") / "browser"


def _require_browser():
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install playwright)")
    if missing:
        message = "browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build([sample_corpus_dir(), HOSTILE_ARTICLE], out)
    return out


@pytest.fixture(scope="module")
def analysis(site):
    return analyze(site / "store")


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A browser tab with every request but file:// aborted, recording errors and requests."""

    def __init__(self, browser, url: str):
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(url)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


@pytest.fixture()
def graph_page(browser, site):
    tab = Page(browser, (site / "graph.html").as_uri())
    tab.page.wait_for_function("window.kgGraph && window.kgGraph.stable", timeout=60_000)
    yield tab
    tab.page.close()


def visible(page, kind: str) -> set[str]:
    return set(page.evaluate(f"kgGraph.{kind}.get({{filter: x => !x.hidden}}).map(x => x.id)"))


def test_graph_renders_every_node_and_edge(graph_page, analysis):
    page = graph_page.page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "graph.png"))
    rendered = page.evaluate("[kgGraph.network.body.nodeIndices.length, kgGraph.network.body.edgeIndices.length]")
    assert rendered == [analysis.graph.number_of_nodes(), analysis.graph.number_of_edges()]
    assert len(visible(page, "edges")) == analysis.graph.number_of_edges()
    assert (graph_page.errors, graph_page.blocked) == ([], [])
    assert page.evaluate("window.__pwned") is None


def test_hovering_an_edge_shows_its_evidence(graph_page, analysis):
    page = graph_page.page
    # an edge alone between its two actors is a straight line: hover its middle, where no
    # node and no other edge lies (the layout is seeded, so the same edge every run)
    alone = [(s, r, o) for s, o, r in analysis.graph.edges(keys=True) if analysis.graph.number_of_edges(s, o) +
             analysis.graph.number_of_edges(o, s) == 1]
    x, y, edge_id = page.evaluate("""(candidates) => {
        const net = kgGraph.network, box = document.getElementById("network").getBoundingClientRect();
        for (const [s, r, o] of candidates) {
            const p = net.getPositions([s, o]);
            const mid = net.canvasToDOM({x: (p[s].x + p[o].x) / 2, y: (p[s].y + p[o].y) / 2});
            const id = s + "|" + r + "|" + o;
            if (net.getEdgeAt(mid) === id && net.getNodeAt(mid) === undefined) return [box.left + mid.x, box.top + mid.y, id];
        }
    }""", alone)
    subject, relation, obj = edge_id.split("|")
    edge = analysis.graph.edges[subject, obj, relation]
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    page.screenshot(path=str(SCREENSHOTS / "graph-hover.png"))
    assert edge["evidence"][0].sentence in tooltip.inner_text()
    assert f"{edge['count']} assertion(s) in {edge['articles']} article(s)" in tooltip.inner_text()
    assert edge["evidence"][0].sentence in page.locator("#details").inner_text()


def edge_ids(analysis, keep) -> set[str]:
    return {f"{s}|{r}|{o}" for s, o, r, data in analysis.graph.edges(keys=True, data=True) if keep(r, data)}


def test_quad_class_and_relation_filters_hide_their_edges(graph_page, analysis):
    page = graph_page.page
    page.uncheck('input[data-quad="material_conflict"]')
    assert visible(page, "edges") == edge_ids(analysis, lambda r, d: d["quad_class"] != "material_conflict")
    page.check('input[data-quad="material_conflict"]')
    page.uncheck('input[data-relation="consult"]')
    assert visible(page, "edges") == edge_ids(analysis, lambda r, d: r != "consult")
    page.uncheck('input[data-quad="verbal_cooperation"]')
    page.uncheck('input[data-quad="material_cooperation"]')
    expected = edge_ids(analysis, lambda r, d: r != "consult" and not d["quad_class"].endswith("cooperation"))
    assert visible(page, "edges") == expected
    assert visible(page, "nodes") == {actor for key in expected for actor in key.split("|")[::2]}


def test_period_filter_keeps_the_edges_of_the_period(graph_page, analysis):
    page = graph_page.page
    periods = list(analysis.timeline)
    page.select_option("#period-from", periods[-1])
    expected = edge_ids(analysis, lambda r, d: periods[-1] in d["periods"])
    assert expected and visible(page, "edges") == expected
    assert visible(page, "nodes") == {actor for key in expected for actor in key.split("|")[::2]}
    page.select_option("#period-from", periods[0])
    assert len(visible(page, "edges")) == analysis.graph.number_of_edges()


@pytest.mark.parametrize("name", ["index.html", "pairs/RUS--TUR.html", "actors/TUR.html", "actors/RUS.html"])
def test_pages_load_clean_and_hostile_text_runs_nothing(browser, site, name):
    tab = Page(browser, (site / name).as_uri())
    page = tab.page
    page.wait_for_load_state("load")
    if name == "index.html":
        page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    assert (tab.errors, tab.blocked) == ([], [])
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0  # the hostile <img> is text, not an element
    assert page.get_by_text(HOSTILE, exact=False).count() >= 1  # shown as the text it is
    page.close()
