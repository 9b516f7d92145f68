"""Which rules a round is worth asking about: those that can bear on the statement and can fire on what is known.

A proposer that asks every rule every round spends most of its time on rules that cannot help: a rule whose
head no chain of rules leads from to the statement's predicate, or one with a condition nothing known matches.
`worth_asking` leaves those out, by predicate and polarity alone (never by entity: a rule's variables may take
any), so it never leaves out a rule a proof of the statement or of its negation needs:

- backward from the goal (`toward`): a rule is relevant when its head is a literal the proof may need (the
  statement's predicate, either polarity, to start with), and then so is each of its conditions. Under `owa`
  a condition is needed with its own polarity (only a rule with that head derives it); under `cwa` with either
  (a negated condition holds by failure, which rules of the other polarity decide);
- forward from what is known: under `owa` a rule step quotes a known literal for each condition, so a rule one of
  whose conditions matches no stated or derived literal cannot yield a step this round; under `cwa` only its
  positive conditions need one (a negated one may hold by failure).

Under `classical` every rule is asked: a rule may be used backwards (its head's negation and some conditions give
another condition's negation), by cases, or an inconsistency anywhere may answer.

This is the loop's part of the search, and it is symbolic: the model still decides, for each rule asked,
whether it yields a step, on which facts, under which binding, and what it concludes; Z3 checks every one.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Literal, Rule, Theory

Key = tuple[str, bool]  # a literal's predicate and polarity


def _key(literal: Literal) -> Key:
    return literal.atom.predicate, literal.positive


def toward(theory: Theory, statement: Literal, semantics: Semantics) -> frozenset[str]:
    """The ids of the rules a proof of `statement` or its negation may use (every rule under `classical`)."""
    rules = [(s.id, s.content) for s in theory.rules if isinstance(s.content, Rule)]
    if semantics is Semantics.CLASSICAL:
        return frozenset(rule_id for rule_id, _ in rules)
    either = semantics is Semantics.CWA
    needed: set[Key] = {(statement.atom.predicate, True), (statement.atom.predicate, False)}
    relevant: set[str] = set()
    grew = True
    while grew:  # to a fixpoint: a theory has a few dozen rules at most, and each pass adds one or stops
        grew = False
        for rule_id, rule in rules:
            if rule_id not in relevant and _key(rule.head) in needed:
                relevant.add(rule_id)
                grew = True
                for condition in rule.conditions:
                    needed.add(_key(condition))
                    if either:
                        needed.add(_key(condition.negated()))
    return frozenset(relevant)


def can_fire(rule: Rule, known: frozenset[Key], semantics: Semantics) -> bool:
    """Could a step with `rule` quote a known literal for each condition that needs one (see the module)?"""
    if semantics is Semantics.CLASSICAL:
        return True
    needing = (c for c in rule.conditions if c.positive or semantics is Semantics.OWA)
    return all(_key(condition) in known for condition in needing)


def worth_asking(
    theory: Theory, relevant: frozenset[str], known: Iterable[Literal], semantics: Semantics
) -> tuple[str, ...]:
    """The rules of `relevant` (from `toward`) that can fire on the `known` literals, in the theory's order."""
    keys = frozenset(_key(literal) for literal in known)
    return tuple(
        s.id
        for s in theory.rules
        if s.id in relevant and isinstance(s.content, Rule) and can_fire(s.content, keys, semantics)
    )
