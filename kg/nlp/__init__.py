"""The spaCy pipeline: a blank tokenizer plus kg's own components, one job each.

    normalizer -> sentencizer -> actor_ruler -> trigger_ruler -> relation_extractor

Components are registered by name (`kg_normalizer`, ...); their knowledge comes from the
data files under ontology/, so the same components serve another language with another lexicon.
"""

from __future__ import annotations

from functools import lru_cache

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

TOKENIZER_CACHE_SIZE = 1 << 19  # space-separated chunks whose split spaCy remembers

PIPELINE = ("kg_normalizer", "kg_sentencizer", "kg_actor_ruler", "kg_trigger_ruler", "kg_relation_extractor")
SUPPORTED_LANGUAGES = ("ar",)


@lru_cache(maxsize=None)
def make_nlp(lang: str = "ar") -> "Language":
    """The extraction pipeline for `lang`, built once per process.

    spaCy is imported here, not at module level, so that `kg.nlp.normalize` (used by the actor
    loader and `kg actors`) stays cheap to import.
    """
    import spacy

    # Importing the modules registers the components with spaCy.
    from kg.nlp import actor_ruler, normalizer, relation_extractor, sentencizer, trigger_ruler  # noqa: F401

    from kg.ingest.encoding import MAX_INPUT_BYTES

    if lang not in SUPPORTED_LANGUAGES:
        from kg.errors import UnsupportedLanguageError

        raise UnsupportedLanguageError(
            f"no extraction rules for language {lang!r} yet (supported: {', '.join(SUPPORTED_LANGUAGES)})"
        )
    nlp = spacy.blank(lang)
    # Any article ingest accepts must go through: spaCy's default limit guards models this
    # pipeline does not have, and a character is at least a byte.
    nlp.max_length = MAX_INPUT_BYTES
    _lighten_tokenizer(nlp)
    for name in PIPELINE:
        config = {} if name == "kg_normalizer" else {"lang": lang}
        nlp.add_pipe(name, config=config)
    return nlp


def _lighten_tokenizer(nlp: "Language") -> None:
    """The same tokens as spaCy's tokenizer, about twice as fast on new text.

    - spaCy remembers the split of only 10,000 distinct chunks (words with their punctuation);
      news has more, so past the first articles most words went through the affix regexes again.
    - Each new word gets a lexeme, and spaCy computes some twenty lexical attributes for it in
      Python (shape, stop word, like_num ...). The components read only is_space and is_punct
      (and set token.norm themselves): the others are not computed, and read as empty.
    - A new chunk of Arabic letters and harakat alone is one token (no prefix, suffix or infix
      rule of spaCy's Arabic tokenizer matches a letter): `token_match` says so before the three
      affix regexes are tried on it.
    """
    import re

    from spacy.attrs import IS_PUNCT, IS_SPACE

    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_SIZE
    nlp.tokenizer.token_match = re.compile("[\u0621-\u065f]+").fullmatch
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {attr: getters[attr] for attr in (IS_SPACE, IS_PUNCT)}
