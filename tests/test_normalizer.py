"""kg_normalizer: what it hands the matchers, per token, and that its word tables may fill up."""

from kg.extraction import extract
from kg.ingest import read_articles
from kg.nlp import make_nlp
from kg.resources import sample_corpus_dir


def test_words_per_token():
    doc = make_nlp()("وللولاياتِ المتحدة  «روسيا» .")
    words = doc._.kg_words
    assert words.texts == ["وللولاياتِ", "المتحدة", " ", "«", "روسيا", "»", "."]
    assert words.norms == ["وللولايات", "المتحدة", " ", "«", "روسيا", "»", "."]
    assert words.stems[0] == ("وللولايات", "للولايات", "لولايات", "ولايات")
    assert words.space == [False, False, True, False, False, False, False]
    assert words.punct == [False, False, False, True, False, True, True]
    assert [token.norm_ for token in doc] == words.norms
    assert words.flagged["actor_start"] == [0, 4]  # (الولايات المتحدة), روسيا
    assert words.flagged["sentence_bound"] == [2, 5, 6]  # a space, a closing quote, a stop
    assert words.flagged["denial"] == []


def test_the_same_records_when_the_word_tables_fill_up(monkeypatch):
    articles = list(read_articles([str(sample_corpus_dir())]))
    expected = list(extract(articles, nlp=make_nlp.__wrapped__("ar")))
    monkeypatch.setattr("kg.nlp.normalizer.CACHE_SIZE", 300)  # a few times per article
    assert list(extract(articles, nlp=make_nlp.__wrapped__("ar"))) == expected
