"""The actor knowledge base: who is who, from the data files under `ontology/actors/`.

    states.tsv          one row per state: ISO ids, names, capitals, seats of power, adjectives
    organisations.yaml  the guidelines' organisations: names, abbreviations, members, heads
    groups.yaml         the guidelines' armed and political groups, with their leaders
    people.tsv          office holders, one row per office term
    roles.yaml          offices and roles ("وزير الخارجية"), with their category
    non_actors.tsv      phrases that contain an actor name but name no actor

`load_actors()` reads and validates them into one `ActorBase`: the actors by id, every alias
(surface form -> the id a mention of it stands for), roles and non-actor phrases. Nothing
here matches text; `kg.nlp.actor_ruler` builds its index from `ActorBase.aliases`.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable


from kg.errors import DataError, KgError
from kg.nlp.phrase_index import phrase_key
from kg.resources import ontology_path, read_yaml

ACTOR_KINDS = ("state", "organisation", "group", "person")
ROLE_CATEGORIES = ("head_of_state", "head_of_government", "minister", "diplomat", "military", "spokesperson", "other")
DATE_FORM = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
STATE_ID = re.compile(r"^[A-Z]{3}$")
BODY_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")  # organisations and groups: "NATO", "ARAB_LEAGUE", "G7"

STATE_COLUMNS = (
    "id", "iso2", "name_en", "name_ar", "names_ar", "names_en", "capital_ar", "capital_en", "seats_ar",
    "seats_en", "adjective_ar", "adjective_plural_ar", "demonym_en", "ambiguous", "source",
)  # fmt: skip
PEOPLE_COLUMNS = ("id", "state", "role", "name_en", "names_ar", "names_en", "start", "end", "source")
NON_ACTOR_COLUMNS = ("text", "lang", "reason")
LANGS = ("ar", "en")

@dataclass(frozen=True)
class Actor:
    id: str  # "RUS", "NATO", "HAMAS", "RUS-vladimir-putin"
    kind: str  # "state" | "organisation" | "group" | "person"
    name_en: str
    name_ar: str
    iso2: str | None = None  # states
    capital_en: str | None = None
    capital_ar: str | None = None
    state: str | None = None  # person: state they speak for; group: state it operates in
    members: tuple[str, ...] = ()  # organisations: member state ids
    role: str | None = None  # person: role id (of the most recent term)
    start: str | None = None  # person: term start (ISO, possibly partial)
    end: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Alias:
    text: str  # surface form from the data (expanded adjective forms included)
    lang: str  # "ar" | "en"
    actor: str  # id of the Actor this alias names (person id for a person's name)
    stands_for: str  # id a mention stands for: the state for capitals, seats, adjectives, people
    kind: str  # mention kind: "state" | "organisation" | "group" | "person" | "place"
    source_kind: str  # name | abbreviation | capital | seat | adjective | person
    ambiguous: bool  # claimed by more than one actor, or marked ambiguous in the data


@dataclass(frozen=True)
class Role:
    id: str
    category: str
    lang: str
    text: str


@dataclass(frozen=True)
class Term:
    """One office term of one person (one row of people.tsv)."""

    person: str
    state: str
    role: str
    start: str
    end: str | None  # None: in office

    def covers(self, day: str) -> bool:
        return earliest(self.start) <= day and (self.end is None or day <= latest(self.end))


class UnknownActorError(KgError, KeyError):
    """An actor id the data does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


def earliest(value: str) -> str:
    """The first day a possibly partial ISO date can mean: "2015" -> "2015-01-01"."""
    return value + "-01-01"[len(value) - 4 :]


def latest(value: str) -> str:
    """An upper bound of the days a partial ISO date can mean: "2015" -> "2015-12-31" (string order)."""
    return value + "-12-31"[len(value) - 4 :]


class ActorBase:
    """Every actor, alias, role and non-actor phrase of the data, with the lookups others need."""

    def __init__(
        self,
        actors: dict[str, Actor],
        aliases: tuple[Alias, ...],
        roles: tuple[Role, ...],
        non_actors: tuple[tuple[str, str], ...],
        terms: tuple[Term, ...],
    ):
        self.actors = actors
        self.aliases = aliases
        self.roles = roles
        self.non_actors = non_actors
        self.terms = terms
        self._memberships: dict[str, list[str]] = defaultdict(list)
        for actor in actors.values():
            for member in actor.members:
                self._memberships[member].append(actor.id)
        self._terms_by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
        for term in terms:
            self._terms_by_office[(term.state, term.role)].append(term)

    def get(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            close = difflib.get_close_matches(actor_id.upper(), self.actors, n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise UnknownActorError(f"unknown actor id {actor_id!r}{hint}") from None

    def by_kind(self, kind: str) -> list[Actor]:
        if kind not in ACTOR_KINDS:
            raise KgError(f"unknown actor kind {kind!r}: expected one of {', '.join(ACTOR_KINDS)}")
        return [a for a in self.actors.values() if a.kind == kind]

    def members_of(self, org_id: str) -> tuple[str, ...]:
        return self.get(org_id).members

    def memberships(self, state_id: str) -> list[str]:
        """The organisations the state belongs to, in the data's order."""
        return list(self._memberships.get(state_id, ()))

    def aliases_of(self, actor_id: str) -> list[Alias]:
        return [a for a in self.aliases if a.actor == actor_id]

    def terms_of(self, person_id: str) -> list[Term]:
        return [t for t in self.terms if t.person == person_id]

    def office_holder(self, state: str, role: str, date: str | None = None) -> Actor | None:
        """Who held the office on `date` (ISO, possibly partial); None picks the most recent holder."""
        terms = self._terms_by_office.get((state, role), [])
        if date is None:
            chosen = max(terms, key=_recency, default=None)
        else:
            day = earliest(date)
            chosen = max((t for t in terms if t.covers(day)), key=lambda t: earliest(t.start), default=None)
        return self.actors[chosen.person] if chosen else None


def _recency(term: Term) -> tuple[bool, str, str]:
    """Order of terms by how recent they are: in office first, then by end, then by start."""
    return (term.end is None, latest(term.end) if term.end else "", earliest(term.start))


def load_actors(directory: Path | None = None) -> ActorBase:
    """The actor base of `directory` (default: the bundled `ontology/actors/`), read once per directory."""
    return _load(Path(directory) if directory is not None else ontology_path("actors"))


@lru_cache(maxsize=None)
def _load(directory: Path) -> ActorBase:
    collector = _AliasCollector(_nisba_forms_rule())
    actors: dict[str, Actor] = {}

    def declare(actor: Actor, file: Path, line: int | None) -> None:
        if actor.id in actors:
            raise DataError(file, line, f"duplicate actor id {actor.id!r}")
        actors[actor.id] = actor

    _read_states(directory / "states.tsv", declare, collector)
    states = {a.id for a in actors.values()}
    _read_bodies(directory / "organisations.yaml", "organisation", states, declare, collector)
    _read_bodies(directory / "groups.yaml", "group", states, declare, collector)
    roles = _read_roles(directory / "roles.yaml")
    terms = _read_people(directory / "people.tsv", states, {r.id for r in roles}, declare, collector)
    non_actors = _read_non_actors(directory / "non_actors.tsv")
    return ActorBase(actors, collector.aliases(), roles, non_actors, terms)


# ---------------------------------------------------------------------------------------------
# aliases


class _AliasCollector:
    """Gathers aliases, derives adjective forms, and decides which aliases are ambiguous."""

    def __init__(self, nisba_forms):
        self.nisba_forms = nisba_forms
        # (lang, matching key, actor) -> the alias fields and the key of its base adjective;
        # the first listing of a form wins ("الجزائر" is DZA's name and its capital)
        self.entries: dict[tuple[str, tuple[str, ...], str], tuple[tuple, tuple[str, ...] | None]] = {}
        self.marked: dict[str, set[tuple[str, tuple[str, ...]]]] = defaultdict(set)
        self.word_keys: dict[str, str] = {}  # a word's matching form, computed once per load

    def matching_key(self, text: str) -> tuple[str, ...]:
        """The words the matcher compares (normalized, without the article); punctuation-only words
        ("&" in "Antigua & Barbuda", "-" in "تيمور - ليشتي") match nothing and are left out."""
        key = []
        for word in text.split():
            stem = self.word_keys.get(word)
            if stem is None:
                stem = self.word_keys[word] = phrase_key([word])[0]
            if stem:
                key.append(stem)
        return tuple(key)

    def mark(self, actor: str, texts: Iterable[str], lang_of) -> None:
        for text in texts:
            self.marked[actor].add((lang_of(text), self.matching_key(text)))

    def add(self, texts: Iterable[str], lang: str, actor: str, stands_for: str, kind: str, source_kind: str,
            file: Path, line: int | None) -> None:  # fmt: skip
        for text in texts:
            self._add(text, lang, actor, stands_for, kind, source_kind, file, line, base=None)

    def add_adjectives(self, adjectives: Iterable[str], actor: str, stands_for: str, kind: str,
                       file: Path, line: int | None) -> None:  # fmt: skip
        """Arabic nisba adjectives in every regular form; the base form's marking covers them all."""
        for adjective in adjectives:
            base = self.matching_key(adjective)
            for form in self.nisba_forms(adjective):
                self._add(form, "ar", actor, stands_for, kind, "adjective", file, line, base=base)

    def _add(self, text, lang, actor, stands_for, kind, source_kind, file, line, base) -> None:
        key = self.matching_key(text)
        if not key:
            raise DataError(file, line, f"alias {text!r} of {actor} has an empty matching form")
        self.entries.setdefault((lang, key, actor), ((text, lang, actor, stands_for, kind, source_kind), base))

    def aliases(self) -> tuple[Alias, ...]:
        claimants: dict[tuple[str, tuple[str, ...]], int] = defaultdict(int)
        for lang, key, _ in self.entries:
            claimants[(lang, key)] += 1
        no_marks: set = set()
        result = []
        for (lang, key, actor), (fields, base) in self.entries.items():
            marked = self.marked.get(actor, no_marks)
            ambiguous = claimants[(lang, key)] > 1 or (lang, key) in marked or ("ar", base) in marked
            result.append(Alias(*fields, ambiguous=ambiguous))
        return tuple(result)


def _nisba_forms_rule():
    """"كوري شمالي" -> ["كوري شمالي", "كورية شمالية", "كوريين شماليين", ...], from ontology/lang/ar.yaml."""
    path = ontology_path("lang", "ar.yaml")
    language = _read_yaml(path)
    try:
        ending, suffixes = language["nisba_ending"], tuple(language["nisba_suffixes"])
    except KeyError as exc:
        raise DataError(path, None, f"missing key {exc}") from None

    def forms(adjective: str) -> list[str]:
        words = adjective.split()
        return [" ".join(w + s if w.endswith(ending) else w for w in words) for s in suffixes]

    return forms


def _lang_of(text: str) -> str:
    """An alias marked ambiguous in the data is Arabic if it has an Arabic letter, else English."""
    return "ar" if any("\u0600" <= ch <= "\u06ff" for ch in text) else "en"


# ---------------------------------------------------------------------------------------------
# readers


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; every column of `columns` must be in the header."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, None, f"cannot read: {exc}") from exc
    if not rows:
        raise DataError(path, None, "empty file (a header line is expected)")
    header = rows[0]
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(path, 1, f"missing column(s): {', '.join(missing)}")
    result = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataError(path, number, f"expected {len(header)} tab-separated fields, found {len(row)}")
        result.append((number, {name: cell.strip() for name, cell in zip(header, row)}))
    return result


def _read_yaml(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(path, None, "expected a mapping of ids to entries")
    return data


def _require(row: dict[str, str], names: Iterable[str], path: Path, line: int | None, what: str) -> None:
    empty = [n for n in names if not row.get(n)]
    if empty:
        raise DataError(path, line, f"{what} lacks {', '.join(empty)}")


def _read_states(path: Path, declare, collector: _AliasCollector) -> None:
    for line, row in _read_tsv(path, STATE_COLUMNS):
        state = row["id"]
        if not STATE_ID.match(state):
            raise DataError(path, line, f"state id {state!r} is not an ISO 3166-1 alpha-3 code")
        _require(row, ("iso2", "name_en", "name_ar", "capital_en", "capital_ar", "adjective_ar"), path, line, state)
        capitals_ar, capitals_en = _split(row["capital_ar"]), _split(row["capital_en"])
        declare(
            Actor(
                id=state, kind="state", name_en=row["name_en"], name_ar=row["name_ar"], iso2=row["iso2"],
                capital_en=capitals_en[0], capital_ar=capitals_ar[0], source=row["source"] or None,
            ),  # fmt: skip
            path,
            line,
        )
        collector.mark(state, _split(row["ambiguous"]), _lang_of)
        add = collector.add
        add([row["name_ar"], *_split(row["names_ar"])], "ar", state, state, "state", "name", path, line)
        add([row["name_en"], *_split(row["names_en"])], "en", state, state, "state", "name", path, line)
        add(capitals_ar, "ar", state, state, "place", "capital", path, line)
        add(capitals_en, "en", state, state, "place", "capital", path, line)
        add(_split(row["seats_ar"]), "ar", state, state, "place", "seat", path, line)
        add(_split(row["seats_en"]), "en", state, state, "place", "seat", path, line)
        collector.add_adjectives(_split(row["adjective_ar"]), state, state, "state", path, line)
        add(_split(row["adjective_plural_ar"]), "ar", state, state, "state", "adjective", path, line)
        add(_split(row["demonym_en"]), "en", state, state, "state", "adjective", path, line)


def _list(entry: dict, key: str, path: Path, body: str) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(path, None, f"{body}: {key} must be a list of strings")
    return [v.strip() for v in value if v.strip()]


def _read_bodies(path: Path, kind: str, states: set[str], declare, collector: _AliasCollector) -> None:
    """organisations.yaml or groups.yaml: one entry per id."""
    for body, entry in _read_yaml(path).items():
        if not isinstance(body, str) or not BODY_ID.match(body) or not isinstance(entry, dict):
            raise DataError(path, None, f"{body!r}: expected an upper-case id with a mapping of fields")
        _require(entry, ("name_en", "name_ar", "source"), path, None, body)
        members = tuple(_list(entry, "members", path, body))
        unknown = [m for m in members if m not in states]
        if unknown:
            raise DataError(path, None, f"{body}: members not in states.tsv: {', '.join(unknown)}")
        state = (entry.get("state") or "").strip() or None
        if state is not None and state not in states:
            raise DataError(path, None, f"{body}: state {state!r} is not in states.tsv")
        declare(
            Actor(id=body, kind=kind, name_en=entry["name_en"], name_ar=entry["name_ar"], state=state,
                  members=members, source=entry["source"]),  # fmt: skip
            path,
            None,
        )
        collector.mark(body, _list(entry, "ambiguous", path, body), _lang_of)
        add = collector.add
        add([entry["name_ar"], *_list(entry, "names_ar", path, body)], "ar", body, body, kind, "name", path, None)
        add([entry["name_en"], *_list(entry, "names_en", path, body)], "en", body, body, kind, "name", path, None)
        add(_list(entry, "abbreviations_ar", path, body), "ar", body, body, kind, "abbreviation", path, None)
        add(_list(entry, "abbreviations_en", path, body), "en", body, body, kind, "abbreviation", path, None)
        collector.add_adjectives(_list(entry, "adjective_ar", path, body), body, body, kind, path, None)
        add(_list(entry, "people_ar", path, body), "ar", body, body, "person", "person", path, None)
        add(_list(entry, "people_en", path, body), "en", body, body, "person", "person", path, None)


def _read_roles(path: Path) -> tuple[Role, ...]:
    roles = []
    for role, entry in _read_yaml(path).items():
        if not isinstance(entry, dict) or entry.get("category") not in ROLE_CATEGORIES:
            raise DataError(path, None, f"role {role!r}: category must be one of {', '.join(ROLE_CATEGORIES)}")
        for lang in LANGS:
            roles.extend(Role(role, entry["category"], lang, text) for text in _list(entry, lang, path, role))
    return tuple(roles)


def _check_date(value: str, path: Path, line: int, column: str) -> None:
    if not DATE_FORM.match(value):
        raise DataError(path, line, f"{column} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        Date.fromisoformat(earliest(value))
    except ValueError:
        raise DataError(path, line, f"{column} {value!r} is not a calendar date") from None


def _read_people(path: Path, states: set[str], roles: set[str], declare, collector) -> tuple[Term, ...]:
    """people.tsv: one row per office term; one Actor per person, dated by the most recent term."""
    if not path.exists():
        return ()
    terms_by_person: dict[str, list[tuple[Term, int, dict[str, str]]]] = defaultdict(list)
    for line, row in _read_tsv(path, PEOPLE_COLUMNS):
        _require(row, ("id", "state", "role", "name_en", "names_ar", "start"), path, line, row["id"] or "person")
        if row["state"] not in states:
            raise DataError(path, line, f"state {row['state']!r} is not in states.tsv")
        if row["role"] not in roles:
            raise DataError(path, line, f"role {row['role']!r} is not a role id of roles.yaml")
        _check_date(row["start"], path, line, "start")
        if row["end"]:
            _check_date(row["end"], path, line, "end")
            if latest(row["end"]) < earliest(row["start"]):
                raise DataError(path, line, f"term ends ({row['end']}) before it starts ({row['start']})")
        term = Term(row["id"], row["state"], row["role"], row["start"], row["end"] or None)
        terms_by_person[term.person].append((term, line, row))
    for person, entries in terms_by_person.items():
        term, line, row = max(entries, key=lambda entry: _recency(entry[0]))
        declare(
            Actor(id=person, kind="person", name_en=row["name_en"], name_ar=_split(row["names_ar"])[0], state=term.state,
                  role=term.role, start=term.start, end=term.end, source=row["source"] or None),  # fmt: skip
            path,
            line,
        )
        for term, line, row in entries:  # every term's names: a later row may add a spelling
            names_en = [row["name_en"], *_split(row["names_en"])]
            collector.add(_split(row["names_ar"]), "ar", person, term.state, "person", "person", path, line)
            collector.add(names_en, "en", person, term.state, "person", "person", path, line)
    return tuple(term for entries in terms_by_person.values() for term, _, _ in entries)


def _read_non_actors(path: Path) -> tuple[tuple[str, str], ...]:
    phrases = []
    for line, row in _read_tsv(path, NON_ACTOR_COLUMNS):
        _require(row, NON_ACTOR_COLUMNS, path, line, "non-actor phrase")
        if row["lang"] not in LANGS:
            raise DataError(path, line, f"lang {row['lang']!r} is not one of {', '.join(LANGS)}")
        phrases.append((row["text"], row["lang"]))
    return tuple(phrases)


# ---------------------------------------------------------------------------------------------
# the API behind `kg actors list` and `kg actors show`


def list_actors(kind: str | None = None) -> list[Actor]:
    """Every actor of the data, or those of one kind, in the data's order."""
    base = load_actors()
    return base.by_kind(kind) if kind else list(base.actors.values())


def describe_actor(actor_id: str) -> dict[str, Any]:
    """Every fact and alias the data has for one actor, as plain data (for `kg actors show`)."""
    base = load_actors()
    actor = base.get(actor_id)
    facts: dict[str, Any] = {k: v for k, v in asdict(actor).items() if v not in (None, ())}
    if actor.kind == "state":
        facts["memberships"] = base.memberships(actor.id)
        people_roles = sorted({t.role for t in base.terms if t.state == actor.id})
        holders = {role: base.office_holder(actor.id, role) for role in people_roles}
        facts["office_holders"] = {role: holder.id for role, holder in holders.items() if holder}
    if actor.kind == "person":
        facts["terms"] = [{"role": t.role, "start": t.start, "end": t.end} for t in base.terms_of(actor.id)]
    facts["aliases"] = [
        {"text": a.text, "lang": a.lang, "source_kind": a.source_kind, "kind": a.kind,
         "stands_for": a.stands_for, "ambiguous": a.ambiguous}  # fmt: skip
        for a in base.aliases_of(actor.id)
    ]
    return facts
