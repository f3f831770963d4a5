"""Arabic normalization for matching, and clitic stems: words in, matching keys out."""

import pytest

from kg.nlp.normalize import clitic_stems, normalize_ar, strip_article
from kg.nlp.phrase_index import PhraseIndex, phrase_key


@pytest.mark.parametrize(
    "text, expected",
    [
        ("إسرائيل", "اسراييل"),  # hamza forms of alef and ya
        ("الأمريكيّة", "الامريكية"),  # shadda dropped; ta marbuta kept (ه is a pronoun suffix)
        ("موسكـــو", "موسكو"),  # tatweel
        ("مُوسْكُو", "موسكو"),  # harakat
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("آذار", "اذار"),
        ("ایران", "ايران"),  # Persian yeh
        ("کابل", "كابل"),  # Persian kaf
        ("NATO", "nato"),
        ("٢٠٢٢", "2022"),
    ],
)
def test_normalize_ar(text, expected):
    assert normalize_ar(text) == expected


@pytest.mark.parametrize(
    "word, stem",
    [
        ("روسيا", "روسيا"),
        ("وروسيا", "روسيا"),
        ("لروسيا", "روسيا"),
        ("بكوبا", "كوبا"),
        ("وبكوبا", "كوبا"),
        ("فلروسيا", "روسيا"),
        ("الروسية", "روسية"),
        ("بالولايات", "ولايات"),
        ("وللولايات", "ولايات"),  # و + ل + (ا)ل: the article's alef is elided after ل
        ("للبنان", "لبنان"),  # ل + لبنان, not ل + (ا)ل + بنان only
        ("كالكرملين", "كرملين"),
    ],
)
def test_clitic_stems_contain_the_stem(word, stem):
    stems = clitic_stems(normalize_ar(word))
    assert stem in stems


def test_the_plain_word_comes_first():
    assert clitic_stems("وزير")[0] == "وزير"


def test_strip_article_keeps_short_words():
    assert strip_article("الروس") == "روس"
    assert strip_article("ال") == "ال"


def test_alef_lam_with_hamza_is_no_article():
    assert strip_article("ألبانيا") == "البانيا"
    assert strip_article("ألبان") not in clitic_stems("بأن")  # "that", not ب + "ألبان"


def test_phrase_index_finds_the_longest_match_behind_clitics():
    index = PhraseIndex()
    index.add(phrase_key(["كوريا"]), "KOREA?")
    index.add(phrase_key(["كوريا", "الشمالية"]), "PRK")
    index.add(phrase_key(["الولايات", "المتحدة"]), "USA")
    words = "وللولايات المتحدة وكوريا الشمالية".split()
    stems = [clitic_stems(normalize_ar(w)) for w in words]
    can_start = [i for i, (w, s) in enumerate(zip(words, stems)) if index.can_start(w, s)]
    assert can_start == [0, 2]
    found = [(start, end, values) for start, end, values, _ in index.finditer(stems, can_start)]
    assert found == [(0, 2, ["USA"]), (2, 4, ["PRK"])]


def test_phrase_index_rejects_an_empty_key():
    with pytest.raises(ValueError):
        PhraseIndex().add(("روسيا", ""), "X")
