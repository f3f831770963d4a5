"""Refresh the generated columns of `ontology/actors/states.tsv` from the libraries that keep them.

    python scripts/build_states.py [--check]

The rows (which states there are) and every curated column stay as they are in the file;
only `iso2` (pycountry, ISO 3166-1), `name_en` and `name_ar` (CLDR territory names, through
Babel) are rewritten, so re-running it never loses curation. A state the libraries do not
know (Kosovo has no ISO 3166 entry) keeps the values already in the file. To add a state,
add a row with its id and curated columns, then run this script.

--check only reports the rows the libraries would change, and exits 1 if there are any
(the library versions moved, or a generated cell was edited by hand).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import pycountry
from babel import Locale

STATES_TSV = Path(__file__).resolve().parent.parent / "ontology" / "actors" / "states.tsv"

# CLDR adds a disambiguation in parentheses to a few names ("ميانمار (بورما)"); the curated
# names_* columns carry such variants as names of their own.
PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def cldr_name(locale: Locale, iso2: str) -> str | None:
    name = locale.territories.get(iso2)
    return PARENTHESIS.sub("", name).strip() if name else None


def generated_columns(row: dict[str, str], arabic: Locale, english: Locale) -> dict[str, str]:
    """The values the libraries give for a row; a value they lack is the file's own."""
    country = pycountry.countries.get(alpha_3=row["id"])
    iso2 = country.alpha_2 if country else row["iso2"]
    return {
        "iso2": iso2,
        "name_en": cldr_name(english, iso2) or row["name_en"],
        "name_ar": cldr_name(arabic, iso2) or row["name_ar"],
    }


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    temporary = path.with_suffix(".tsv.tmp")
    with temporary.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, quotechar=None)
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["id"]))
    temporary.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report what would change, write nothing")
    parser.add_argument("--file", type=Path, default=STATES_TSV)
    args = parser.parse_args(argv)

    columns, rows = read_rows(args.file)
    arabic, english = Locale("ar"), Locale("en")
    changed = 0
    for row in rows:
        update = generated_columns(row, arabic, english)
        diff = {k: (row[k], v) for k, v in update.items() if row[k] != v}
        if diff:
            changed += 1
            print(f"{row['id']}: " + ", ".join(f"{k} {old!r} -> {new!r}" for k, (old, new) in diff.items()))
            row.update(update)
    if args.check:
        return 1 if changed else 0
    write_rows(args.file, columns, rows)
    print(f"{args.file}: {len(rows)} states, {changed} updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
