"""The trigger lexicon: verbs written once, conjugated from the language file's affixes."""

import pytest

from kg.knowledge.lexicon import conjugate, load_lexicon
from kg.knowledge.relations import load_relations


@pytest.fixture(scope="module")
def affixes():
    return load_lexicon("ar").language["verb_affixes"]


def forms(verb, affixes):
    return {form for form, _ in conjugate(verb, affixes)}


def test_a_sound_verb_in_its_common_forms(affixes):
    assert {"اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "يتهمان", "يتهمون", "سيتهم", "نتهم"} <= forms("اتهم/يتهم", affixes)


def test_a_defective_verb_drops_its_weak_letter(affixes):
    found = forms("استدعى/يستدعي", affixes)
    assert {"استدعى", "استدعت", "استدعوا", "استدعاه", "يستدعي", "تستدعي", "يستدعون"} <= found


def test_object_pronoun_forms_are_marked(affixes):
    marked = dict(conjugate("زار/يزور", affixes))
    assert marked["زارها"] is True
    assert marked["زارت"] is False


def test_every_relation_has_triggers_and_only_known_relations_do():
    lexicon = load_lexicon("ar")
    relations = {t.relation for t in lexicon.triggers}
    assert relations == set(load_relations())
