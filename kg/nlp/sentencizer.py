"""kg_sentencizer: sentence boundaries for Arabic news text.

A sentence ends at sentence-final punctuation (. ! ? ؟ … ؛) together with the closing quotes
and brackets right after it, and at every line break: headlines, captions and teasers stand
on lines of their own. The comma ، never ends a sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.knowledge.lexicon import load_lexicon


@Language.factory(
    "kg_sentencizer",
    assigns=["token.is_sent_start"],
    requires=["doc._.kg_words"],
    default_config={"lang": "ar"},
)
def make_sentencizer(nlp: Language, name: str, lang: str):
    language = load_lexicon(lang).language
    return Sentencizer(frozenset(language["sentence_final"]), frozenset(language["closing_punctuation"]))


class Sentencizer:
    def __init__(self, final: frozenset[str], closing: frozenset[str]):
        self.final = final
        self.closing = closing
        self.final_chars = frozenset(ch for mark in final for ch in mark)

    def __call__(self, doc: Doc) -> Doc:
        # Boundaries are set all at once: assigning token.is_sent_start one token at a time
        # makes spaCy re-check the document each time, which is quadratic in its length.
        words = doc._.kg_words
        starts = numpy.full((len(doc), 1), -1, dtype="int32")
        boundary_next = True
        previous = ""
        for i, (text, space) in enumerate(zip(words.texts, words.space)):
            closes = boundary_next and text in self.closing and previous in self.final
            starts[i, 0] = 1 if boundary_next and not closes else -1  # a closing quote stays with its sentence
            if space:
                boundary_next = "\n" in text or boundary_next
            elif text in self.final or text[-1] in self.final_chars:
                boundary_next = True  # also 'بتفوق".', which the tokenizer leaves whole
            else:
                boundary_next = closes
            previous = text
        if len(doc):
            doc.from_array([SENT_START], starts.astype("uint64"))
        return doc
