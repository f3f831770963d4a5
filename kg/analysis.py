"""Step 4: the analysis of the relation graph, on networkx.

Pure functions over `Assertion`s (`analyze_assertions`), and `analyze` that reads them from the
RDF store. The result, `Analysis`, holds the multigraph (one edge per subject, relation,
object, with counts, dates and evidence), the per-pair balance of cooperation and conflict
(Goldstein values from `ontology/relations.yaml`), per-actor centrality, the blocs found on
the cooperation graph, and the pairs whose balance moved most between two periods.
The JSON form is documented in docs/analysis.md.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

import networkx as nx
import numpy as np

from kg.errors import KgError
from kg.knowledge.relations import QUAD_CLASSES, load_relations
from kg.records import Assertion
from kg.util import atomic_writer

SCHEMA_VERSION = 1
COOPERATION = ("verbal_cooperation", "material_cooperation")
CONFLICT = ("verbal_conflict", "material_conflict")
GRANULARITIES = ("month", "quarter")
LOUVAIN_SEED = 0  # a fixed seed: the same corpus always gives the same blocs


@dataclass(frozen=True)
class Evidence:
    doc: str
    title: str | None
    date: str | None
    sentence: str


@dataclass
class Balance:
    """Goldstein values of a set of assertions: how cooperative (+10) or hostile (-10) they are."""

    count: int = 0  # assertions with a Goldstein value (structural ones have none)
    sum: float = 0.0

    @property
    def mean(self) -> float | None:
        return round(self.sum / self.count, 4) if self.count else None

    def add(self, goldstein: float | None) -> None:
        if goldstein is not None:
            self.count += 1
            self.sum = round(self.sum + goldstein, 4)

    def to_json(self) -> dict:
        return {"count": self.count, "sum": self.sum, "mean": self.mean}


@dataclass
class PairStats:
    """Everything between two actors, whatever the direction: `a` < `b`."""

    a: str
    b: str
    count: int = 0
    by_quad_class: dict[str, int] = field(default_factory=dict)
    by_relation: dict[str, int] = field(default_factory=dict)
    balance: Balance = field(default_factory=Balance)
    first: str | None = None
    last: str | None = None
    trend: dict[str, Balance] = field(default_factory=dict)  # period -> balance

    @property
    def conflict(self) -> int:
        return sum(self.by_quad_class.get(q, 0) for q in CONFLICT)

    @property
    def cooperation(self) -> int:
        return sum(self.by_quad_class.get(q, 0) for q in COOPERATION)

    def to_json(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "count": self.count,
            "by_quad_class": self.by_quad_class,
            "by_relation": self.by_relation,
            "balance": self.balance.to_json(),
            "first": self.first,
            "last": self.last,
            "trend": [{"period": p, **b.to_json()} for p, b in self.trend.items()],
        }


@dataclass
class Partner:
    id: str
    count: int
    balance: float  # sum of the pair's Goldstein values
    conflict: int  # conflict assertions between the two


@dataclass
class ActorStats:
    id: str
    name_en: str
    name_ar: str | None
    kind: str | None
    degree: int  # distinct partners
    weighted_degree: int  # assertions the actor takes part in
    pagerank: float
    betweenness: float
    bloc: int | None
    memberships: list[str]  # organisations, from the actor data and the articles
    partners: list[Partner]  # best balance first
    conflict_dyads: list[str]  # partners with a conflict assertion, worst balance first


@dataclass
class Bloc:
    id: int
    members: list[str]
    memberships: dict[str, list[str]]  # organisation -> the bloc members that belong to it


@dataclass
class Change:
    a: str
    b: str
    before: Balance
    after: Balance
    delta: float  # mean Goldstein after - before; a period without assertions counts as 0

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "before": self.before.to_json(),
                "after": self.after.to_json(), "delta": self.delta}


@dataclass
class Analysis:
    graph: nx.MultiDiGraph  # nodes: actor ids; edges keyed by relation
    pairs: list[PairStats]  # most assertions first
    actors: list[ActorStats]  # highest PageRank first
    blocs: list[Bloc]
    changes: list[Change]  # biggest move first
    split: str | None  # the date that separates the two periods of `changes`
    timeline: dict[str, dict[str, int]]  # period -> quad class -> assertions
    articles: dict[str, dict]  # doc -> {"title", "date"}
    granularity: str
    filters: dict[str, str | None]
    _pair_index: dict = field(default_factory=dict, repr=False, compare=False)  # built on first `pair()`

    def actor(self, actor_id: str) -> ActorStats | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def pair(self, a: str, b: str) -> PairStats | None:
        if len(self._pair_index) != len(self.pairs):
            self._pair_index = {(p.a, p.b): p for p in self.pairs}
        return self._pair_index.get(tuple(sorted((a, b))))

    def edges(self) -> list[dict]:
        """One row per (subject, relation, object), in graph order."""
        return [{"subject": s, "object": o, **data} for s, o, data in self.graph.edges(data=True)]

    def summary(self) -> dict:
        dates = [a["date"] for a in self.articles.values() if a["date"]]
        return {
            "articles": len(self.articles),
            "assertions": sum(p.count for p in self.pairs),
            "actors": self.graph.number_of_nodes(),
            "pairs": len(self.pairs),
            "edges": self.graph.number_of_edges(),
            "first": min(dates, default=None),
            "last": max(dates, default=None),
        }

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA_VERSION,
            "filters": self.filters,
            "granularity": self.granularity,
            "summary": self.summary(),
            "articles": self.articles,
            "edges": [_edge_json(e) for e in self.edges()],
            "pairs": [p.to_json() for p in self.pairs],
            "actors": [asdict(a) for a in self.actors],
            "blocs": [asdict(b) for b in self.blocs],
            "changes": {"split": self.split, "pairs": [c.to_json() for c in self.changes]},
            "timeline": [{"period": p, **counts} for p, counts in self.timeline.items()],
        }

    def write(self, out_dir: str | Path) -> list[Path]:
        """analysis.json and one CSV table per section, each written whole."""
        out_dir = Path(out_dir)
        path = out_dir / "analysis.json"
        with atomic_writer(path) as out:
            json.dump(self.to_json(), out, ensure_ascii=False, indent=1)
        written = [path]
        for name, rows in _csv_tables(self).items():
            written.append(out_dir / f"{name}.csv")
            with atomic_writer(written[-1]) as out:
                writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["empty"])
                writer.writeheader()
                writer.writerows(rows)
        return written


def _edge_json(edge: dict) -> dict:
    return {**edge, "evidence": [asdict(e) for e in edge["evidence"]]}


def _csv_tables(analysis: Analysis) -> dict[str, list[dict]]:
    quads = {q: 0 for q in QUAD_CLASSES}
    return {
        "edges": [
            {k: e[k] for k in ("subject", "relation", "object", "quad_class", "goldstein",
                               "count", "articles", "first", "last")}
            for e in analysis.edges()
        ],
        "pairs": [
            {"a": p.a, "b": p.b, "count": p.count, **(quads | p.by_quad_class),
             "balance_sum": p.balance.sum, "balance_mean": p.balance.mean, "first": p.first,
             "last": p.last}
            for p in analysis.pairs
        ],
        "actors": [
            {"id": a.id, "name_en": a.name_en, "name_ar": a.name_ar, "kind": a.kind,
             "degree": a.degree, "weighted_degree": a.weighted_degree, "pagerank": a.pagerank,
             "betweenness": a.betweenness, "bloc": a.bloc,
             "conflict_dyads": " ".join(a.conflict_dyads)}
            for a in analysis.actors
        ],
        "blocs": [
            {"bloc": b.id, "members": " ".join(b.members),
             "memberships": "; ".join(f"{org}: {' '.join(m)}" for org, m in b.memberships.items())}
            for b in analysis.blocs
        ],
        "changes": [
            {"a": c.a, "b": c.b, "before_count": c.before.count, "before_mean": c.before.mean,
             "after_count": c.after.count, "after_mean": c.after.mean, "delta": c.delta}
            for c in analysis.changes
        ],
        "timeline": [{"period": p, **counts} for p, counts in analysis.timeline.items()],
    }


def period_of(date: str | None, granularity: str = "month") -> str | None:
    """'2022-01-27' -> '2022-01' (month) or '2022-Q1' (quarter)."""
    if not date:
        return None
    if granularity == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
    return date[:7]


def analyze_assertions(
    assertions: Iterable[Assertion],
    *,
    titles: dict[str, str] | None = None,
    actors=None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    granularity: str = "month",
    split: str | None = None,
) -> Analysis:
    """Analyse assertions; `actor` keeps those it takes part in, `since`/`until` bound the dates
    (inclusive ISO dates; undated assertions are dropped when either is given). `actors` is the
    actor base (`kg.knowledge.actors.load_actors()`) for names and memberships. `split` is the
    first date of the second period for `changes` (default: the median article date)."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {GRANULARITIES}, not {granularity!r}")
    titles = titles or {}
    selected = sorted(
        (a for a in assertions if _selected(a, actor, since, until)),
        key=lambda a: (a.date or "", a.doc, a.start, a.subject, a.relation, a.object),
    )
    graph = _build_graph(selected, titles, actors, granularity)
    pairs = _pair_stats(selected, granularity)
    memberships = _memberships(selected, actors)
    blocs, bloc_of = _blocs(pairs, memberships, _universal_organisations(actors))
    split = split or _median_date(selected)
    return Analysis(
        graph=graph,
        pairs=pairs,
        actors=_actor_stats(graph, pairs, bloc_of, memberships),
        blocs=blocs,
        changes=_changes(selected, split) if split else [],
        split=split,
        timeline=_timeline(selected, granularity),
        articles={a.doc: {"title": titles.get(a.doc), "date": a.date}
                  for a in sorted(selected, key=lambda a: a.doc)},
        granularity=granularity,
        filters={"actor": actor, "since": since, "until": until},
    )


def analyze(
    store: str | Path = "output/store",
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    granularity: str = "month",
) -> Analysis:
    """Analyse the assertions of the RDF store that `kg build` wrote."""
    from kg.knowledge.actors import load_actors
    from kg.rdf.store import open_store

    with open_store(store, read_only=True) as kg_store:
        titles = {doc: info["title"] for doc, info in kg_store.articles().items()}
        assertions = kg_store.read_assertions()
    if actor and not any(actor in (a.subject, a.object) for a in assertions):
        raise KgError(f"no assertion in {store} involves the actor {actor!r}")
    return analyze_assertions(
        assertions, titles=titles, actors=load_actors(), actor=actor, since=since, until=until,
        granularity=granularity,
    )


def summary_tables(analysis: Analysis, top: int = 10) -> list:
    """`rich` tables for a terminal: the actor's partners when the analysis is about one actor,
    else the central actors, the top pairs and the blocs."""
    from rich import box
    from rich.table import Table

    def balance(value: float | None) -> str:
        return "" if value is None else f"[{'green' if value > 0 else 'red' if value < 0 else ''}]{value:+.1f}[/]"

    def pair_table(title: str, pairs: list[PairStats]) -> Table:
        table = Table("pair", "assertions", "cooperation", "conflict", "balance", "mean", title=title, box=box.SIMPLE)
        for p in pairs:
            table.add_row(f"{p.a} – {p.b}", str(p.count), str(p.cooperation), str(p.conflict),
                          balance(p.balance.sum if p.balance.count else None), balance(p.balance.mean))
        return table

    focus = analysis.filters["actor"] and analysis.actor(analysis.filters["actor"])
    if focus:
        title = f"{focus.name_en} ({focus.id}): {focus.degree} partners, PageRank {focus.pagerank:.3f}"
        return [pair_table(title + ", partners by balance", [analysis.pair(focus.id, p.id) for p in focus.partners])]
    central = Table("actor", "PageRank", "betweenness", "partners", "assertions", "bloc", "conflict dyads",
                    title="Central actors", box=box.SIMPLE)
    for a in analysis.actors[:top]:
        central.add_row(a.id, f"{a.pagerank:.3f}", f"{a.betweenness:.3f}", str(a.degree),
                        str(a.weighted_degree), str(a.bloc or ""), " ".join(a.conflict_dyads))
    blocs = Table("bloc", "members", "shared memberships", title="Blocs (cooperation communities)", box=box.SIMPLE)
    for b in analysis.blocs:
        blocs.add_row(str(b.id), " ".join(b.members), "; ".join(f"{o}: {' '.join(m)}" for o, m in b.memberships.items()))
    return [central, pair_table("Top pairs by volume", analysis.pairs[:top]), blocs]


def _selected(a: Assertion, actor: str | None, since: str | None, until: str | None) -> bool:
    if actor and actor not in (a.subject, a.object):
        return False
    if since and not (a.date and a.date >= since):
        return False
    # an ISO date compares as text; `until` is inclusive, even when it is only a year or month
    return not until or bool(a.date and a.date[: len(until)] <= until)


def _label(actors, actor_id: str) -> dict:
    entry = actors.actors.get(actor_id) if actors is not None else None
    if entry is None:
        return {"name_en": actor_id, "name_ar": None, "kind": None}
    return {"name_en": entry.name_en, "name_ar": entry.name_ar, "kind": entry.kind}


def _build_graph(assertions: list[Assertion], titles: dict, actors, granularity: str) -> nx.MultiDiGraph:
    relations = load_relations()
    graph = nx.MultiDiGraph()
    for a in assertions:
        for node in (a.subject, a.object):
            if node not in graph:
                graph.add_node(node, **_label(actors, node))
        if not graph.has_edge(a.subject, a.object, key=a.relation):
            spec = relations[a.relation]
            graph.add_edge(
                a.subject, a.object, key=a.relation, relation=a.relation,
                quad_class=spec.quad_class, goldstein=spec.goldstein, symmetric=spec.symmetric,
                count=0, articles=0, first=None, last=None, periods={}, evidence=[],
            )
        edge = graph.edges[a.subject, a.object, a.relation]
        edge["count"] += 1
        if a.doc not in {e.doc for e in edge["evidence"]}:
            edge["articles"] += 1
        edge["evidence"].append(Evidence(a.doc, titles.get(a.doc), a.date, a.evidence))
        if a.date:
            edge["first"] = min(edge["first"] or a.date, a.date)
            edge["last"] = max(edge["last"] or a.date, a.date)
            period = period_of(a.date, granularity)
            edge["periods"][period] = edge["periods"].get(period, 0) + 1
    return graph


def _pair_stats(assertions: list[Assertion], granularity: str) -> list[PairStats]:
    relations = load_relations()
    pairs: dict[tuple[str, str], PairStats] = {}
    for a in assertions:
        key = tuple(sorted((a.subject, a.object)))
        pair = pairs.setdefault(key, PairStats(*key))
        spec = relations[a.relation]
        pair.count += 1
        pair.by_quad_class[spec.quad_class] = pair.by_quad_class.get(spec.quad_class, 0) + 1
        pair.by_relation[a.relation] = pair.by_relation.get(a.relation, 0) + 1
        pair.balance.add(spec.goldstein)
        if a.date:
            pair.first = min(pair.first or a.date, a.date)
            pair.last = max(pair.last or a.date, a.date)
            pair.trend.setdefault(period_of(a.date, granularity), Balance()).add(spec.goldstein)
    for pair in pairs.values():
        pair.trend = dict(sorted(pair.trend.items()))
    return sorted(pairs.values(), key=lambda p: (-p.count, p.a, p.b))


def _interaction_graph(pairs: list[PairStats]) -> nx.Graph:
    """Undirected, one edge per pair that interacts (membership is structure, not interaction)."""
    graph = nx.Graph()
    for p in pairs:
        interactions = p.count - p.by_quad_class.get("structural", 0)
        if interactions:
            # betweenness reads weights as distances: frequent partners are close
            graph.add_edge(p.a, p.b, weight=interactions, distance=1 / interactions)
    return graph


def _actor_stats(
    graph: nx.MultiDiGraph, pairs: list[PairStats], bloc_of: dict[str, int], memberships: dict[str, set[str]]
) -> list[ActorStats]:
    interactions = _interaction_graph(pairs)
    directed = nx.DiGraph()
    directed.add_nodes_from(sorted(interactions))
    for s, o, data in graph.edges(data=True):
        if data["quad_class"] == "structural":
            continue
        # a symmetric relation is as much one actor's as the other's: it counts both ways
        for u, v in ((s, o), (o, s)) if data["symmetric"] else ((s, o),):
            weight = directed.get_edge_data(u, v, {"weight": 0})["weight"]
            directed.add_edge(u, v, weight=weight + data["count"])
    pagerank = _pagerank(directed)
    betweenness = nx.betweenness_centrality(interactions, weight="distance") if len(interactions) else {}
    by_actor: dict[str, list[Partner]] = defaultdict(list)
    for p in pairs:
        by_actor[p.a].append(Partner(p.b, p.count, p.balance.sum, p.conflict))
        by_actor[p.b].append(Partner(p.a, p.count, p.balance.sum, p.conflict))
    stats = []
    for node, label in graph.nodes(data=True):
        partners = sorted(by_actor[node], key=lambda x: (-x.balance, -x.count, x.id))
        stats.append(ActorStats(
            id=node,
            **label,
            degree=len(partners),
            weighted_degree=sum(x.count for x in partners),
            pagerank=round(pagerank.get(node, 0.0), 6),
            betweenness=round(betweenness.get(node, 0.0), 6),
            bloc=bloc_of.get(node),
            memberships=sorted(memberships.get(node, ())),
            partners=partners,
            conflict_dyads=[x.id for x in sorted(partners, key=lambda x: (x.balance, x.id)) if x.conflict],
        ))
    return sorted(stats, key=lambda s: (-s.pagerank, -s.weighted_degree, s.id))


def _pagerank(graph: nx.DiGraph) -> dict[str, float]:
    """PageRank (damping 0.85) by power iteration on networkx's Google matrix: `nx.pagerank`
    itself needs scipy, which kg has no other use for."""
    nodes = list(graph)
    if not nodes:
        return {}
    matrix = nx.google_matrix(graph, alpha=0.85, weight="weight", nodelist=nodes)
    rank = np.full(len(nodes), 1 / len(nodes))
    for _ in range(1000):
        rank, previous = rank @ matrix, rank
        if np.abs(rank - previous).sum() < 1e-12:
            break
    return dict(zip(nodes, (rank / rank.sum()).tolist()))


def _blocs(
    pairs: list[PairStats], memberships: dict[str, set[str]], universal: set[str]
) -> tuple[list[Bloc], dict[str, int]]:
    """Louvain communities of the graph of pairs whose balance is cooperative, with the
    organisations two or more members share (universal ones, like the UN, tell nothing)."""
    cooperation = nx.Graph()
    for p in pairs:
        if p.balance.sum > 0:
            cooperation.add_edge(p.a, p.b, weight=p.balance.sum)
    communities = nx.community.louvain_communities(cooperation, weight="weight", seed=LOUVAIN_SEED)
    groups = sorted((sorted(c) for c in communities if len(c) > 1), key=lambda m: (-len(m), m))
    blocs, bloc_of = [], {}
    for number, members in enumerate(groups, start=1):
        orgs: dict[str, list[str]] = defaultdict(list)
        for member in members:
            for org in sorted(memberships.get(member, set()) - universal):
                orgs[org].append(member)
        shared = {org: m for org, m in sorted(orgs.items(), key=lambda x: (-len(x[1]), x[0])) if len(m) > 1}
        blocs.append(Bloc(number, members, shared))
        bloc_of.update((m, number) for m in members)
    return blocs, bloc_of


def _memberships(assertions: list[Assertion], actors) -> dict[str, set[str]]:
    """Organisations each actor belongs to: from the actor data, and as the articles state it."""
    found: dict[str, set[str]] = defaultdict(set)
    for a in assertions:
        if a.relation == "member_of":
            found[a.subject].add(a.object)
    if actors is not None:
        for actor_id in {x for a in assertions for x in (a.subject, a.object)}:
            found[actor_id].update(actors.memberships(actor_id))
    return found


def _universal_organisations(actors) -> set[str]:
    """Organisations that more than half the states of the actor data belong to."""
    if actors is None:
        return set()
    states = sum(1 for a in actors.actors.values() if a.kind == "state")
    return {a.id for a in actors.actors.values() if a.kind == "organisation" and 2 * len(a.members) > states}


def _median_date(assertions: list[Assertion]) -> str | None:
    dates = sorted({a.date for a in assertions if a.date})
    return dates[len(dates) // 2] if len(dates) > 1 else None


def _changes(assertions: list[Assertion], split: str) -> list[Change]:
    relations = load_relations()
    periods: dict[tuple[str, str], tuple[Balance, Balance]] = {}
    for a in assertions:
        if not a.date or relations[a.relation].goldstein is None:
            continue
        key = tuple(sorted((a.subject, a.object)))
        before, after = periods.setdefault(key, (Balance(), Balance()))
        (after if a.date >= split else before).add(relations[a.relation].goldstein)
    changes = [
        Change(a, b, before, after, round((after.mean or 0.0) - (before.mean or 0.0), 4))
        for (a, b), (before, after) in periods.items()
    ]
    return sorted((c for c in changes if c.delta), key=lambda c: (-abs(c.delta), c.a, c.b))


def _timeline(assertions: list[Assertion], granularity: str) -> dict[str, dict[str, int]]:
    relations = load_relations()
    counts: dict[str, Counter] = defaultdict(Counter)
    for a in assertions:
        if a.date:
            counts[period_of(a.date, granularity)][relations[a.relation].quad_class] += 1
    if not counts:
        return {}
    periods = _period_range(min(counts), max(counts), granularity)
    return {p: {q: counts[p][q] for q in QUAD_CLASSES} for p in periods}


def _period_range(first: str, last: str, granularity: str) -> list[str]:
    """Every period from first to last, quiet ones included: a chart's x axis is time."""
    periods, year = [], int(first[:4])
    step, index = (3, int(first[6:]) * 3 - 2) if granularity == "quarter" else (1, int(first[5:7]))
    while True:
        period = period_of(f"{year:04d}-{index:02d}-01", granularity)
        periods.append(period)
        if period == last:
            return periods
        index += step
        if index > 12:
            year, index = year + 1, index - 12
