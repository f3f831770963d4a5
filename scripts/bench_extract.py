"""Extraction speed on one core: the figures of issue 3's "Speed" section, in one run.

    PYTHONPATH=. python scripts/bench_extract.py [--articles 2000] [--size 7000] [--repeat 3] [--json]

Two corpora are written under output/bench/ and measured one after the other:

- varied: articles of about --size bytes recombined from sentences of different source
  articles (default: the bundled samples), with state names and numbers substituted and a
  share (--inflect) of the words given another proclitic or suffix, so that the words vary
  the way new articles make them vary (spaCy caches every word it has seen, so a corpus of
  repeated articles measures the cache);
- repeated: the source articles copied as they are, to the same number of articles.

For each corpus: `kg.extraction` end to end (articles/s, MB/s of UTF-8 text) and
`spacy.blank("ar")` tokenizing the same texts alone, as spaCy comes (the floor the pipeline is
compared with), the best of --repeat turns of each, taken in alternation; then the share of the
time of each stage: ingest reading the files, the tokenizer, every component of
`nlp.pipeline`, and the building of assertions. The pipeline's own tokenizer is spaCy's Arabic
tokenizer set up to be faster for the same tokens (kg/nlp/__init__.py, `_lighten_tokenizer`), so
its stage may take less than the floor. Then start-up: a fresh `python -c` that imports kg,
makes the pipeline and loads the data (median of 5).

Every measurement uses its own fresh pipeline, so that no pass inherits a warm cache.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy
import yaml
from babel import Locale
from rich.console import Console
from rich.table import Table

import kg
from kg.extraction import _assertion as build_assertion  # what extract_article does per relation found
from kg.extraction import extract
from kg.nlp import make_nlp
from kg.resources import ontology_path, sample_corpus_dir

REPO = Path(__file__).resolve().parent.parent

# Issue 3's targets, printed beside the figures.
TARGET_ARTICLES_PER_S = 100
TARGET_SHARE_OF_FLOOR = 0.5
TARGET_STARTUP_S = 1.0

STARTUP_CODE = "import kg; kg.make_nlp('ar')"  # what `kg extract` needs: the pipeline loads the compiled data
# The part of start-up that kg does not control: spaCy itself.
SPACY_STARTUP_CODE = "import spacy; spacy.blank('ar')"

# A sentence ends at . ! ? ؟ (or at the end of a line: headlines and captions have no stop).
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
# What may stick to the end of a name: punctuation, quotes, brackets.
PUNCTUATION = ".,،؛:!?؟\"'”“»«()[]…"
# A word of three Arabic letters or more: the ones that may be given another clitic or suffix.
ARABIC_WORD = re.compile(r"[\u0621-\u064A]{3,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles per corpus (default 2000)")
    parser.add_argument("--size", type=int, default=7000, help="bytes per varied article (default 7000)")
    parser.add_argument("--source", type=Path, default=sample_corpus_dir(), help="articles to recombine (default: the samples)")
    parser.add_argument("--out", type=Path, default=REPO / "output" / "bench", help="where the corpora are written")
    parser.add_argument("--inflect", type=float, default=0.2, help="share of the words given a clitic or suffix (default 0.2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="turns of floor and extract, the best of each kept (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    core = pin_to_one_core()
    load = os.getloadavg()[0]  # other processes on the machine slow every figure down
    sources = list(kg.read_articles([str(args.source)]))
    varied = write_corpus(args.out / "varied", varied_articles(sources, args.articles, args.size, args.inflect, args.seed))
    repeated = write_corpus(args.out / "repeated", repeated_articles(sources, args.articles))
    figures = {
        "core": core,
        "load_average_1min": load,
        "source": str(args.source),
        "repeat": args.repeat,
        "corpora": {"varied": measure(varied, args.repeat), "repeated": measure(repeated, args.repeat)},
        "startup_s": measure_startup(),
        "startup_cold_s": measure_startup(cold=True),
        "spacy_startup_s": measure_startup(SPACY_STARTUP_CODE),
        "python_startup_s": measure_startup("pass"),
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print_report(figures)


def pin_to_one_core() -> int:
    """The targets are per core: run on one, whatever the machine has."""
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


# --- the corpora -----------------------------------------------------------------------------


class NameSwapper:
    """Puts another actor name of the same kind (state name, capital, adjective, person) in place
    of each one found in a text, keeping the proclitic stuck to it ("وروسيا" -> "وكوبا")."""

    def __init__(self, rng: random.Random, prefixes: list[str]):
        self.rng = rng
        self.prefixes = ["", *prefixes]
        self.kind_of: dict[str, tuple[str, str]] = {}  # ("state", "capital"), ("person", "person"), ...
        for alias in kg.load_actors().aliases:
            if alias.lang == "ar" and not alias.ambiguous:
                self.kind_of.setdefault(alias.text, (alias.kind, alias.source_kind))
        self.by_kind: dict[tuple[str, str], list[str]] = defaultdict(list)
        for text, kind in sorted(self.kind_of.items()):
            self.by_kind[kind].append(text)
        self.first_words = {text.split()[0] for text in self.kind_of}
        self.longest = max(len(text.split()) for text in self.kind_of)

    def __call__(self, text: str) -> str:
        words, out, i = text.split(" "), [], 0
        while i < len(words):
            swapped = self._swap_at(words, i)
            if swapped:
                out.append(swapped[0])
                i += swapped[1]
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)

    def _swap_at(self, words: list[str], i: int) -> tuple[str, int] | None:
        for prefix in self.prefixes:
            if not words[i].startswith(prefix) or words[i][len(prefix):].rstrip(PUNCTUATION) not in self.first_words:
                continue
            for n in range(min(self.longest, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])[len(prefix):]
                name = phrase.rstrip(PUNCTUATION)
                kind = self.kind_of.get(name)
                if kind:
                    return prefix + self.rng.choice(self.by_kind[kind]) + phrase[len(name):], n
        return None


def varied_articles(sources, count: int, size: int, inflect: float, seed: int):
    """(title, date line, paragraphs) of `count` articles recombined from `sources`."""
    rng = random.Random(seed)
    affixes = yaml.safe_load(ontology_path("lang", "ar.yaml").read_text(encoding="utf-8"))
    prefixes = affixes["proclitics"]
    suffixes = [suffix for suffix in affixes["verb_affixes"]["past_suffixes"] if suffix]
    sentences = [s for article in sources for line in body_lines(article) for s in SENTENCE_END.split(line) if s]
    titles = [article.text.splitlines()[0] for article in sources]
    swap_names = NameSwapper(rng, prefixes)
    months = list(Locale("ar").months["format"]["wide"].values())

    def inflected(word: str) -> str:
        if rng.random() >= inflect:
            return word
        return rng.choice(prefixes) + word if rng.random() < 0.5 else word + rng.choice(suffixes)

    def vary(text: str) -> str:
        text = ARABIC_WORD.sub(lambda m: inflected(m.group()), swap_names(text))
        return re.sub(r"\d+", lambda m: str(rng.randrange(10 ** (len(m.group()) - 1), 10 ** len(m.group()))), text)

    for _ in range(count):
        title = vary(rng.choice(titles))
        date = f"{rng.randint(1, 28)} {rng.choice(months)} {rng.randint(2010, 2025)}"
        paragraphs, length = [], len(title.encode()) + len(date.encode())
        while length < size:
            paragraph = " ".join(vary(rng.choice(sentences)) for _ in range(rng.randint(2, 4)))
            paragraphs.append(paragraph)
            length += len(paragraph.encode()) + 2
        yield title, date, paragraphs


def body_lines(article) -> list[str]:
    """The article's lines after the title, without the short ones (dates, bylines)."""
    return [line for line in article.text.splitlines()[1:] if len(line) > 40]


def repeated_articles(sources, count: int):
    for index in range(count):
        yield sources[index % len(sources)].text


def write_corpus(folder: Path, articles) -> Path:
    """One .txt file per article: title line, date line, paragraphs (the layout ingest reads)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for index, article in enumerate(articles):
        text = article if isinstance(article, str) else "\n\n".join([article[0], article[1], *article[2]])
        (folder / f"{index:05d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


# --- the measurements ------------------------------------------------------------------------


def measure(folder: Path, repeat: int) -> dict:
    start = time.perf_counter()
    articles = list(kg.read_articles([str(folder)]))
    ingest_s = time.perf_counter() - start
    megabytes = sum(len(article.text.encode("utf-8")) for article in articles) / 1e6

    # The floor and the pipeline are measured in turns, each time from scratch, and the best time
    # of each kept: the machine's other jobs slow single passes down by 10 % and more.
    floor_times, extract_times = [], []
    for _ in range(repeat):
        blank = spacy.blank("ar")
        start = time.perf_counter()
        for article in articles:
            blank(article.text)
        floor_times.append(time.perf_counter() - start)

        nlp = fresh_nlp()
        start = time.perf_counter()
        assertions = sum(1 for _ in extract(articles, nlp=nlp))
        extract_times.append(time.perf_counter() - start)
    floor_s, extract_s = min(floor_times), min(extract_times)

    stages = {"ingest (read files)": ingest_s, **time_stages(articles)}
    total = sum(stages.values())
    return {
        "articles": len(articles),
        "megabytes": megabytes,
        "mean_article_bytes": megabytes * 1e6 / len(articles),
        "assertions": assertions,
        "distinct_words_share": distinct_words_share(blank, articles),
        "extract_s": extract_s,
        "extract_articles_per_s": len(articles) / extract_s,
        "extract_mb_per_s": megabytes / extract_s,
        "with_ingest_articles_per_s": len(articles) / (extract_s + ingest_s),
        "floor_s": floor_s,
        "floor_articles_per_s": len(articles) / floor_s,
        "floor_mb_per_s": megabytes / floor_s,
        "share_of_floor": floor_s / extract_s,
        "stages_s": stages,
        "stages_share": {name: seconds / total for name, seconds in stages.items()},
    }


def fresh_nlp():
    """A new pipeline with an empty vocabulary: make_nlp() itself returns the one of the process."""
    return make_nlp.__wrapped__("ar")


def time_stages(articles) -> dict[str, float]:
    """The pipeline run by hand, one stage at a time on each article, on a fresh pipeline."""
    nlp = fresh_nlp()
    seconds: dict[str, float] = defaultdict(float)
    for article in articles:
        start = time.perf_counter()
        doc = nlp.make_doc(article.text)
        now = time.perf_counter()
        seconds["tokenizer"] += now - start
        for name, component in nlp.pipeline:
            start = now
            doc = component(doc)
            now = time.perf_counter()
            seconds[name] += now - start
        start = now
        actor_attrs = doc._.kg_actor_matches.attrs
        [build_assertion(article, candidate, actor_attrs) for candidate in doc._.kg_relations]
        seconds["assertions (extract)"] += time.perf_counter() - start
    return dict(seconds)


def distinct_words_share(nlp, articles) -> float:
    """Distinct words over all words: how much of the text a word cache cannot have seen."""
    words = [token.text for article in articles for token in nlp.make_doc(article.text) if token.is_alpha]
    return len(set(words)) / len(words)


def measure_startup(code: str = STARTUP_CODE, runs: int = 5, *, cold: bool = False) -> float:
    """Wall time of a fresh interpreter running `code`, median of `runs`.

    The pipeline's compiled data lives in a cache (kg/nlp/cache.py): warm, it is read back (every
    run after the first); cold, it is compiled from ontology/ (the first run after an install
    or a data edit). Both use a cache folder of their own, so the user's is left alone.
    """
    with tempfile.TemporaryDirectory() as cache:
        env = {
            **os.environ,
            "KG_CACHE_DIR": cache,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        }
        if not cold:
            subprocess.run([sys.executable, "-c", code], check=True, env=env)  # fills the cache
        times = []
        for _ in range(runs):
            if cold:
                shutil.rmtree(cache, ignore_errors=True)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- the report ------------------------------------------------------------------------------


def print_report(figures: dict) -> None:
    varied, repeated = figures["corpora"]["varied"], figures["corpora"]["repeated"]
    console = Console()
    summary = Table(
        title=f"Extraction speed on one core (core {figures['core']}, load average {figures['load_average_1min']:.1f} at start;"
        f" extract and floor: best of {figures['repeat']})",
        title_justify="left",
    )
    for column in ("", "varied", "repeated", "target"):
        summary.add_column(column, justify="left" if not column else "right")
    rows = [
        ("articles", "articles", "{:d}", ""),
        ("mean article size (bytes)", "mean_article_bytes", "{:,.0f}", "about 7,000"),
        ("distinct words / words", "distinct_words_share", "{:.3f}", ""),
        ("assertions", "assertions", "{:d}", ""),
        ("extract: articles/s", "extract_articles_per_s", "{:,.1f}", f">= {TARGET_ARTICLES_PER_S}"),
        ("extract: MB/s", "extract_mb_per_s", "{:.3f}", ""),
        ("ingest + extract: articles/s", "with_ingest_articles_per_s", "{:,.1f}", ""),
        ('spacy.blank("ar") tokenizer alone: articles/s', "floor_articles_per_s", "{:,.1f}", ""),
        ('spacy.blank("ar") tokenizer alone: MB/s', "floor_mb_per_s", "{:.3f}", ""),
        ("extract / tokenizer-alone throughput", "share_of_floor", "{:.2f}", f">= {TARGET_SHARE_OF_FLOOR}"),
    ]
    for label, key, form, target in rows:
        summary.add_row(label, form.format(varied[key]), form.format(repeated[key]), target)
    summary.add_row("start-up: import kg + make_nlp + load data (s)", f"{figures['startup_s']:.2f}", "", f"< {TARGET_STARTUP_S}")
    summary.add_row("  the same with a cold cache (first run) (s)", f"{figures['startup_cold_s']:.2f}", "", "")
    summary.add_row('  of which import spacy + spacy.blank("ar") (s)', f"{figures['spacy_startup_s']:.2f}", "", "")
    summary.add_row("  of which a bare python -c pass (s)", f"{figures['python_startup_s']:.2f}", "", "")
    console.print(summary)

    stages = Table(title="Share of the time per stage (a separate, instrumented pass)", title_justify="left")
    for column in ("stage", "varied s", "varied %", "repeated s", "repeated %"):
        stages.add_column(column, justify="left" if column == "stage" else "right")
    for name in varied["stages_s"]:
        stages.add_row(
            name,
            f"{varied['stages_s'][name]:.2f}",
            f"{100 * varied['stages_share'][name]:.1f}",
            f"{repeated['stages_s'].get(name, 0):.2f}",
            f"{100 * repeated['stages_share'].get(name, 0):.1f}",
        )
    console.print(stages)


if __name__ == "__main__":
    main()
