"""Ingest speed on one core: articles/s and MB/s of `read_articles`, and the cost of each step.

    PYTHONPATH=. python scripts/bench_ingest.py [--articles 2000] [--size 7000]

A corpus of --articles files of about --size bytes is written under output/bench/ingest/, in
three formats: .txt pages (title, a date line, paragraphs recombined from the bundled samples,
page-junk lines at the end), the same articles as .html pages, and one .jsonl file. The date
lines vary (named Arabic months of three regions, numeric dates, no date), and so do the day,
month and year, so that no cache of a date parser is measured instead of the parser.

Reported: articles/s and MB/s per format (after one warm-up article, so that one-off start-up
costs are reported apart), the share of the .txt time spent in decoding, junk-line removal,
date finding and language detection, and the one-off costs: `import kg.ingest` in a fresh
interpreter and the first date with a month name (dateparser loading its data).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from kg.ingest import read_articles
from kg.ingest.boilerplate import load_boilerplate
from kg.ingest.dates import find_date, parse_date
from kg.ingest.encoding import decode
from kg.ingest.lang import detect_lang
from kg.resources import sample_corpus_dir

OUT = Path("output/bench/ingest")

# Date lines as the pages print them: {d} {m} {y} are filled with varying values.
DATE_LINES = [
    "{d} {month_msa} {y} {h}:{mi} صباحًا",
    "{d} {month_levant} {y}",
    "الثلاثاء {d} {month_maghreb} {y} - {h}:{mi}",
    "عرب وعالم{d}-{m}-{y} | {h}:{mi}",
    "{d}/{m:02d}/{y}",
    "{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:00+01:00",
    None,  # no date line
]
# Month names in the three regional sets dateparser knows (index 0 = January).
MONTHS = {
    "month_msa": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split(),
    "month_levant": [
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
        "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
    ],
    "month_maghreb": "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر".split(),
}
JUNK_TAIL = ["Source link", "Facebook Comments Box", "أضف تعليق", "مقال رئيس التحرير", "إعلان أعلى 2"]


def make_corpus(count: int, size: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    paragraphs = [
        line
        for path in sorted(sample_corpus_dir().glob("*.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if len(line) > 80
    ]
    articles = []
    for number in range(count):
        title = rng.choice(paragraphs)[:90]
        body = []
        while sum(len(p.encode()) for p in body) < size:
            body.append(rng.choice(paragraphs))
        template = rng.choice(DATE_LINES)
        month = rng.randrange(12)
        values = dict(d=rng.randint(1, 28), m=month + 1, y=rng.randint(2000, 2024), h=rng.randint(0, 23), mi=rng.randint(0, 59))
        values.update({key: names[month] for key, names in MONTHS.items()})
        date_line = template.format(**values) if template else None
        articles.append({"id": f"{number:05d}", "title": title, "date_line": date_line, "body": body})
    return articles


def as_txt(article: dict) -> str:
    head = [article["title"], ""] + ([article["date_line"], ""] if article["date_line"] else [])
    return "\n".join(head + [p + "\n" for p in article["body"]] + JUNK_TAIL) + "\n"


def as_html(article: dict) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article["body"])
    return (
        f'<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>{html.escape(article["title"])}</title>'
        "<script>var tracking = true;</script></head><body><nav><a href='/'>الرئيسية</a></nav>"
        f"<article><h1>{html.escape(article['title'])}</h1>{paragraphs}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


def write_corpus(articles: list[dict]) -> dict[str, list[Path]]:
    shutil.rmtree(OUT, ignore_errors=True)
    files: dict[str, list[Path]] = {"txt": [], "html": [], "jsonl": []}
    for fmt, render in (("txt", as_txt), ("html", as_html)):
        (OUT / fmt).mkdir(parents=True)
        for article in articles:
            path = OUT / fmt / f"{article['id']}.{fmt}"
            path.write_text(render(article), encoding="utf-8")
            files[fmt].append(path)
    jsonl = OUT / "articles.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for article in articles:
            record = {"id": article["id"], "title": article["title"], "text": as_txt(article)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    files["jsonl"].append(jsonl)
    return files


def throughput(paths: list[Path]) -> tuple[int, float, float]:
    """(articles, articles/s, MB/s) of read_articles over `paths`; the first article is a warm-up."""
    list(read_articles(paths[:1]))
    size = sum(path.stat().st_size for path in paths)
    start = time.perf_counter()
    count = sum(1 for _ in read_articles(paths))
    seconds = time.perf_counter() - start
    return count, count / seconds, size / seconds / 1e6


def step_shares(paths: list[Path]) -> dict[str, float]:
    """Seconds per article of each step of the .txt reader, measured one step at a time."""
    raw = [path.read_bytes() for path in paths]
    boilerplate = load_boilerplate()
    timings = {}
    start = time.perf_counter()
    texts = [decode(data, "bench") for data in raw]
    timings["decode"] = time.perf_counter() - start
    start = time.perf_counter()
    cleaned = [boilerplate.clean(text) for text in texts]
    timings["junk lines"] = time.perf_counter() - start
    start = time.perf_counter()
    for text in cleaned:
        find_date(text.split("\n")[1:])
    timings["date line"] = time.perf_counter() - start
    start = time.perf_counter()
    for text in cleaned:
        detect_lang(text)
    timings["language"] = time.perf_counter() - start
    return {step: seconds / len(paths) for step, seconds in timings.items()}


def one_off_costs() -> dict[str, float]:
    command = "import time; t = time.perf_counter(); import kg.ingest; print(time.perf_counter() - t)"
    runs = sorted(float(subprocess.check_output([sys.executable, "-c", command], text=True)) for _ in range(5))
    start = time.perf_counter()
    parse_date("3 فيفري 2020")  # the first named month in this process: dateparser loads its data
    return {"import kg.ingest (median of 5)": runs[2], "first date with a month name": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--size", type=int, default=7000, help="bytes of body text per article")
    args = parser.parse_args()

    costs = one_off_costs()
    files = write_corpus(make_corpus(args.articles, args.size))
    print(f"corpus: {args.articles} articles, about {args.size} bytes of body each, under {OUT}/")
    for fmt, paths in files.items():
        count, per_second, mb_per_second = throughput(paths)
        print(f"{fmt:>5}: {count} articles, {per_second:8.0f} articles/s, {mb_per_second:6.1f} MB/s")
    shares = step_shares(files["txt"])
    total = sum(shares.values())
    print("txt steps, per article:")
    for step, seconds in shares.items():
        print(f"  {step:<11} {seconds * 1e3:7.3f} ms  {seconds / total:5.1%}")
    print("one-off:")
    for what, seconds in costs.items():
        print(f"  {what:<31} {seconds * 1e3:6.0f} ms")


if __name__ == "__main__":
    main()
