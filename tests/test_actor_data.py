"""The actor data under ontology/actors/ and its loader, `kg.knowledge.actors`.

The coverage tests count entries of the real data; the loader tests use the small actor
base in tests/data/actors/ so that their expected values do not move with the data.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import DataError
from kg.knowledge.actors import DATE_FORM, UnknownActorError, load_actors
from kg.nlp.normalize import normalize_ar
from kg.nlp.phrase_index import phrase_key
from kg.resources import ontology_path

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "actors"
NON_UN_STATES = {"PSE", "VAT", "XKX", "TWN"}


@pytest.fixture(scope="module")
def base():
    return load_actors()


def guideline_ids(kind: str) -> set[str]:
    """The ids of one row of the guidelines' id table ("organisations", "armed and political groups")."""
    text = (DATA / "annotation-guidelines.md").read_text(encoding="utf-8")
    row = re.search(rf"^\| {re.escape(kind)} \|(.*)\|$", text, re.MULTILINE)
    assert row, f"no '{kind}' row in the guidelines' id table"
    return set(re.findall(r"`([A-Z0-9_]+)`", row.group(1)))


def key(text: str) -> tuple[str, ...]:
    """The words a matcher compares; a punctuation-only word ("&") compares nothing."""
    return tuple(word for word in phrase_key(text.split()) if word)


# --- coverage --------------------------------------------------------------------------------


def test_states_are_the_un_members_plus_four(base):
    states = {a.id for a in base.by_kind("state")}
    assert len(states) == 197
    assert NON_UN_STATES <= states
    assert set(base.members_of("UN")) == states - NON_UN_STATES
    assert len(base.members_of("UN")) == 193


def test_every_state_has_names_capital_and_adjective(base):
    adjectives = {a.actor for a in base.aliases if a.source_kind == "adjective" and a.lang == "ar"}
    incomplete = [
        s.id
        for s in base.by_kind("state")
        if not (s.name_ar and s.name_en and s.capital_ar and s.capital_en and s.iso2 and s.id in adjectives)
    ]
    assert incomplete == []


@pytest.mark.parametrize("kind, table_row", [("organisation", "organisations"), ("group", "armed and political groups")])
def test_organisation_and_group_ids_are_exactly_the_guidelines(base, kind, table_row):
    assert {a.id for a in base.by_kind(kind)} == guideline_ids(table_row)


def test_people_cover_heads_of_state_of_the_g20(base):
    missing = [s for s in base.members_of("G20") if base.office_holder(s, "head_of_state") is None]
    assert missing == []


# --- the data is well formed -----------------------------------------------------------------


def test_ids_are_unique_across_files():
    with ontology_path("actors", "states.tsv").open(encoding="utf-8") as f:
        ids = [row["id"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    for name in ("organisations.yaml", "groups.yaml"):
        ids += list(yaml.safe_load(ontology_path("actors", name).read_text(encoding="utf-8")))
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_every_alias_normalises_to_a_matching_key(base):
    empty = [a.text for a in base.aliases if not normalize_ar(a.text).strip() or not key(a.text)]
    assert empty == []


def marked_in_data() -> dict[str, set[tuple[str, ...]]]:
    """The keys each actor marks ambiguous in its data file (an adjective's mark covers its forms)."""
    lang = yaml.safe_load(ontology_path("lang", "ar.yaml").read_text(encoding="utf-8"))
    marked: dict[str, set[tuple[str, ...]]] = defaultdict(set)

    def mark(actor: str, text: str) -> None:
        marked[actor].add(key(text))
        words = text.split()
        for suffix in lang["nisba_suffixes"]:
            marked[actor].add(key(" ".join(w + suffix if w.endswith(lang["nisba_ending"]) else w for w in words)))

    with ontology_path("actors", "states.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            for text in filter(None, row["ambiguous"].split("|")):
                mark(row["id"], text)
    for name in ("organisations.yaml", "groups.yaml"):
        for actor, entry in yaml.safe_load(ontology_path("actors", name).read_text(encoding="utf-8")).items():
            for text in entry.get("ambiguous") or []:
                mark(actor, text)
    return marked


def test_no_alias_is_claimed_by_two_actors_unless_marked_ambiguous(base):
    claimants = defaultdict(set)
    for alias in base.aliases:
        claimants[(alias.lang, key(alias.text))].add(alias.actor)
    marked = marked_in_data()
    unmarked = sorted(
        (" ".join(k), actor)
        for (lang, k), actors in claimants.items()
        if len(actors) > 1
        for actor in actors
        if k not in marked[actor]
    )
    assert unmarked == []


def test_shared_aliases_are_flagged_ambiguous(base):
    by_text = {(a.text, a.actor): a.ambiguous for a in base.aliases}
    assert by_text[("عمّان", "JOR")] and by_text[("عُمان", "OMN")]  # عمان: Amman and Oman
    assert by_text[("كونغولي", "COD")] and by_text[("كونغولي", "COG")]
    assert not by_text[("روسيا", "RUS")]


def test_people_dates_states_and_roles(base):
    states = {a.id for a in base.by_kind("state")}
    roles = {r.id for r in base.roles}
    bad = [
        t
        for t in base.terms
        if t.state not in states
        or t.role not in roles
        or not DATE_FORM.match(t.start)
        or (t.end is not None and (not DATE_FORM.match(t.end) or t.end < t.start[: len(t.end)]))
    ]
    assert bad == []


def test_organisation_members_and_group_states_are_declared_states(base):
    states = {a.id for a in base.by_kind("state")}
    bodies = base.by_kind("organisation") + base.by_kind("group")
    assert [(b.id, m) for b in bodies for m in b.members if m not in states] == []
    assert [b.id for b in bodies if b.state is not None and b.state not in states] == []


def test_every_role_has_a_known_category_and_both_languages(base):
    langs = defaultdict(set)
    for role in base.roles:
        langs[role.id].add(role.lang)
    assert [r for r, found in langs.items() if found != {"ar", "en"}] == []
    assert {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"} <= set(langs)


def test_every_non_actor_phrase_contains_an_actor_alias(base):
    """A non-actor phrase only matters if it is longer than an alias inside it."""
    keys = {(a.lang, key(a.text)) for a in base.aliases}

    def contains_alias(text: str, lang: str) -> bool:
        words = tuple(w for w in phrase_key(re.findall(r"\w+|[^\w\s]", text)) if w)  # "أوبك+": "+" may be split off
        spans = (words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1))
        return any((lang, span) in keys for span in spans if span != words)

    assert [t for t, lang in base.non_actors if not contains_alias(t, lang)] == []


def test_no_non_actor_phrase_is_itself_an_alias(base):
    """A non-actor phrase equal to an alias would block that actor everywhere."""
    keys = {(a.lang, key(a.text)) for a in base.aliases}
    assert [t for t, lang in base.non_actors if (lang, key(t)) in keys] == []


# --- what a mention stands for ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang, stands_for, kind",
    [
        ("موسكو", "ar", "RUS", "place"),
        ("الكرملين", "ar", "RUS", "place"),
        ("البيت الأبيض", "ar", "USA", "place"),
        ("البنتاغون", "ar", "USA", "place"),
        ("الولايات المتحدة الأميركية", "ar", "USA", "state"),
        ("أميركيين", "ar", "USA", "state"),
        ("كوريا الديمقراطية", "ar", "PRK", "state"),
        ("كورية شمالية", "ar", "PRK", "state"),
        ("جنوب أفريقية", "ar", "ZAF", "state"),
        ("أتراك", "ar", "TUR", "state"),
        ("الناتو", "ar", "NATO", "organisation"),
        ("حلف شمال الأطلسي", "ar", "NATO", "organisation"),
        ("مجلس الأمن الدولي", "ar", "UN", "organisation"),
        ("الأممية", "ar", "UN", "organisation"),  # "القرارات الأممية": an organisation's adjective
        ("منظمة معاهدة الأمن الجماعي", "ar", "CSTO", "organisation"),
        ("الجامعة العربية", "ar", "ARAB_LEAGUE", "organisation"),
        ("داعش", "ar", "ISIS", "group"),
        ("تنظيم الدولة الإسلامية", "ar", "ISIS", "group"),
        ("أنصار الله", "ar", "HOUTHIS", "group"),
        ("الحوثيين", "ar", "HOUTHIS", "group"),
        ("الإخوان المسلمين", "ar", "MUSLIM_BROTHERHOOD", "group"),
        ("الأطلسي", "ar", "NATO", "organisation"),
        ("غوتيريش", "ar", "UN", "person"),  # an organisation's head stands for it
        ("حميدتي", "ar", "RSF", "person"),
        ("Kremlin", "en", "RUS", "place"),
        ("Pentagon", "en", "USA", "place"),
        ("North Korean", "en", "PRK", "state"),
    ],
)
def test_alias_stands_for(base, text, lang, stands_for, kind):
    found = {(a.stands_for, a.kind) for a in base.aliases if a.lang == lang and key(a.text) == key(text)}
    assert found == {(stands_for, kind)}


@pytest.mark.parametrize("text", ["الغرب", "أفريقيا", "أوروبا", "المجتمع الدولي", "الشرق الأوسط", "كيف", "الشباب"])
def test_not_an_actor(base, text):
    """The West, Africa, the international community are no actors; كيف ('how') is not Kyiv."""
    assert [a for a in base.aliases if a.lang == "ar" and key(a.text) == key(text)] == []


# --- the loader, on the small actor base of tests/data/actors --------------------------------


@pytest.fixture(scope="module")
def small():
    return load_actors(FIXTURE)


def test_loader_reads_every_kind(small):
    kinds = defaultdict(list)
    for actor in small.actors.values():
        kinds[actor.kind].append(actor.id)
    assert dict(kinds) == {
        "state": ["RUS", "CUB", "PRK", "JOR", "OMN"],
        "organisation": ["CSTO"],
        "group": ["WAGNER"],
        "person": ["CUB-raul-castro", "CUB-miguel-diaz-canel", "RUS-sergey-lavrov", "RUS-dmitry-medvedev", "RUS-vladimir-putin"],
    }
    assert small.non_actors == (("أمريكا اللاتينية", "ar"),)
    assert small.members_of("CSTO") == ("RUS",)
    assert small.memberships("RUS") == ["CSTO"]
    assert small.get("WAGNER").state == "RUS"


def test_nisba_adjectives_are_expanded(small):
    assert [a.text for a in small.aliases if a.actor == "PRK" and a.source_kind == "adjective" and a.lang == "ar"] == [
        "كوري شمالي", "كورية شمالية", "كوريين شماليين", "كوريون شماليون", "كوريات شماليات", "كوريان شماليان",
    ]  # fmt: skip


def test_person_aliases_stand_for_their_state(small):
    lavrov = [(a.text, a.stands_for, a.kind, a.source_kind) for a in small.aliases if a.actor == "RUS-sergey-lavrov"]
    assert ("سيرجي لافروف", "RUS", "person", "person") in lavrov
    assert ("Lavrov", "RUS", "person", "person") in lavrov


def test_person_actor_is_dated_by_the_most_recent_term(small):
    putin = small.get("RUS-vladimir-putin")
    assert (putin.role, putin.start, putin.end, putin.state) == ("head_of_state", "2012-05-07", None, "RUS")
    assert [(t.start, t.end) for t in small.terms_of("RUS-vladimir-putin")] == [("2000", "2008-05-07"), ("2012-05-07", None)]


@pytest.mark.parametrize(
    "state, role, date, holder",
    [
        ("RUS", "head_of_state", "2005-06-01", "RUS-vladimir-putin"),
        ("RUS", "head_of_state", "2010", "RUS-dmitry-medvedev"),
        ("RUS", "head_of_state", "2012-05-07", "RUS-vladimir-putin"),  # the day power changes hands: the newcomer
        ("RUS", "head_of_state", "2024-03-01", "RUS-vladimir-putin"),
        ("RUS", "head_of_state", None, "RUS-vladimir-putin"),
        ("CUB", "head_of_state", "2017-12-31", "CUB-raul-castro"),
        ("CUB", "head_of_state", None, "CUB-miguel-diaz-canel"),
        ("RUS", "foreign_minister", "2004-03-15", "RUS-sergey-lavrov"),  # partial start "2004-03"
        ("RUS", "head_of_state", "1999-12-01", None),
        ("PRK", "head_of_state", None, None),
    ],
)
def test_office_holder(small, state, role, date, holder):
    found = small.office_holder(state, role, date)
    assert (found.id if found else None) == holder


def test_unknown_actor_is_a_clear_error(small):
    with pytest.raises(UnknownActorError, match=r"unknown actor id 'RUZ' \(did you mean RUS\?\)"):
        small.get("RUZ")


def test_people_table_may_be_missing(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "actors")
    (tmp_path / "actors" / "people.tsv").unlink()
    base = load_actors(tmp_path / "actors")
    assert base.by_kind("person") == [] and base.office_holder("RUS", "head_of_state") is None


def break_file(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "name, old, new, problem",
    [
        ("people.tsv", "2008-02-24", "2008-02-30", r"people.tsv:2: start '2008-02-30' is not a calendar date"),
        ("people.tsv", "2018-04-19\t\t", "19.04.2018\t\t", r"people.tsv:3: start '19.04.2018' is not YYYY"),
        ("people.tsv", "CUB-raul-castro\tCUB", "CUB-raul-castro\tCUX", r"people.tsv:2: state 'CUX' is not in states.tsv"),
        ("people.tsv", "\tforeign_minister\t", "\tfm\t", r"people.tsv:4: role 'fm' is not a role id"),
        ("people.tsv", "\t2012-05-07\t\t", "\t2012-05-07\t2011\t", r"people.tsv:7: term ends \(2011\) before it starts"),
        ("states.tsv", "CUB\tCU", "RUS\tCU", r"states.tsv:3: duplicate actor id 'RUS'"),
        ("states.tsv", "\tكوبي\t", "\t\t", r"states.tsv:3: CUB lacks adjective_ar"),
        ("states.tsv", "Havana\t", "Havana\textra\t", r"states.tsv:3: expected 15 tab-separated fields, found 16"),
        ("organisations.yaml", "members: [RUS]", "members: [RUS, XYZ]", r"CSTO: members not in states.tsv: XYZ"),
        ("groups.yaml", "state: RUS", "state: RUZ", r"WAGNER: state 'RUZ' is not in states.tsv"),
        ("roles.yaml", "category: minister", "category: boss", r"role 'foreign_minister': category must be one of"),
        ("non_actors.tsv", "\tar\t", "\tfr\t", r"non_actors.tsv:2: lang 'fr' is not one of ar, en"),
    ],
)
def test_data_errors_name_file_and_line(tmp_path, name, old, new, problem):
    directory = tmp_path / "actors"
    shutil.copytree(FIXTURE, directory)
    break_file(directory, name, old, new)
    with pytest.raises(DataError, match=problem):
        load_actors(directory)


# --- kg actors list / show -------------------------------------------------------------------

runner = CliRunner()


def test_cli_list_one_actor_a_line_id_first():
    result = runner.invoke(app, ["actors", "list", "--kind", "organisation"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 23
    assert lines[1] == "NATO\torganisation\tNorth Atlantic Treaty Organization\tحلف شمال الأطلسي"


def test_cli_list_json():
    result = runner.invoke(app, ["actors", "list", "--kind", "group", "--json"])
    assert result.exit_code == 0, result.output
    groups = [json.loads(line) for line in result.output.splitlines()]
    assert [(g["id"], g["state"]) for g in groups][:2] == [("TALIBAN", "AFG"), ("HAMAS", "PSE")]


def test_cli_show_every_fact_and_alias():
    result = runner.invoke(app, ["actors", "show", "RUS"])
    assert result.exit_code == 0, result.output
    for line in ["capital_ar: موسكو", "iso2: RU", "  الكرملين\tar seat", "  روسية\tar adjective", "  Moscow\ten capital"]:
        assert line in result.output.splitlines()
    assert "memberships: UN CSTO SCO BRICS EAEU OSCE G20" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["actors", "show", "RUZ"], "kg: error: unknown actor id 'RUZ' (did you mean UZB, RUS, ROU?)"),
        (["actors", "list", "--kind", "country"], "kg: error: unknown actor kind 'country'"),
    ],
)
def test_cli_errors(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output


def test_cli_show_json_for_a_person():
    result = runner.invoke(app, ["actors", "show", "RUS-sergey-lavrov", "--json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert (facts["state"], facts["role"], facts["terms"][0]["role"]) == ("RUS", "foreign_minister", "foreign_minister")
    assert {"text": "لافروف", "lang": "ar", "source_kind": "person", "kind": "person", "stands_for": "RUS", "ambiguous": False} in facts["aliases"]
