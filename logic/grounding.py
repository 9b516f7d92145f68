"""Grounding without Z3: rule instances, the constants to ground over, and the atoms a check is about.

These need no solver, so the symbolic reasoners use them without importing the Z3 module; the Z3
encoding grounds with the same functions, so both instantiate rules over the same constants.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar, cast

from proofloom.logic.terms import Atom, Constant, Content, DisjunctiveRule, Literal, Rule, Theory

AnyRule = TypeVar("AnyRule", bound=Rule | DisjunctiveRule)


def groundings(rule: AnyRule, constants: Sequence[Constant]) -> Iterator[AnyRule]:
    """Every instance of `rule` with its variables replaced by `constants`."""
    variables = rule.variables()
    if not variables:
        yield rule
        return
    for values in itertools.product(constants, repeat=len(variables)):
        yield cast(AnyRule, rule.substitute(dict(zip(variables, values, strict=True))))


def domain(theory: Theory, extra: Iterable[Literal] = ()) -> tuple[Constant, ...]:
    """The constants to ground over: the theory's, then any new ones in `extra`."""
    seen = dict.fromkeys(theory.constants())
    for literal in extra:
        seen.update(dict.fromkeys(literal.atom.constants()))
    return tuple(seen)


def constants_in(contents: Iterable[Content]) -> tuple[Constant, ...]:
    """The constants that facts and rules mention, in order of first mention.

    Herbrand: a ground goal follows from universal premises iff it follows from their instances over
    the constants the premises and the goal mention, so a step is grounded over these alone.
    """
    found: dict[Constant, None] = {}
    for content in contents:
        if isinstance(content, Rule):
            items: tuple[Literal, ...] = (*content.conditions, content.head)
        elif isinstance(content, DisjunctiveRule):
            items = (*content.conditions, *content.heads)
        else:
            items = (content,)
        for literal in items:
            found.update(dict.fromkeys(literal.atom.constants()))
    return tuple(found)


def every_atom(theory: Theory, goal: Literal) -> list[Atom]:
    """Every ground atom over the theory's predicates (and the goal's) and its constants (and the goal's)."""
    constants = domain(theory, [goal])
    atoms: dict[Atom, None] = {}
    for predicate, arity in {**theory.predicates(), goal.atom.predicate: goal.atom.arity}.items():
        for args in itertools.product(constants, repeat=arity):
            atoms[Atom(predicate, args)] = None
    return list(atoms)


def atoms_in_play(contents: Sequence[Content], goal: Literal) -> list[Atom]:
    """The ground atoms a reader needs to see why a step fails: its facts', its goal's, and those of its
    rules' instances over the constants the facts and goal mention."""
    ground = [c for c in contents if isinstance(c, Literal)] + [goal]
    atoms: dict[Atom, None] = dict.fromkeys(literal.atom for literal in ground)
    in_play = tuple(dict.fromkeys(c for literal in ground for c in literal.atom.constants()))
    for content in contents:
        if isinstance(content, Rule):
            for instance in groundings(content, in_play):
                atoms.update(dict.fromkeys(lit.atom for lit in (*instance.conditions, instance.head)))
    return list(atoms)
