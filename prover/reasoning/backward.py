"""Goal-directed backward chaining (open world): only the literals a question can depend on are touched.

From the goal, every rule whose head matches gives ground instances (variables the head leaves
open range over the theory's constants), whose conditions become subgoals, each expanded once
(tabling, so cycles end). Heights are then relaxed to a fixpoint over those instances alone.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator

from proofloom.logic.grounding import domain
from proofloom.logic.matching import match_literal
from proofloom.logic.terms import Constant, Literal, Rule, Theory, Variable
from proofloom.prover.proof.tree import EntailmentTree, NodeKey, Step, collect_tree

_Instance = tuple[str, Rule, tuple[tuple[str, str], ...]]


class BackwardChainer:
    """Proves ground literals against one theory; rules are indexed by head predicate and polarity."""

    def __init__(self, theory: Theory) -> None:
        self.theory = theory
        self.facts = theory.fact_ids()
        self.rules_for: dict[tuple[str, bool], list[tuple[str, Rule]]] = defaultdict(list)
        for sentence in theory.rules:
            rule = sentence.content
            assert isinstance(rule, Rule)
            self.rules_for[(rule.head.atom.predicate, rule.head.positive)].append((sentence.id, rule))

    def prove(self, goal: Literal) -> EntailmentTree | None:
        """The shallowest proof of `goal`, or None when it does not follow."""
        instances = self.relevant_instances(goal)
        height, reason = self._heights(instances)
        if goal not in height:
            return None

        def step_of(literal: Literal) -> Step:
            rule_id, instance, substitution = reason[literal]
            premises: tuple[NodeKey, ...] = tuple(self.facts.get(c, c) for c in instance.conditions)
            return Step(literal, premises, rule_id, substitution)

        return collect_tree(goal, self.facts, step_of, self.theory)

    def relevant_instances(self, goal: Literal) -> list[_Instance]:
        """Ground rule instances that could conclude `goal` or, recursively, one of their conditions."""
        constants = domain(self.theory, [goal])
        seen = {goal}
        frontier = [goal]
        instances: list[_Instance] = []
        while frontier:
            subgoal = frontier.pop()
            for instance in self._instances_concluding(subgoal, constants):
                instances.append(instance)
                for condition in instance[1].conditions:
                    if condition not in seen:
                        seen.add(condition)
                        frontier.append(condition)
        return instances

    def _instances_concluding(self, goal: Literal, constants: tuple[Constant, ...]) -> Iterator[_Instance]:
        for rule_id, rule in self.rules_for.get((goal.atom.predicate, goal.positive), []):
            binding = match_literal(rule.head, goal, {})
            if binding is None:
                continue
            open_variables: list[Variable] = [v for v in rule.variables() if v not in binding]
            for values in itertools.product(constants, repeat=len(open_variables)):
                full = {**binding, **dict(zip(open_variables, values, strict=True))}
                substitution = tuple(sorted((v.name, c.name) for v, c in full.items()))
                yield rule_id, rule.substitute(full), substitution

    def _heights(self, instances: list[_Instance]) -> tuple[dict[Literal, int], dict[Literal, _Instance]]:
        height: dict[Literal, int] = dict.fromkeys(self.facts, 0)
        reason: dict[Literal, _Instance] = {}
        changed = True
        while changed:
            changed = False
            for instance in instances:
                conditions, head = instance[1].conditions, instance[1].head
                if all(c in height for c in conditions):
                    candidate = 1 + max(height[c] for c in conditions)
                    if candidate < height.get(head, candidate + 1):
                        height[head], reason[head] = candidate, instance
                        changed = True
        return height, reason
