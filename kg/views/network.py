"""The whole relation graph as a `pyvis` network: what `graph.html` draws.

Nodes are actors (sized by PageRank, coloured by bloc); edges are (subject, relation, object)
with their counts, dates and first evidence sentences under `kg`, which the page's script
turns into tooltips and filters. Nothing here is HTML: the page template escapes it all.
"""

from __future__ import annotations

import math

from pyvis.network import Network

from kg.analysis import Analysis
from kg.knowledge.relations import load_relations
from kg.views.style import QUAD_COLOURS, QUAD_LABELS, bloc_colour

EVIDENCE_PER_EDGE = 3  # the tooltip's first sentences; the pair view lists them all

# physics settles the layout from a fixed seed, then the page switches it off: a stable picture
OPTIONS = {
    "layout": {"randomSeed": 0, "improvedLayout": True},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 120, "avoidOverlap": 0.6},
        "stabilization": {"enabled": True, "iterations": 400, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    "nodes": {"shape": "dot", "font": {"size": 15, "face": "system-ui, sans-serif", "strokeWidth": 3,
                                       "strokeColor": "#ffffff"}},
    "edges": {"selectionWidth": 2, "hoverWidth": 1.5},
}


def actor_page(actor_id: str) -> str:
    """Where an actor's ego view is, relative to the output folder."""
    return f"actors/{_file_safe(actor_id)}.html"


def pair_page(a: str, b: str) -> str:
    a, b = sorted((a, b))
    return f"pairs/{_file_safe(a)}--{_file_safe(b)}.html"


def _file_safe(actor_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in actor_id)


def build_network(analysis: Analysis) -> Network:
    relations = load_relations()
    net = Network(directed=True)
    top = max((a.pagerank for a in analysis.actors), default=0) or 1
    for actor in analysis.actors:
        net.add_node(
            actor.id,
            label=actor_label(actor),
            color=bloc_colour(actor.bloc),
            size=round(10 + 34 * math.sqrt(actor.pagerank / top), 1),
            kg={
                "id": actor.id, "label": actor_label(actor), "name_en": actor.name_en, "name_ar": actor.name_ar, "kind": actor.kind,
                "bloc": actor.bloc, "pagerank": actor.pagerank, "betweenness": actor.betweenness,
                "degree": actor.degree, "assertions": actor.weighted_degree, "href": actor_page(actor.id),
            },
        )
    parallel: dict[tuple[str, str], int] = {}
    for s, o, data in analysis.graph.edges(data=True):
        pair = tuple(sorted((s, o)))
        index = parallel[pair] = parallel.get(pair, -1) + 1
        dated = sum(data["periods"].values())
        net.add_edge(
            s, o,
            id=f"{s}|{data['relation']}|{o}",
            color=QUAD_COLOURS[data["quad_class"]],
            width=round(1 + 1.6 * math.log2(1 + data["count"]), 2),
            arrows={"to": {"enabled": not data["symmetric"], "scaleFactor": 0.6}},
            dashes=data["quad_class"] == "structural",
            smooth=_curve(index, reverse=s > o),
            kg={
                "subject": s, "object": o, "relation": data["relation"],
                "relation_label": relations[data["relation"]].label_en,
                "quad_class": data["quad_class"], "quad_label": QUAD_LABELS[data["quad_class"]],
                "symmetric": data["symmetric"], "goldstein": data["goldstein"], "count": data["count"],
                "articles": data["articles"], "first": data["first"], "last": data["last"],
                "periods": sorted(data["periods"]), "undated": data["count"] - dated,
                "evidence": [
                    {"sentence": e.sentence, "title": e.title, "date": e.date, "doc": e.doc}
                    for e in data["evidence"][:EVIDENCE_PER_EDGE]
                ],
                "more": max(0, len(data["evidence"]) - EVIDENCE_PER_EDGE),
                "href": pair_page(s, o),
            },
        )
    net.options = OPTIONS
    return net


def actor_label(actor) -> str:
    """States by name; organisations and groups by their short id (NATO, not North Atlantic
    Treaty Organization), which is how analysts name them and keeps the drawing legible."""
    return actor.id if actor.kind in ("organisation", "group") else actor.name_en


def _curve(index: int, reverse: bool) -> dict:
    """Parallel edges of one pair bend away from each other, alternately left and right (sides
    seen from the pair's first actor: an edge drawn the other way round flips its bend)."""
    if index == 0:
        return {"enabled": False}
    side = "curvedCW" if (index % 2) != reverse else "curvedCCW"
    return {"enabled": True, "type": side, "roundness": round(0.18 * ((index + 1) // 2), 2)}
