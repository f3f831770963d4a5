"""The language of an article, by the share of Arabic letters."""

from __future__ import annotations

import pytest

from kg.ingest.lang import detect_lang


@pytest.mark.parametrize(
    "text, lang",
    [
        ("روسيا تعمق التعاون العسكري مع كوبا", "ar"),
        ("روسيا تعمق التعاون العسكري مع كوبا – RT EN", "ar"),
        ("Russia deepens military cooperation with Cuba", "en"),
        ("Russia and Cuba (روسيا وكوبا) sign a deal in Havana", "en"),
        ("2022-01-27", "ar"),  # no letters: the default language
    ],
)
def test_the_language_is_that_of_most_letters(text, lang):
    assert detect_lang(text) == lang
