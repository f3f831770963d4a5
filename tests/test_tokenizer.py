"""The pipeline's tokenizer is spaCy's Arabic tokenizer made faster: it must give the same tokens."""

import pytest
import spacy

from kg.nlp import make_nlp
from kg.resources import sample_corpus_dir

TRICKY = [
    "قال «روسيا» إن (الصين)، والهند.",
    'أكد أن "التعاون" مستمر...',
    "إس-400 وغينيا-بيساو و3.5% و٢٠١٥م",
    "بتفوق\". ثم ماذا؟! لا…",
    "وَلِلْوِلايَاتِ المُتَّحِدَةِ",
    "http://example.com/a?b=c و info@example.com",
    "NATO's U.S. ق.م  \n\n  \t",
]


def tokens(tokenizer, text: str) -> list[tuple[str, str]]:
    return [(token.text, token.whitespace_) for token in tokenizer(text)]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_is_split_as_spacy_splits_it(text):
    assert tokens(make_nlp().tokenizer, text) == tokens(spacy.blank("ar").tokenizer, text)


def test_the_sample_articles_are_split_as_spacy_splits_them():
    blank = spacy.blank("ar")
    for path in sorted(sample_corpus_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert tokens(make_nlp().tokenizer, text) == tokens(blank.tokenizer, text), path.name
