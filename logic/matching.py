"""Matching rule patterns against ground literals: the one place bindings are made."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from proofloom.logic.terms import Atom, Constant, Literal, Rule, Variable

Binding = Mapping[Variable, Constant]


def match_atom(pattern: Atom, ground: Atom, binding: Binding) -> dict[Variable, Constant] | None:
    """Extend `binding` so that `pattern` becomes `ground`, or None when they cannot agree."""
    if pattern.predicate != ground.predicate or pattern.arity != ground.arity:
        return None
    extended = dict(binding)
    for term, value in zip(pattern.args, ground.args, strict=True):
        assert isinstance(value, Constant), f"{ground} is not ground"
        if isinstance(term, Variable):
            if extended.setdefault(term, value) != value:
                return None
        elif term != value:
            return None
    return extended


def match_literal(pattern: Literal, ground: Literal, binding: Binding) -> dict[Variable, Constant] | None:
    """As `match_atom`, and the polarities must agree."""
    return match_atom(pattern.atom, ground.atom, binding) if pattern.positive == ground.positive else None


def bindings_for(conditions: Iterable[Literal], premises: Iterable[Literal]) -> Iterator[dict[Variable, Constant]]:
    """Every binding under which each condition is one of `premises` (premises may be reused)."""
    pool = tuple(premises)

    def extend(remaining: tuple[Literal, ...], binding: dict[Variable, Constant]) -> Iterator[dict[Variable, Constant]]:
        if not remaining:
            yield binding
            return
        for premise in pool:
            extended = match_literal(remaining[0], premise, binding)
            if extended is not None:
                yield from extend(remaining[1:], extended)

    yield from extend(tuple(conditions), {})


def conclusions(rule: Rule, premises: Iterable[Literal]) -> tuple[Literal, ...]:
    """The heads `rule` yields when every condition is matched by one of `premises`."""
    found: dict[Literal, None] = {}
    for binding in bindings_for(rule.conditions, premises):
        head = rule.head.substitute(binding)
        if head.is_ground:
            found[head] = None
    return tuple(found)
