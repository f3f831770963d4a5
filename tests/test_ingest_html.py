"""Web pages: the article without navigation, scripts, comments and chrome; headline, caption and metadata kept."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read_articles

DATA = Path(__file__).parent / "data" / "ingest"


def article(name):
    [found] = read_articles([DATA / name])
    return found


def test_a_news_page_gives_its_article_text_title_date_and_url():
    found = article("page.html")
    assert (found.doc, found.title, found.date, found.url, found.lang) == (
        "page.html",
        "المغرب وإسبانيا يبحثان الهجرة والتعاون الأمني",
        "2023-03-14",
        "https://news.example.org/2023/03/morocco-spain",
        "ar",
    )
    assert found.text == (
        "المغرب وإسبانيا يبحثان الهجرة والتعاون الأمني\n"
        "بحث وزير الخارجية المغربي ناصر بوريطة مع نظيره الإسباني خوسيه مانويل ألباريس في الرباط ملفات الهجرة غير النظامية والتعاون الأمني بين البلدين، وفق بيان مشترك صدر في ختام اللقاء.\n"
        "وزير الخارجية المغربي يستقبل نظيره الإسباني في الرباط\n"
        "وقال البيان إن الجانبين اتفقا على تعزيز التنسيق في مكافحة شبكات تهريب البشر، وعلى عقد اجتماع للجنة المشتركة قبل نهاية العام الجاري في مدريد.\n"
        "وأضاف أن إسبانيا ستقدم دعما تقنيا لخفر السواحل المغربي، في إطار برنامج يموله الاتحاد الأوروبي لمراقبة الحدود البحرية في غرب البحر المتوسط."
    )


def test_a_hostile_page_gives_its_text_verbatim_and_never_its_scripts():
    found = article("hostile.html")
    assert found.text == (
        "Chile and Peru settle a fishing dispute\n"
        "Chile and Peru signed an agreement in Lima on Friday that ends a dispute over fishing rights, the two foreign ministries said in a joint statement on Friday evening.\n"
        # escaped markup in the page is text, and stays text, quotes and all
        """The Peruvian minister called the deal "a fair outcome" and said that </textarea><script>alert(3)</script> is what a careless website would print here, 'quotes' included.\n"""
        "Both governments said a joint commission would meet every year to review the quotas and to settle any new disagreement before it reaches the courts."
    )
    for script in ("alert(1)", "alert(2)", "alert(4)", "declares war", "Enable JavaScript", "ads.example.com"):
        assert script not in found.text
    assert (found.title, found.date, found.lang) == ("Chile and Peru settle a fishing dispute", None, "en")


def test_a_page_without_article_text_is_reported(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><head><script>alert(1)</script></head><body><div></div></body></html>")
    errors = []
    assert list(read_articles([page], on_error=errors.append)) == []
    assert [(e.source, e.problem) for e in errors] == [(str(page), "no article text found in the page")]


def test_a_windows_1256_page_reads_like_its_utf8_original_with_or_without_a_declared_charset():
    texts = [found.text for found in read_articles([DATA / "page.html", DATA / "page_cp1256.html", DATA / "page_cp1256_undeclared.html"])]
    assert texts[1] == texts[0]
    assert texts[2] == texts[0]
