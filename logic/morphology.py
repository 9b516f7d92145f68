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
    """The singular of a plural noun (`wumpuses` -> `wumpus`, `children` -> `child`), or None when the word
    does not read as a plural (`sour`, `rough`). A word whose plural is itself (`sheep`) is its own singular."""
    found = _engine().singular_noun(noun)
    if found is False or not found:
        return None
    found = str(found)
    return found if plural(found) == noun else None


@lru_cache(maxsize=16384)
def third_person(verb: str) -> str:
    """`chase` -> `chases`, `watch` -> `watches`, `carry` -> `carries`, `do` -> `does`."""
    if verb in _IRREGULAR_THIRD_PERSON:
        return _IRREGULAR_THIRD_PERSON[verb]
    return str(_engine().plural_noun(verb))  # a regular verb's -s is spelled as a noun's plural


@lru_cache(maxsize=16384)
def base_form(verb: str) -> str:
    """`chases` -> `chase`, `watches` -> `watch`, `carries` -> `carry`, `does` -> `do`."""
    if verb in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[verb]
    base = str(_engine().plural_verb(verb))
    return base if third_person(base) == verb else verb


@lru_cache(maxsize=16384)
def indefinite(noun: str) -> str:
    """`wumpus` -> `a wumpus`, `impus` -> `an impus`."""
    text = str(_engine().a(noun))
    return text[:1].lower() + text[1:]  # inflect capitalises some articles
