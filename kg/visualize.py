"""Step 5: the views an analyst opens, fully offline.

`render_views(analysis, out_dir)` writes `index.html` (the report), `graph.html` (the whole
graph, drawn by vis-network through `pyvis`), one ego view per actor under `actors/` and one
view per pair under `pairs/`. Every script and style is inline: no page asks any host for
anything. Templates are Jinja with autoescape on; data for scripts goes through `tojson`,
which escapes `<`, `>`, `&` and `'`: article text shows as text, whatever it contains.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
import pyvis
from markupsafe import Markup

from kg.analysis import Analysis
from kg.knowledge.relations import QUAD_CLASSES, load_relations
from kg.resources import PACKAGE_DIR
from kg.util import atomic_writer
from kg.views.charts import ego_chart, timeline_chart
from kg.views.network import actor_label, actor_page, build_network, pair_page
from kg.views.style import QUAD_COLOURS, QUAD_LABELS, bloc_colour

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TOP_PAIRS = 15
TOP_ACTORS = 20
TOP_CHANGES = 15


class _Names(dict):
    """Actor names by id; an id without data (an organisation known only from the actor base)
    is its own name."""

    def __missing__(self, actor_id: str) -> dict:
        return {"label": actor_id, "full_name": actor_id, "name_ar": None}


def render_views(analysis: Analysis, out_dir: str | Path) -> list[Path]:
    """Write every view of `analysis` under `out_dir`; returns the files written."""
    out_dir = Path(out_dir)
    site, edges_of = _site(analysis), _edges_by_pair(analysis)
    pages = {"index.html": _report(analysis, site), "graph.html": _graph(analysis, site)}
    for actor in analysis.actors:
        pages[actor_page(actor.id)] = _actor_view(analysis, site, actor, edges_of)
    for pair in analysis.pairs:
        pages[pair_page(pair.a, pair.b)] = _pair_view(analysis, site, pair, edges_of[pair.a, pair.b])
    written = []
    for name, html in pages.items():
        written.append(out_dir / name)
        with atomic_writer(written[-1], durable=False) as out:  # views are regenerated from the store
            out.write(html)
    return written


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        quad_colours=QUAD_COLOURS, quad_labels=QUAD_LABELS, bloc_colour=bloc_colour, pair_href=pair_page,
    )
    return env


def _site(analysis: Analysis) -> dict:
    """What every page shows or links with, computed once for all of them."""
    names = _Names({a.id: {"label": actor_label(a), "full_name": a.name_en, "name_ar": a.name_ar}
                    for a in analysis.actors})
    pages = {a.id for a in analysis.actors}
    return {
        "summary": analysis.summary(),
        "names": names,
        "actor_href": lambda actor_id: actor_page(actor_id) if actor_id in pages else "index.html",
        "relation_labels": {name: spec.label_en for name, spec in load_relations().items()},
        "granularity": analysis.granularity,
    }


def _render(template: str, site: dict, root: str, **context) -> str:
    return _environment().get_template(template).render(site, root=root, **context)


def _report(analysis: Analysis, site: dict) -> str:
    by_balance = sorted(analysis.pairs, key=lambda p: (-p.balance.sum, p.a, p.b))
    return _render(
        "index.html", site, "",
        timeline_svg=timeline_chart(analysis.timeline),
        top_volume=analysis.pairs[:TOP_PAIRS],
        most_cooperative=[p for p in by_balance if p.balance.sum > 0][:TOP_PAIRS // 2 + 1],
        most_conflictual=[p for p in reversed(by_balance) if p.balance.sum < 0][:TOP_PAIRS // 2 + 1],
        blocs=analysis.blocs,
        central=analysis.actors[:TOP_ACTORS],
        split=analysis.split,
        changes=analysis.changes[:TOP_CHANGES],
        articles=sorted(analysis.articles.items(), key=lambda x: (x[1]["date"] or "", x[0])),
        all_actors=sorted(analysis.actors, key=lambda a: a.name_en),
        all_pairs=sorted(analysis.pairs, key=lambda p: (p.a, p.b)),
    )


def _graph(analysis: Analysis, site: dict) -> str:
    net = build_network(analysis)
    relations = load_relations()
    counts: dict[str, int] = {}
    for edge in net.edges:
        counts[edge["kg"]["relation"]] = counts.get(edge["kg"]["relation"], 0) + edge["kg"]["count"]
    names = {a.id: actor_label(a) for a in analysis.actors}
    return _render(
        "graph.html", site, "",
        vis_js=Markup(_vis_asset("vis-network.min.js")),
        vis_css=Markup(_vis_asset("vis-network.css")),
        data={"nodes": net.nodes, "edges": net.edges, "options": net.options, "periods": list(analysis.timeline)},
        quads=[q for q in QUAD_CLASSES if any(relations[r].quad_class == q for r in counts)],
        relations=[{"name": r, "label_en": spec.label_en, "quad_class": spec.quad_class, "count": counts[r]}
                   for r, spec in relations.items() if r in counts],
        periods=list(analysis.timeline),
        blocs=[{"id": b.id, "names": [names[m] for m in b.members]} for b in analysis.blocs],
    )


@lru_cache(maxsize=None)
def _vis_asset(name: str) -> str:
    """vis-network as pyvis ships it, to inline: pyvis's own template would link it from a CDN."""
    return (VIS_DIR / name).read_text(encoding="utf-8")


def _edges_by_pair(analysis: Analysis) -> dict[tuple[str, str], list[dict]]:
    """The edges of each pair (both directions), most assertions first: indexed once, for every page."""
    edges: dict[tuple[str, str], list[dict]] = {}
    for edge in sorted(analysis.edges(), key=lambda e: (-e["count"], e["relation"], e["subject"], e["object"])):
        edges.setdefault(tuple(sorted((edge["subject"], edge["object"]))), []).append(edge)
    return edges


def _actor_view(analysis: Analysis, site: dict, actor, edges_of: dict[tuple[str, str], list[dict]]) -> str:
    names = {a.id: actor_label(a) for a in analysis.actors}
    partners = [
        {"id": p.id, "label": names.get(p.id, p.id), "count": p.count, "balance": p.balance,
         "href": "../" + pair_page(actor.id, p.id)}
        for p in actor.partners
    ]
    keys = [tuple(sorted((actor.id, p.id))) for p in actor.partners]
    return _render(
        "actor.html", site, "../",
        actor=actor,
        ego_svg=ego_chart(actor.id, partners),
        pairs=[analysis.pair(*key) for key in keys],
        edges=[edge for key in keys for edge in edges_of[key]],
    )


def _pair_view(analysis: Analysis, site: dict, pair, edges: list[dict]) -> str:
    return _render(
        "pair.html", site, "../",
        pair=pair,
        timeline_svg=timeline_chart(_pair_timeline(analysis, edges), height=180),
        edges=edges,
    )


def _pair_timeline(analysis: Analysis, edges: list[dict]) -> dict[str, dict[str, int]]:
    """The pair's assertions per period, on the corpus's time axis so that views compare."""
    timeline = {p: dict.fromkeys(QUAD_CLASSES, 0) for p in analysis.timeline}
    for e in edges:
        for period, count in e["periods"].items():
            timeline[period][e["quad_class"]] += count
    return timeline
