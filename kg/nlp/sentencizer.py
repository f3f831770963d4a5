"""kg_sentencizer: sentence boundaries for Arabic news text.

A sentence ends at sentence-final punctuation (. ! ? ؟ … ؛) together with the closing quotes
and brackets right after it, and at every line break: headlines, captions and teasers stand
on lines of their own. The comma ، never ends a sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.knowledge.lexicon import load_lexicon


@Language.factory(
    "kg_sentencizer",
    assigns=["token.is_sent_start"],
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
        boundary_next = True
        for token in doc:
            token.is_sent_start = boundary_next
            text = token.text
            if token.is_space:
                boundary_next = "\n" in text or boundary_next
            elif text in self.final or text[-1] in self.final_chars:
                boundary_next = True  # also 'بتفوق".', which the tokenizer leaves whole
            elif boundary_next and text in self.closing and token.i > 0 and doc[token.i - 1].text in self.final:
                token.is_sent_start = False  # a quote closing the sentence belongs to it
                boundary_next = True
            else:
                boundary_next = False
        return doc
