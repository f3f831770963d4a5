"""Plain-text and Markdown articles: title, date line, and page-junk lines removed while news stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_articles

DATA = Path(__file__).parent / "data" / "ingest"


def article(name):
    [found] = read_articles([DATA / name])
    return found


def test_an_arabic_page_keeps_headline_date_caption_and_teaser_and_loses_its_junk():
    found = article("junk_ar.txt")
    assert (found.doc, found.title, found.date, found.lang) == ("junk_ar.txt", "قطر وتركيا توقعان اتفاقية للتعاون الدفاعي", "2020-02-03", "ar")
    assert found.text == (
        "قطر وتركيا توقعان اتفاقية للتعاون الدفاعي\n\n"
        "الثلاثاء 3 فيفري 2020 - 10:15\n\n"
        "وقّع وزير الدفاع القطري ونظيره التركي في الدوحة اتفاقية للتعاون الدفاعي تشمل تدريب الضباط وإجراء مناورات مشتركة، وفق بيان لوزارة الدفاع القطرية.\n\n"
        "وزير الدفاع القطري يصافح نظيره التركي في الدوحة (رويترز)\n\n\n"
        'وقال الوزير التركي إن بلاده "ملتزمة بأمن الخليج"، مضيفًا أن التعاون بين البلدين سيتوسع في السنوات المقبلة.\n\n'
        "اقرأ أيضا: إيران تدين الاتفاق وتصفه بأنه تهديد لأمن المنطقة"
    )


def test_an_english_markdown_page_keeps_its_news_and_loses_its_junk():
    found = article("junk_en.md")
    assert (found.title, found.date, found.lang) == ("Japan and India hold talks on maritime security", "2018-05-15", "en")
    assert found.text == (
        "# Japan and India hold talks on maritime security\n\n"
        "Tue, 15 May 2018 17:04:15 +0400\n\n\n"
        "Japan's foreign minister met his Indian counterpart in Tokyo on Tuesday to discuss maritime security in the Indo-Pacific, the two governments said in a joint statement.\n\n"
        "The ministers shake hands before their meeting in Tokyo (AP)\n\n"
        "Related: China criticises the Japan-India naval exercise\n\n\n"
        "Both sides agreed to hold a joint naval exercise later this year."
    )


@pytest.mark.parametrize(
    "name, date",
    [
        ("date_in_sentence.txt", None),  # "زار الخرطوم في 12 جانفي 2021": an event, not the article's date
        ("dateline.txt", "2019-05-05"),  # "(عمان - بترا - 5 أيار 2019م) وقّع ...": the agency dateline
    ],
)
def test_only_a_date_line_or_a_dateline_gives_the_article_date(name, date):
    assert article(name).date == date
