"""The relation triggers of one language: `ontology/triggers/<lang>.yaml`, verbs expanded.

Verbs are written once as "past/present"; their regular conjugations come from the affixes
in `ontology/lang/<lang>.yaml`, so the trigger file stays short enough to review.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


from kg.errors import DataError
from kg.knowledge.relations import load_relations
from kg.resources import ontology_path, read_yaml



@dataclass(frozen=True)
class Trigger:
    relation: str
    text: str
    is_verb: bool  # a conjugated verb (may open a verb-subject-object clause)
    object_pronoun: bool = False  # the verb carries its object as a suffix ("زارها")
    participle: bool = False  # a circumstantial participle ("متهمة الدوحة"): its subject is the clause's
    needs_agent: bool = False  # a verbal noun that counts only with its agent right after it ("الدعم الأمريكي")
    object_before: bool = False  # its object stands right before it: "اعتبار حزب الله منظمة إرهابية"


@dataclass(frozen=True)
class Lexicon:
    lang: str
    triggers: tuple[Trigger, ...]
    object_preps: dict[str, frozenset[str]]  # relation -> prepositions marking its object
    agent_preps: dict[str, frozenset[str]]  # relation -> prepositions marking its agent ("مساعدات من مصر")
    confidence: dict[str, float]
    overrides: dict[str, frozenset[str]]  # relation -> relations it silences near it
    override_window: int  # tokens around a trigger within which it silences another
    scopes: dict[str, tuple[frozenset[str], int]]  # relation -> (relations it governs, window in tokens)
    language: dict  # the language data file (negation, list joiners, references ...)


def conjugate(verb: str, affixes: dict) -> list[tuple[str, bool]]:
    """ "اتهم/يتهم" -> اتهم، اتهمت، اتهموا، يتهم، تتهم، يتهمان، سيتهم ... (regular forms only).

    Each form comes with whether it carries an object pronoun ("اتهمها").
    """
    past, _, present = verb.partition("/")
    pronouns = set(affixes["object_pronoun_suffixes"])
    defective = affixes["defective"]
    forms = [(past + suffix, suffix in pronouns) for suffix in affixes["past_suffixes"]]
    if past[-1] in defective["past_endings"]:  # "استدعى": استدعت، استدعوا، استدعاه
        base = past[:-1]
        forms += [(base + suffix, suffix in pronouns) for suffix in defective["past_suffixes"]]
        forms += [(base + "ا" + suffix, True) for suffix in pronouns]
    stem = present[1:]  # without the imperfect prefix ي
    present_suffixes = [(stem + suffix, suffix) for suffix in affixes["present_suffixes"]]
    if stem[-1] in defective["present_endings"]:  # "يستدعي": يستدعون
        present_suffixes += [(stem[:-1] + suffix, suffix) for suffix in defective["present_suffixes"]]
    for prefix in affixes["present_prefixes"]:
        for body, suffix in present_suffixes:
            form = prefix + body
            forms += [(form, suffix in pronouns), (affixes["future_prefix"] + form, suffix in pronouns)]
    return forms


@lru_cache(maxsize=None)
def load_lexicon(lang: str = "ar") -> Lexicon:
    path = ontology_path("triggers", f"{lang}.yaml")
    data = read_yaml(path)
    language = read_yaml(ontology_path("lang", f"{lang}.yaml"))
    relations = load_relations()
    overrides = {rel: frozenset(silenced) for rel, silenced in (data.pop("overrides", None) or {}).items()}
    override_window = int(data.pop("override_window", 0))
    scopes = {
        rel: (frozenset(entry["silences"]), int(entry["window"])) for rel, entry in (data.pop("scopes", None) or {}).items()
    }
    triggers, preps, agent_preps, confidence = [], {}, {}, {}
    for relation, entry in data.items():
        if relation not in relations:
            raise DataError(path, None, f"unknown relation {relation!r} (not in relations.yaml)")
        for verb in entry.get("verbs", []):
            if verb.count("/") != 1 or not verb.split("/")[1].startswith("ي"):
                raise DataError(path, None, f"{relation}: verb {verb!r} is not written as past/present")
            triggers += [Trigger(relation, form, True, pronoun) for form, pronoun in conjugate(verb, language["verb_affixes"])]
        triggers += [Trigger(relation, form, False) for form in entry.get("forms", [])]
        triggers += [Trigger(relation, form, False, participle=True) for form in entry.get("participles", [])]
        triggers += [Trigger(relation, form, False, needs_agent=True) for form in entry.get("agent_forms", [])]
        triggers += [Trigger(relation, form, False, object_before=True) for form in entry.get("object_before", [])]
        preps[relation] = frozenset(entry.get("object_preps", []))
        agent_preps[relation] = frozenset(entry.get("agent_preps", []))
        confidence[relation] = float(entry.get("confidence", 0.7))
    governed = [(rel, silenced) for rel, silenced in overrides.items()]
    governed += [(rel, silenced) for rel, (silenced, _) in scopes.items()]
    for rel, silenced in governed:
        unknown = ({rel} | silenced) - set(relations)
        if unknown:
            raise DataError(path, None, f"overrides/scopes name unknown relations {sorted(unknown)}")
    return Lexicon(lang, tuple(triggers), preps, agent_preps, confidence, overrides, override_window, scopes, language)
