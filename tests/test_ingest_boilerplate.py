"""Page junk, line by line: the classes of ontology/boilerplate.yaml, and news lines that must stay."""

from __future__ import annotations

import pytest

from kg.ingest.boilerplate import load_boilerplate


@pytest.mark.parametrize(
    "line, junk_class",
    [
        ("This website uses cookies to improve your experience. We'll assume you're ok with this. Accept Read More", "cookie_notice"),
        ("نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا", "cookie_notice"),
        ("Leave A Reply", "comment_prompt"),
        ("Facebook Comments Box", "comment_prompt"),
        ("12 Comments", "comment_prompt"),
        ("أضف تعليق", "comment_prompt"),
        ("اترك تعليقاً", "comment_prompt"),
        ("أفكارك وتعليقاتك", "comment_prompt"),
        ("Source link", "source_link"),
        ("The post Kenya hosts talks appeared first on Example News.", "source_link"),
        ("ظهر المنشور في الأصل على example.com", "source_link"),
        ("Share this article", "share_widget"),
        ("Share on WhatsApp", "share_widget"),
        ("Facebook Twitter WhatsApp Telegram", "share_widget"),
        ("شارك على تويتر", "share_widget"),
        ("فيسبوك تويتر واتساب", "share_widget"),
        ("Written by: Staff Reporter", "author_box"),
        ("بقلم: محمد علي", "author_box"),
        ("مقال رئيس التحرير", "author_box"),
        ("Advertisement", "advertisement"),
        ("إعلان", "advertisement"),
        ("إعلان جانبي 3", "advertisement"),
        ("Follow us on Twitter", "newsletter_and_follow"),
        ("تابعونا على فيسبوك", "newsletter_and_follow"),
        ("Copyright 2018 Example News. All rights reserved.", "footer"),
        ("جميع الحقوق محفوظة لموقع المثال 2023", "footer"),
        ("(تستمر)", "wire_marker"),
        ("#", "page_furniture"),
        ("* * *", "page_furniture"),
        ("TT", "page_furniture"),
    ],
)
def test_a_junk_line_is_recognised_with_its_class(line, junk_class):
    assert load_boilerplate().junk_class(line).name == junk_class


@pytest.mark.parametrize(
    "line",
    [
        "روسيا تعمق التعاون العسكري مع كوبا",  # a headline
        "قادة دول منظمة الأمن الجماعي خلال قمتهم في مينسك أمس (أ.ف.ب)",  # a caption
        "المزيد عن هذا الموضوع – يجب أن تغادر الولايات المتحدة أوكرانيا",  # a teaser
        "اقرأ أيضا: إيران تدين الاتفاق",  # a teaser
        "Related: China criticises the exercise",  # a teaser
        "إعلان الاستقلال",  # "declaration", not an advertisement slot
        "كتب الرئيس على تويتر أن بلاده تدعم الاتفاق",  # not a byline: no colon
        "Comments by the minister angered Beijing, which summoned the ambassador on Monday.",
        # longer than a cookie notice can be: a news paragraph that quotes the words
        "The minister said the website uses cookies " + "and tracks its readers, according to the agency. " * 8,
        "",
    ],
)
def test_a_news_line_is_not_junk(line):
    assert load_boilerplate().junk_class(line) is None


def test_a_closing_marker_drops_the_page_chrome_after_it():
    text = "Headline\n\nNews paragraph.\n\nLeave a Reply\nAbout the author\nJane Doe\nMore stories"
    assert load_boilerplate().clean(text) == "Headline\n\nNews paragraph."


def test_a_closing_marker_followed_by_news_drops_only_itself():
    news = "The two ministers also agreed to meet again in Cairo next month to finish the text of the agreement on trade."
    text = f"Headline\n\nSource link\n\n{news}"
    assert load_boilerplate().clean(text) == f"Headline\n\n\n{news}"
