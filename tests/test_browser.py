"""The views in a real browser: Debian's headless Chromium, driven by Playwright, network cut.

The pages are rendered from the gold triples of the five sample articles, plus one article
whose title and evidence are hostile markup. Screenshots go to output/browser/ for a person
to look at. Without Chromium the test is skipped, except in CI (env CI set), where it fails.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.analyze import analyze_assertions
from kg.records import Assertion
from kg.visualize import render_views

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DATA = Path(__file__).parent / "data"
SCREENSHOTS = Path("output") / "browser"
# the sample articles' dates, as printed in them (001 carries none: it gets its publication month)
SAMPLE_DATES = {"000": "2022-01-27", "001": "2022-01-10", "002": "2024-11-21", "003": "2023-05-04", "004": "2022-02-28"}
HOSTILE = '</textarea></script><script>window.__pwned = true</script>"<img src=x onerror="window.__pwned=true">'


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


def _assertion(record: dict) -> Assertion:
    return Assertion(doc=record["doc"], subject=record["subject"], relation=record["relation"],
                     object=record["object"], evidence=record["evidence"], start=0, end=len(record["evidence"]),
                     trigger="", subject_text="", object_text="", confidence=1.0,
                     date=SAMPLE_DATES.get(record["doc"][:3], "2024-11-30"), lang="ar")


@pytest.fixture(scope="module")
def analysis():
    lines = (DATA / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    records.append({"doc": "hostile.txt", "subject": "RUS", "relation": "consult", "object": "TUR", "evidence": HOSTILE})
    return analyze_assertions([_assertion(r) for r in records], titles={"hostile.txt": HOSTILE})


@pytest.fixture(scope="module")
def site(analysis, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    render_views(analysis, out)
    return out


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
    edge = analysis.graph.edges["TALIBAN", "AFG", "assault"]  # the only edge of its pair: a straight line
    x, y = page.evaluate("""() => {
        const net = kgGraph.network, p = net.getPositions(["TALIBAN", "AFG"]);
        const mid = net.canvasToDOM({x: (p.TALIBAN.x + p.AFG.x) / 2, y: (p.TALIBAN.y + p.AFG.y) / 2});
        const box = document.getElementById("network").getBoundingClientRect();
        return [box.left + mid.x, box.top + mid.y];
    }""")
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    page.screenshot(path=str(SCREENSHOTS / "graph-hover.png"))
    assert edge["evidence"][0].sentence in tooltip.inner_text()
    assert "assault (material conflict)" in tooltip.inner_text()
    assert edge["evidence"][0].sentence in page.locator("#details").inner_text()


def test_quad_class_and_relation_filters_hide_their_edges(graph_page, analysis):
    page = graph_page.page
    page.uncheck('input[data-quad="material_conflict"]')
    expected = {f"{s}|{r}|{o}" for s, o, r, q in analysis.graph.edges(keys=True, data="quad_class") if q != "material_conflict"}
    assert visible(page, "edges") == expected
    assert {"AFG", "TALIBAN"}.isdisjoint(visible(page, "nodes"))  # they had nothing but an assault
    page.check('input[data-quad="material_conflict"]')
    page.uncheck('input[data-relation="consult"]')
    assert visible(page, "edges") == {f"{s}|{r}|{o}" for s, o, r in analysis.graph.edges(keys=True) if r != "consult"}


def test_period_filter_keeps_the_edges_of_the_period(graph_page, analysis):
    page = graph_page.page
    page.select_option("#period-from", "2024-11")
    page.select_option("#period-to", "2024-11")
    expected = {f"{s}|{r}|{o}" for s, o, r, periods in analysis.graph.edges(keys=True, data="periods") if "2024-11" in periods}
    assert visible(page, "edges") == expected
    assert visible(page, "nodes") == {n for key in expected for n in (key.split("|")[0], key.split("|")[2])}
    page.select_option("#period-from", "2022-01")
    assert len(visible(page, "edges")) == analysis.graph.number_of_edges()


@pytest.mark.parametrize("name", ["index.html", "pairs/RUS--TUR.html", "actors/TUR.html"])
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
