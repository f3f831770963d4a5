"""The analysis on small hand-made assertion sets, with the numbers worked out by hand.

Goldstein values (ontology/relations.yaml): consult +1.0, economic_cooperation +6.4,
military_cooperation +7.4, disapprove -2.0, sanction -4.0, threaten -6.0, assault -9.0.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass

import pytest

from kg.analysis import analyze_assertions, period_of
from kg.records import Assertion


def fact(subject, relation, obj, date="2024-01-15", doc="a.txt", evidence="جملة الدليل."):
    return Assertion(doc=doc, subject=subject, relation=relation, object=obj, evidence=evidence, start=0,
                     end=len(evidence), trigger="", subject_text="", object_text="", confidence=1.0,
                     date=date, lang="ar")


@dataclass
class Actor:
    id: str
    kind: str
    name_en: str
    name_ar: str
    members: tuple[str, ...] = ()


class ActorBase:
    """The two methods of kg.knowledge.actors.ActorBase the analysis uses."""

    def __init__(self, actors, memberships):
        self.actors = {a.id: a for a in actors}
        self._memberships = memberships

    def memberships(self, state_id):
        return self._memberships.get(state_id, [])


def test_pair_balance_counts_and_quad_classes():
    analysis = analyze_assertions([
        fact("CUB", "military_cooperation", "RUS"),
        fact("CUB", "consult", "RUS", doc="b.txt"),
        fact("USA", "disapprove", "RUS"),
        fact("RUS", "threaten", "USA"),
        fact("RUS", "consult", "USA"),
    ])
    cub_rus, rus_usa = analysis.pair("RUS", "CUB"), analysis.pair("USA", "RUS")
    assert (cub_rus.a, cub_rus.b, cub_rus.count) == ("CUB", "RUS", 2)
    assert (cub_rus.balance.sum, cub_rus.balance.mean) == (8.4, 4.2)
    assert cub_rus.by_quad_class == {"material_cooperation": 1, "verbal_cooperation": 1}
    assert (rus_usa.balance.sum, rus_usa.balance.mean) == (-7.0, -2.3333)
    assert rus_usa.by_quad_class == {"verbal_conflict": 2, "verbal_cooperation": 1}
    assert (rus_usa.cooperation, rus_usa.conflict) == (1, 2)
    assert [(p.a, p.b) for p in analysis.pairs] == [("RUS", "USA"), ("CUB", "RUS")]  # most assertions first


def test_membership_has_no_goldstein_value():
    pair = analyze_assertions([fact("USA", "member_of", "NATO")]).pair("USA", "NATO")
    assert (pair.count, pair.balance.count, pair.balance.sum, pair.balance.mean) == (1, 0, 0.0, None)
    assert pair.by_quad_class == {"structural": 1}


def test_edges_count_articles_dates_and_keep_evidence_in_date_order():
    analysis = analyze_assertions([
        fact("BLR", "military_cooperation", "RUS", date="2023-05-04", doc="b.txt", evidence="ثانية"),
        fact("BLR", "military_cooperation", "RUS", date="2022-02-28", doc="a.txt", evidence="أولى"),
        fact("BLR", "military_cooperation", "RUS", date="2022-02-28", doc="a.txt", evidence="ثالثة"),
    ], titles={"a.txt": "عنوان"})
    edge = analysis.graph.edges["BLR", "RUS", "military_cooperation"]
    assert (edge["count"], edge["articles"], edge["first"], edge["last"]) == (3, 2, "2022-02-28", "2023-05-04")
    assert edge["periods"] == {"2022-02": 2, "2023-05": 1}
    assert [(e.sentence, e.title) for e in edge["evidence"]] == [("أولى", "عنوان"), ("ثالثة", "عنوان"), ("ثانية", None)]


def test_centrality_of_a_star():
    """A hub with four partners: the hub lies on every path between two partners (betweenness
    1.0) and its PageRank solves x = 0.15/5 + 0.85 * 4y with y = (1 - x) / 4, so x = 0.4757."""
    analysis = analyze_assertions([fact("RUS", "consult", partner) for partner in ("CUB", "VEN", "NIC", "BLR")])
    assert [a.id for a in analysis.actors] == ["RUS", "BLR", "CUB", "NIC", "VEN"]
    hub, leaf = analysis.actor("RUS"), analysis.actor("CUB")
    assert (round(hub.pagerank, 4), hub.betweenness, hub.degree, hub.weighted_degree) == (0.4757, 1.0, 4, 4)
    assert (round(leaf.pagerank, 4), leaf.betweenness, leaf.degree) == (0.1311, 0.0, 1)


def test_partners_ranked_by_balance_and_conflict_dyads_worst_first():
    actor = analyze_assertions([
        fact("RUS", "consult", "TUR"),
        fact("BLR", "military_cooperation", "RUS"),
        fact("RUS", "sanction", "USA"),
        fact("RUS", "assault", "UKR"),
        fact("RUS", "consult", "UKR"),
    ]).actor("RUS")
    assert [(p.id, p.balance) for p in actor.partners] == [("BLR", 7.4), ("TUR", 1.0), ("USA", -4.0), ("UKR", -8.0)]
    assert actor.conflict_dyads == ["UKR", "USA"]


COOPERATING_TRIANGLES = [
    fact("BLR", "military_cooperation", "RUS"),
    fact("KAZ", "military_cooperation", "RUS"),
    fact("BLR", "economic_cooperation", "KAZ"),
    fact("GBR", "military_cooperation", "USA"),
    fact("FRA", "military_cooperation", "USA"),
    fact("FRA", "economic_cooperation", "GBR"),
    fact("RUS", "assault", "USA"),  # conflict: not a tie of the cooperation graph
    fact("BLR", "member_of", "CSTO"),
    fact("RUS", "member_of", "CSTO"),
]


def test_blocs_are_the_cooperating_groups():
    analysis = analyze_assertions(COOPERATING_TRIANGLES)
    assert [(b.id, b.members, b.memberships) for b in analysis.blocs] == [
        (1, ["BLR", "KAZ", "RUS"], {"CSTO": ["BLR", "RUS"]}),
        (2, ["FRA", "GBR", "USA"], {}),
    ]
    assert {a.id: a.bloc for a in analysis.actors} == {
        "BLR": 1, "KAZ": 1, "RUS": 1, "FRA": 2, "GBR": 2, "USA": 2, "CSTO": None,
    }


def test_blocs_show_memberships_from_the_actor_data():
    states = [Actor(i, "state", i, i) for i in ("BLR", "KAZ", "FRA", "GBR", "USA")]
    actors = ActorBase(
        [Actor("RUS", "state", "Russia", "روسيا"), *states,
         Actor("CSTO", "organisation", "CSTO", "منظمة معاهدة الأمن الجماعي", ("BLR", "KAZ", "RUS")),
         Actor("UN", "organisation", "United Nations", "الأمم المتحدة", ("BLR", "KAZ", "RUS", "FRA"))],
        {"KAZ": ["UN", "CSTO", "SCO"], "RUS": ["UN", "CSTO", "SCO", "BRICS"], "USA": ["NATO"], "GBR": ["NATO"],
         "FRA": ["UN"], "BLR": ["UN"]},
    )
    analysis = analyze_assertions(COOPERATING_TRIANGLES, actors=actors)
    assert [b.memberships for b in analysis.blocs] == [
        {"CSTO": ["BLR", "KAZ", "RUS"], "SCO": ["KAZ", "RUS"]},
        {"NATO": ["GBR", "USA"]},
    ]
    russia = analysis.actor("RUS")
    assert (russia.name_en, russia.name_ar, russia.kind) == ("Russia", "روسيا", "state")
    assert russia.memberships == ["BRICS", "CSTO", "SCO", "UN"]  # the UN, with 4 of 6 states, is no bloc sign


def test_an_actor_missing_from_the_actor_data_is_named_by_its_id():
    actor = analyze_assertions([fact("SRB", "consult", "XKX")], actors=ActorBase([], {})).actor("XKX")
    assert (actor.name_en, actor.name_ar, actor.kind) == ("XKX", None, None)


def test_blocs_do_not_depend_on_input_order():
    forward = analyze_assertions(COOPERATING_TRIANGLES)
    backward = analyze_assertions(list(reversed(COOPERATING_TRIANGLES)))
    assert [b.members for b in forward.blocs] == [b.members for b in backward.blocs]
    assert forward.to_json() == backward.to_json()


def test_change_between_two_periods():
    analysis = analyze_assertions([
        fact("RUS", "consult", "TUR", date="2024-01-10"),
        fact("RUS", "sanction", "TUR", date="2024-07-01"),
        fact("CHN", "economic_cooperation", "RUS", date="2024-01-10"),
        fact("CHN", "economic_cooperation", "RUS", date="2024-07-01"),  # no move: not listed
        fact("IND", "consult", "RUS", date="2024-08-01"),  # new after the split: from 0 to +1
    ], split="2024-06-01")
    assert [(c.a, c.b, c.before.mean, c.after.mean, c.delta) for c in analysis.changes] == [
        ("RUS", "TUR", 1.0, -4.0, -5.0),
        ("IND", "RUS", None, 1.0, 1.0),
    ]


def test_change_splits_at_the_median_date_by_default():
    analysis = analyze_assertions([
        fact("RUS", "consult", "TUR", date="2022-01-01"),
        fact("RUS", "consult", "TUR", date="2023-01-01"),
        fact("RUS", "assault", "TUR", date="2024-01-01"),
    ])
    assert analysis.split == "2023-01-01"
    assert [(c.before.count, c.after.count, c.delta) for c in analysis.changes] == [(1, 2, -5.0)]


def test_one_date_gives_no_change():
    analysis = analyze_assertions([fact("RUS", "consult", "TUR")])
    assert (analysis.split, analysis.changes) == (None, [])


@pytest.mark.parametrize("options, expected", [
    ({"actor": "RUS"}, {("RUS", "TUR"), ("RUS", "USA")}),
    ({"since": "2023-01-01"}, {("RUS", "USA"), ("CHN", "USA")}),
    ({"until": "2023-02"}, {("RUS", "TUR"), ("RUS", "USA")}),  # a month bound includes all of it
    ({"since": "2023-06", "until": "2023-06-30"}, {("CHN", "USA")}),
    ({"actor": "CHN", "until": "2022-12-31"}, set()),
])
def test_filters(options, expected):
    analysis = analyze_assertions([
        fact("RUS", "consult", "TUR", date="2022-03-01"),
        fact("RUS", "sanction", "USA", date="2023-02-01"),
        fact("CHN", "consult", "USA", date="2023-06-15"),
        fact("CHN", "consult", "USA", date=None),  # undated: dropped once a date bound is given
    ], **options)
    assert {(p.a, p.b) for p in analysis.pairs} == expected


@pytest.mark.parametrize("date, granularity, expected", [
    ("2022-01-27", "month", "2022-01"),
    ("2022-01-27", "quarter", "2022-Q1"),
    ("2024-11-21", "quarter", "2024-Q4"),
    (None, "month", None),
])
def test_period_of(date, granularity, expected):
    assert period_of(date, granularity) == expected


@pytest.mark.parametrize("dates, granularity, periods", [
    (["2023-11-02", "2024-02-20"], "month", ["2023-11", "2023-12", "2024-01", "2024-02"]),
    (["2023-12-01", "2024-05-02"], "quarter", ["2023-Q4", "2024-Q1", "2024-Q2"]),
])
def test_timeline_covers_every_period_between_first_and_last(dates, granularity, periods):
    analysis = analyze_assertions([fact("RUS", "assault", "UKR", date=d) for d in dates], granularity=granularity)
    assert list(analysis.timeline) == periods
    assert [counts["material_conflict"] for counts in analysis.timeline.values()] == [1] + [0] * (len(periods) - 2) + [1]


def test_trend_per_pair():
    pair = analyze_assertions([
        fact("RUS", "consult", "USA", date="2024-01-05"),
        fact("RUS", "threaten", "USA", date="2024-01-20"),
        fact("RUS", "sanction", "USA", date="2024-03-01"),
    ]).pair("RUS", "USA")
    assert {p: (b.count, b.sum, b.mean) for p, b in pair.trend.items()} == {
        "2024-01": (2, -5.0, -2.5), "2024-03": (1, -4.0, -4.0),
    }


def test_write_json_and_csv(tmp_path):
    analysis = analyze_assertions(COOPERATING_TRIANGLES, titles={"a.txt": "عنوان"})
    written = analysis.write(tmp_path)
    assert sorted(p.name for p in written) == [
        "actors.csv", "analysis.json", "blocs.csv", "changes.csv", "edges.csv", "pairs.csv", "timeline.csv",
    ]
    data = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert sorted(data) == ["actors", "articles", "blocs", "changes", "edges", "filters", "granularity",
                            "pairs", "schema", "summary", "timeline"]
    assert data["summary"] == {"articles": 1, "assertions": 9, "actors": 7, "pairs": 9, "edges": 9,
                               "first": "2024-01-15", "last": "2024-01-15"}
    assert data["articles"] == {"a.txt": {"title": "عنوان", "date": "2024-01-15"}}
    assert data["blocs"][0] == {"id": 1, "members": ["BLR", "KAZ", "RUS"], "memberships": {"CSTO": ["BLR", "RUS"]}}
    with open(tmp_path / "pairs.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[0] == {"a": "BLR", "b": "CSTO", "count": "1", "verbal_cooperation": "0", "material_cooperation": "0",
                       "verbal_conflict": "0", "material_conflict": "0", "structural": "1", "balance_sum": "0.0",
                       "balance_mean": "", "first": "2024-01-15", "last": "2024-01-15"}
    with open(tmp_path / "blocs.csv", encoding="utf-8") as f:
        assert list(csv.DictReader(f))[0] == {"bloc": "1", "members": "BLR KAZ RUS", "memberships": "CSTO: BLR RUS"}
