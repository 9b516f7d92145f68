"""The closed world's assumptions for the refinement loop: the negative literals that hold by failure.

Under cwa a rule's negated condition (`If someone is big and not kind ...`) is met where its atom cannot be
derived, and a statement nothing derives is False. Neither is a step a model can propose: "nothing derives
`kind(bob)`" has no finite premises. So the loop offers the model each ground instance of a negated rule
condition that holds by failure as a fact it may quote (a NAF premise of the step, checked as such by Z3's
step check and the verifier), and ends a question the model left open with the closed world's answer when
its negative side holds by failure (a proof whose one leaf is that NAF assumption). Whether a literal holds
by failure is decided by the closed world's closure, as the verifier decides a `naf(...)` premise.
"""

from __future__ import annotations

import itertools

from proofloom.errors import LogicError
from proofloom.logic.terms import Atom, Constant, Literal, Rule, Sentence, Theory, Variable
from proofloom.prover.reasoning.chaining import Closure

_MOST_VARIABLES = 2  # a negated condition over more variables is not offered: its instances grow as n^k


def assumptions(theory: Theory, constants: tuple[Constant, ...]) -> frozenset[Literal]:
    """Every ground instance over `constants` of a rule's negated condition whose atom the closed world cannot
    derive (empty where the theory has no closed world: unstratified)."""
    wanted: dict[Literal, None] = {}
    for sentence in theory.rules:
        rule = sentence.content
        if not isinstance(rule, Rule):
            continue
        for condition in rule.conditions:
            if condition.positive:
                continue
            variables = list(dict.fromkeys(a.name for a in condition.atom.args if isinstance(a, Variable)))
            if len(variables) > _MOST_VARIABLES:
                continue
            for values in itertools.product(constants, repeat=len(variables)):
                binding = dict(zip(variables, values, strict=True))
                args = tuple(binding[a.name] if isinstance(a, Variable) else a for a in condition.atom.args)
                wanted[Literal(Atom(condition.atom.predicate, args), False)] = None
    if not wanted:
        return frozenset()
    try:
        closure = Closure(theory, closed_world=True, constants=constants)
    except LogicError:
        return frozenset()
    return frozenset(literal for literal in wanted if closure.holds(literal))


def holds_by_failure(theory: Theory, literal: Literal) -> bool:
    """Whether a negative literal holds under the closed world (its atom is not derivable)."""
    if literal.positive:
        return False
    try:  # over the literal's names too: a name the theory never mentions is in the closed world's range
        return Closure(theory, closed_world=True, constants=tuple(literal.atom.constants())).holds(literal)
    except LogicError:
        return False


def with_assumptions(theory: Theory, assumed: frozenset[Literal]) -> Theory:
    """The theory as the model is shown it under cwa: its sentences, then each assumption as a fact (`naf1`, ...),
    in a fixed order, so the model quotes them as it quotes stated facts."""
    if not assumed:
        return theory
    taken = {s.id for s in theory.sentences}
    extra = []
    for number, literal in enumerate(sorted(assumed, key=str), start=1):
        name = f"naf{number}"
        while name in taken:
            name += "_"
        extra.append(Sentence(name, literal))
    return Theory((*theory.sentences, *extra))
