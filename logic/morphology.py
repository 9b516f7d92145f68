"""English inflection for the reader and the renderer: noun plurals and third-person verbs, by `inflect`.

A well-kept library rather than a suffix table: `wumpus/wumpuses`, `puppy/puppies`, `child/children`,
`chase/chases`, `watch/watches`. Every answer is cached (a theory asks about the same few words again
and again), and `inflect` is imported on first use so that commands which never read English start fast.
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import inflect

# Verbs whose third person is not the noun-plural spelling of their base form.
_IRREGULAR_THIRD_PERSON = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_IRREGULAR_BASE = {third: base for base, third in _IRREGULAR_THIRD_PERSON.items()}


def _unchecked(target: object = None, **_options: object) -> object:
    """typeguard's `typechecked` as a no-op: the decorator with or without its options returns what it wraps."""
    return target if target is not None else (lambda wrapped: wrapped)


@lru_cache(maxsize=1)
def _engine() -> inflect.engine:
    """inflect's engine. inflect wraps ~80 methods in typeguard's `@typechecked`, which re-parses inflect's
    4,000-line source once per method at import (2.5 s, most of a short command's run); we pass only `str`s,
    so inflect is imported with that decorator a no-op (put back at once; an inflect imported before keeps its own)."""
    if "typeguard" not in sys.modules:  # inflect needs only the decorator: lend it a stand-in, not typeguard
        stand_in = types.ModuleType("typeguard")
        stand_in.typechecked = _unchecked  # type: ignore[attr-defined]
        sys.modules["typeguard"] = stand_in  # (typeguard itself loads unittest: 70 ms of a short command)
        try:
            import inflect
        finally:
            del sys.modules["typeguard"]
        return inflect.engine()
    import typeguard

    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked  # type: ignore[assignment]
    try:
        import inflect
    finally:
        typeguard.typechecked = checked
    return inflect.engine()


@lru_cache(maxsize=16384)
def plural(noun: str) -> str:
    """`wumpus` -> `wumpuses`, `puppy` -> `puppies`, `child` -> `children`, `bald eagle` -> `bald eagles`."""
    return str(_engine().plural_noun(noun))


@lru_cache(maxsize=16384)
def singular(noun: str) -> str | None:
    """The singular of a plural noun (`wumpuses` -> `wumpus`, `children` -> `child`, `bonobos` -> `bonobo`), or
    None when the word does not read as a plural (`sour`, `rough`). A word whose plural is itself (`sheep`) is
    its own singular. inflect first; for invented words it does not know (`snarfs`, whose plural it would
    spell `snarves`), the regular English rule, as the word was most likely made."""
    found = _engine().singular_noun(noun)
    if found is not False and found and plural(str(found)) == noun:
        return str(found)
    return _regular_singular(noun)


def _regular_singular(noun: str) -> str | None:
    """`snarfs` -> `snarf`, `zorpies` -> `zorpy`, `blitzes` -> `blitz`: the regular plural undone, when it is one."""
    if len(noun) < 3 or not noun.endswith("s") or noun.endswith(("ss", "us", "is", "ous")):
        return None
    for candidate in (noun[:-3] + "y", noun[:-2], noun[:-1]):
        if len(candidate) >= 2 and _regular_s(candidate) == noun:
            return candidate
    return None


def _regular_s(word: str) -> str:
    """The regular English `-s` of a noun's plural or a verb's third person: `chase` -> `chases`, `watch` ->
    `watches`, `blitz` -> `blitzes`, `carry` -> `carries`, `play` -> `plays`, `snarf` -> `snarfs`."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def looks_plural(word: str) -> bool:
    """Whether a complement of `are` reads as a plural class noun (`tumpuses`, `mammals`) rather than an
    adjective: it has a singular, and it does not end as adjectives in -s do (`nervous`, `careless`, `bogus`)."""
    return not word.endswith(("ous", "ss", "us", "is")) and singular(word) is not None


@lru_cache(maxsize=16384)
def third_person(verb: str) -> str:
    """`chase` -> `chases`, `watch` -> `watches`, `carry` -> `carries`, `do` -> `does`, `snarf` -> `snarfs`:
    verbs have no irregular plurals (a noun's `wolves`, `men`, `dice` are not a verb's `wolfs`, `mans`, `dies`),
    so beyond the four irregular verbs the regular rule decides."""
    if verb in _IRREGULAR_THIRD_PERSON:
        return _IRREGULAR_THIRD_PERSON[verb]
    if verb.endswith("o") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb + "es"  # `echoes`, `vetoes` (a noun's plural may be `-os`: `photos`; a verb's is not)
    return _regular_s(verb)


@lru_cache(maxsize=16384)
def base_form(verb: str) -> str:
    """`chases` -> `chase`, `watches` -> `watch`, `carries` -> `carry`, `dies` -> `die`, `does` -> `do`: the
    regular `-s` undone (`third_person` of the answer is the verb written), else inflect's reading."""
    if verb in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[verb]
    if verb.endswith(("zes", "ses")) and not verb.endswith(("sses", "zzes")) and verb[-4:-3] in "aeiouy":
        candidate = verb[:-1]  # `amazes`, `chases`, `uses`: `amaze`, `chase`, `use` (a vowel, then z or s, then e)
    elif verb.endswith(("ches", "shes", "xes", "zes", "sses", "oes")):  # `echoes`: `echo` (`canoes` reads `cano`)
        candidate = verb[:-2]
    elif verb.endswith("ies") and len(verb) > 4:
        candidate = verb[:-3] + "y"
    else:
        candidate = verb[:-1]
    if candidate and third_person(candidate) == verb:
        return candidate
    base = str(_engine().plural_verb(verb))
    return base if third_person(base) == verb else verb


@lru_cache(maxsize=16384)
def indefinite(noun: str) -> str:
    """`wumpus` -> `a wumpus`, `impus` -> `an impus`."""
    text = str(_engine().a(noun))
    return text[:1].lower() + text[1:]  # inflect capitalises some articles
