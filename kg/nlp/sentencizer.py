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
from kg.nlp.normalizer import normalizer_of

WORD_FLAG = "sentence_bound"  # the words that may end a sentence or continue its end


@Language.factory(
    "kg_sentencizer",
    assigns=["token.is_sent_start"],
    requires=["doc._.kg_words"],
    default_config={"lang": "ar"},
)
def make_sentencizer(nlp: Language, name: str, lang: str):
    language = load_lexicon(lang).language
    sentencizer = Sentencizer(frozenset(language["sentence_final"]), frozenset(language["closing_punctuation"]))
    normalizer_of(nlp).add_word_flag(WORD_FLAG, sentencizer.may_bound)
    return sentencizer


class Sentencizer:
    def __init__(self, final: frozenset[str], closing: frozenset[str]):
        self.final = final
        self.closing = closing
        self.final_chars = frozenset(ch for mark in final for ch in mark)
        # A token can end or continue a sentence boundary only if it ends in one of these:
        # the others (nearly all) are found in C and skipped in a block.
        self.boundary_chars = self.final_chars | {ch for mark in closing for ch in mark} | {
            chr(c) for c in range(0x3000 + 1) if chr(c).isspace()  # U+3000 is the last space character
        }

    def may_bound(self, text: str, stems: tuple[str, ...]) -> bool:
        """Whether the word may end a sentence or continue its end (a word flag)."""
        return text[-1] in self.boundary_chars

    def __call__(self, doc: Doc) -> Doc:
        # Boundaries are set all at once: assigning token.is_sent_start one token at a time
        # makes spaCy re-check the document each time, which is quadratic in its length.
        words = doc._.kg_words
        texts = words.texts
        starts = numpy.full((len(doc), 1), -1, dtype="int32")
        boundary_next = True
        previous = ""
        last = -1  # the last token looked at
        for i in words.flagged[WORD_FLAG]:
            if i > last + 1:  # words between: the first starts a sentence if one is due
                if boundary_next:
                    starts[last + 1, 0] = 1
                boundary_next = False
                previous = texts[i - 1]
            text = texts[i]
            closes = boundary_next and text in self.closing and previous in self.final
            starts[i, 0] = 1 if boundary_next and not closes else -1  # a closing quote stays with its sentence
            if words.space[i]:
                boundary_next = "\n" in text or boundary_next
            elif text in self.final or text[-1] in self.final_chars:
                boundary_next = True  # also 'بتفوق".', which the tokenizer leaves whole
            else:
                boundary_next = closes
            previous = text
            last = i
        if last + 1 < len(texts) and boundary_next:
            starts[last + 1, 0] = 1
        if len(doc):
            doc.from_array([SENT_START], starts.astype("uint64"))
        return doc
