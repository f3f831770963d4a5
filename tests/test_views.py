"""The HTML views: which files, offline, escaped, and the graph data they draw."""

from __future__ import annotations

import json
import re

import pytest

from kg.analysis import analyze_assertions
from kg.records import Assertion
from kg.views.charts import ego_chart, timeline_chart
from kg.views.network import build_network
from kg.visualize import render_views

HOSTILE = '<script>window.__pwned = 1</script> "quoted" </textarea> </script><img src=x onerror="window.__pwned=2">'


def fact(subject, relation, obj, date="2024-01-15", doc="a.txt", evidence="وقعت روسيا وكوبا اتفاقية للتعاون العسكري."):
    return Assertion(doc=doc, subject=subject, relation=relation, object=obj, evidence=evidence, start=0,
                     end=len(evidence), trigger="", subject_text="", object_text="", confidence=1.0,
                     date=date, lang="ar")


ASSERTIONS = [
    fact("CUB", "military_cooperation", "RUS"),
    fact("CUB", "consult", "RUS", date="2024-03-02", doc="b.txt"),
    fact("RUS", "disapprove", "USA", doc="hostile.txt", evidence=HOSTILE),
    fact("USA", "member_of", "NATO", date=None, doc="c.txt"),
]
TITLES = {"a.txt": "روسيا تعمق التعاون العسكري مع كوبا", "hostile.txt": HOSTILE}


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    written = render_views(analyze_assertions(ASSERTIONS, titles=TITLES), out)
    return out, written


def test_the_files_written(views):
    out, written = views
    assert sorted(str(p.relative_to(out)) for p in written) == [
        "actors/CUB.html", "actors/NATO.html", "actors/RUS.html", "actors/USA.html", "graph.html", "index.html",
        "pairs/CUB--RUS.html", "pairs/NATO--USA.html", "pairs/RUS--USA.html",
    ]


# an external resource in any form: an http(s) or protocol-relative URL in src/href, a
# stylesheet link, a script loaded from a file, or a CSS import
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|<link\b|<script[^>]*\bsrc=|@import|url\(\s*["']?https?:""", re.I)


def test_every_page_works_offline(views):
    _, written = views
    for page in written:
        html = page.read_text(encoding="utf-8")
        assert EXTERNAL.findall(html) == [], page


def test_graph_inlines_vis_network(views):
    out, _ = views
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "vis-network" in html and "new vis.Network(" in html


def test_article_text_is_escaped_in_markup(views):
    out, written = views
    for page in written:
        html = page.read_text(encoding="utf-8")
        assert "window.__pwned = 1</script>" not in html, page
        assert "<img src=x" not in html, page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt; &#34;quoted&#34; &lt;/textarea&gt;" in index
    pair = (out / "pairs" / "RUS--USA.html").read_text(encoding="utf-8")
    assert pair.count("&lt;script&gt;window.__pwned = 1") == 2  # the evidence and its article title


def test_article_text_survives_intact_in_the_graph_data(views):
    """The script data block ends at the first `</script>`: it must parse whole and hold the text as it was."""
    out, _ = views
    html = (out / "graph.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    hostile = next(e for e in data["edges"] if e["kg"]["relation"] == "disapprove")
    assert hostile["kg"]["evidence"] == [{"sentence": HOSTILE, "title": HOSTILE, "date": "2024-01-15", "doc": "hostile.txt"}]


def test_network_data():
    analysis = analyze_assertions(ASSERTIONS, titles=TITLES)
    net = build_network(analysis)
    assert [n["id"] for n in net.nodes] == [a.id for a in analysis.actors]
    edges = {e["id"]: e for e in net.edges}
    assert sorted(edges) == ["CUB|consult|RUS", "CUB|military_cooperation|RUS", "RUS|disapprove|USA", "USA|member_of|NATO"]
    # symmetric relations have no arrow; the pair's second edge (by date) bends away from the first
    assert {i: e["arrows"]["to"]["enabled"] for i, e in edges.items()} == {
        "CUB|consult|RUS": False, "CUB|military_cooperation|RUS": False, "RUS|disapprove|USA": True,
        "USA|member_of|NATO": True,
    }
    assert [edges[i]["smooth"] for i in ("CUB|military_cooperation|RUS", "CUB|consult|RUS")] == [
        {"enabled": False}, {"enabled": True, "type": "curvedCW", "roundness": 0.18},
    ]
    assert {i: e["color"] for i, e in edges.items()} == {
        "CUB|consult|RUS": "#7fbf7b", "CUB|military_cooperation|RUS": "#1b7837", "RUS|disapprove|USA": "#f1a340",
        "USA|member_of|NATO": "#9e9e9e",
    }
    assert edges["CUB|consult|RUS"]["kg"]["periods"] == ["2024-03"]
    assert (edges["USA|member_of|NATO"]["kg"]["undated"], edges["USA|member_of|NATO"]["dashes"]) == (1, True)


def test_timeline_chart_draws_one_bar_per_nonzero_count():
    chart = timeline_chart({
        "2024-01": {"verbal_cooperation": 2, "material_cooperation": 1, "verbal_conflict": 0, "material_conflict": 1, "structural": 0},
        "2024-02": {"verbal_cooperation": 0, "material_cooperation": 0, "verbal_conflict": 3, "material_conflict": 0, "structural": 0},
    })
    assert chart.count("<rect") == 4
    assert "<title>2024-02: 3 verbal conflict</title>" in chart


def test_ego_chart_colours_partners_by_balance_and_escapes_names():
    chart = ego_chart("RUS", [
        {"id": "CUB", "label": "Cuba", "count": 4, "balance": 20.6, "href": "../pairs/CUB--RUS.html"},
        {"id": "CSTO", "label": "CSTO", "count": 1, "balance": 0.0, "href": "../pairs/CSTO--RUS.html"},
        {"id": "XXX", "label": "<b>X</b>", "count": 2, "balance": -9.0, "href": "../pairs/RUS--XXX.html"},
    ])
    assert re.findall(r'<line [^>]*stroke="(#\w+)"', chart) == ["#1b7837", "#9e9e9e", "#b2182b"]
    assert "&lt;b&gt;X&lt;/b&gt; (-9.0)" in chart and "<b>" not in chart
    assert 'href="../pairs/CUB--RUS.html"' in chart
