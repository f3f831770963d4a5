"""kg_normalizer: the matching form of every token, and the stems it may carry behind clitics.

Sets `token.norm_` (never `token.text`, so offsets stay true) and `doc._.kg_stems`, one list
of candidate stems per token, shared by every matcher after it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.normalize import clitic_stems, normalize_ar

if not Doc.has_extension("kg_stems"):
    Doc.set_extension("kg_stems", default=None)


@Language.component("kg_normalizer", assigns=["token.norm", "doc._.kg_stems"])
def normalize_doc(doc: Doc) -> Doc:
    stems = []
    for token in doc:
        token.norm_ = normalize_ar(token.text)
        stems.append(clitic_stems(token.text) if not token.is_space else ())
    doc._.kg_stems = stems
    return doc
