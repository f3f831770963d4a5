"""The people table (`ontology/actors/people.tsv`): its shape, its coverage, and its Arabic names.

One row is one office term of one person; a person with several terms has several rows
under the same id. These tests read the file the way a reviewer would check it by hand.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date

import pytest

from kg.nlp.normalize import normalize_ar
from kg.resources import ontology_path

PEOPLE_TSV = ontology_path("actors", "people.tsv")

HEADER = ["id", "state", "role", "name_en", "names_ar", "names_en", "start", "end", "source"]
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}

# The states the table must cover (issue 4): the G20 states, the Arab League, and the others
# named in the issue. Every row's state must be one of them.
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
ARAB_LEAGUE = (
    "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM".split()
)
OTHERS = "IRN ISR TUR UKR BLR PRK CUB VEN NIC".split()
SCOPE = sorted(set(G20) | set(ARAB_LEAGUE) | set(OTHERS))

SCOPE_START = date(2015, 1, 1)
# Offices that two people really hold at once: Libya's rival governments (Tripoli and the
# east), Nicaragua's co-presidency (2025) and its two foreign ministers (2025).
SHARED_OFFICES = {("LBY", "head_of_government"), ("NIC", "head_of_state"), ("NIC", "foreign_minister")}
DATE_FORM = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ID_FORM = re.compile(r"^([A-Z]{3})-[a-z0-9]+(-[a-z0-9]+)*$")
ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u0660-\u0669\u0670-\u06D3\u0640\u064B-\u065F]+( [\u0621-\u064A\u0670-\u06D3\u0640\u064B-\u065F]+)*$")


def read_rows() -> list[dict[str, str]]:
    with PEOPLE_TSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = read_rows()


def earliest(value: str) -> date:
    """The first day a possibly partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def latest(value: str) -> date:
    """The last day a possibly partial date can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(*parts)


def is_date(value: str) -> bool:
    if not DATE_FORM.match(value):
        return False
    try:
        return earliest(value) <= latest(value)
    except ValueError:
        return False


def arabic_names(row: dict[str, str]) -> list[str]:
    return row["names_ar"].split("|")


def test_header_is_exact():
    with PEOPLE_TSV.open(encoding="utf-8") as f:
        assert f.readline().rstrip("\n").split("\t") == HEADER


def test_every_row_has_nine_columns():
    with PEOPLE_TSV.open(encoding="utf-8") as f:
        bad = [n for n, line in enumerate(f, 1) if len(line.rstrip("\n").split("\t")) != len(HEADER)]
    assert bad == []


def test_no_field_is_padded_and_required_fields_are_filled():
    required = ["id", "state", "role", "name_en", "names_ar", "names_en", "start", "source"]
    bad = [
        (row["id"], key)
        for row in ROWS
        for key in HEADER
        if row[key] != row[key].strip() or (key in required and not row[key])
    ]
    assert bad == []


def test_id_role_start_is_unique():
    keys = [(row["id"], row["role"], row["start"]) for row in ROWS]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_ids_are_state_and_ascii_slug():
    bad = [row["id"] for row in ROWS if not (m := ID_FORM.match(row["id"])) or m.group(1) != row["state"]]
    assert bad == []


def test_names_are_identical_on_every_row_of_one_id():
    names = defaultdict(set)
    for row in ROWS:
        names[row["id"]].add((row["name_en"], row["names_ar"], row["names_en"]))
    assert [person for person, forms in names.items() if len(forms) > 1] == []


def test_name_en_is_one_of_names_en():
    assert [row["id"] for row in ROWS if row["name_en"] not in row["names_en"].split("|")] == []


def test_roles_are_the_four_offices():
    assert {row["role"] for row in ROWS} - ROLES == set()


def test_states_are_the_scope_states():
    assert {row["state"] for row in ROWS} - set(SCOPE) == set()


@pytest.mark.parametrize("field", ["start", "end"])
def test_dates_are_well_formed(field):
    bad = [
        (row["id"], row[field])
        for row in ROWS
        if row[field] and not is_date(row[field])
    ]
    assert bad == []


def test_terms_start_before_they_end():
    bad = [(row["id"], row["role"]) for row in ROWS if row["end"] and earliest(row["start"]) > latest(row["end"])]
    assert bad == []


def test_every_term_reaches_into_2015_or_later():
    bad = [(row["id"], row["role"]) for row in ROWS if row["end"] and latest(row["end"]) < SCOPE_START]
    assert bad == []


def test_terms_of_one_office_follow_each_other():
    """One holder at a time, so that an article's date picks one person; a handover day may be shared."""
    terms = defaultdict(list)
    for row in ROWS:
        terms[(row["state"], row["role"])].append(row)
    overlaps = []
    for office, rows in terms.items():
        if office in SHARED_OFFICES:
            continue
        rows.sort(key=lambda row: earliest(row["start"]))
        for before, after in zip(rows, rows[1:]):
            if not before["end"] or earliest(before["end"]) > latest(after["start"]):
                overlaps.append((before["id"], after["id"]))
    assert overlaps == []


@pytest.mark.parametrize("role", ["head_of_state", "foreign_minister"])
@pytest.mark.parametrize("state", SCOPE)
def test_scope_state_has_a_holder_since_2015(state, role):
    holders = [
        row["id"]
        for row in ROWS
        if row["state"] == state and row["role"] == role and (not row["end"] or latest(row["end"]) >= SCOPE_START)
    ]
    assert holders != []


def test_arabic_names_are_arabic_words():
    bad = [(row["id"], name) for row in ROWS for name in arabic_names(row) if not ARABIC_NAME.match(name)]
    assert bad == []


def test_no_arabic_name_is_listed_twice_for_one_person():
    bad = [row["id"] for row in ROWS if len(set(map(normalize_ar, arabic_names(row)))) != len(arabic_names(row))]
    assert bad == []


def test_no_arabic_name_is_claimed_by_two_people():
    claims = defaultdict(set)
    for row in ROWS:
        for name in arabic_names(row):
            claims[normalize_ar(name)].add(row["id"])
    assert {name: sorted(ids) for name, ids in claims.items() if len(ids) > 1} == {}


def test_no_english_name_is_claimed_by_two_people():
    claims = defaultdict(set)
    for row in ROWS:
        for name in row["names_en"].split("|"):
            claims[name.lower()].add(row["id"])
    assert {name: sorted(ids) for name, ids in claims.items() if len(ids) > 1} == {}


def arabic_country_names() -> set[str]:
    """CLDR's Arabic territory names, normalized, with and without the article."""
    babel = pytest.importorskip("babel")
    countries = {normalize_ar(name) for name in babel.Locale("ar").territories.values()}
    return countries | {name[2:] for name in countries if name.startswith("ال")}


def test_no_arabic_name_is_a_country_name():
    """"كاميرون" alone would turn every mention of Cameroon into David Cameron."""
    countries = arabic_country_names()
    assert [(row["id"], name) for row in ROWS for name in arabic_names(row) if normalize_ar(name) in countries] == []


def test_no_arabic_name_is_a_conjunction_and_a_country_name():
    """Sanity: "وروسيا" is "and Russia", never a person; the matcher strips proclitics itself."""
    countries = arabic_country_names()
    bad = [
        (row["id"], name)
        for row in ROWS
        for name in map(normalize_ar, arabic_names(row))
        if name.startswith("و") and any(name[1:] == c or name[1:].startswith(c + " ") for c in countries)
    ]
    assert bad == []
