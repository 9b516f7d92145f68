"""Parse + solve the real dev file: proofloom's semi-naive indexed chaining against a plain naive baseline.

The baseline is the textbook loop: every round, join every rule against every known literal (no
index, no delta) until nothing new appears; it gives labels only, no proofs. Same process, same theories.
"""

from __future__ import annotations

import json

from figure import DEV_FILE, Figure, best_of

from proofloom.logic import english
from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.matching import match_literal
from proofloom.logic.semantics import Label
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.prover.reasoning.reasoner import Reasoner, Strategy


def naive_closure(theory: Theory) -> set[Literal]:
    """Plain forward chaining: all rules against all facts, every round, until a fixpoint."""
    known = {s.content for s in theory.facts if isinstance(s.content, Literal)}
    rules = [s.content for s in theory.rules if isinstance(s.content, Rule)]
    while True:
        new: set[Literal] = set()
        for rule in rules:
            bindings: list[dict] = [{}]  # type: ignore[type-arg]
            for condition in rule.conditions:
                bindings = [
                    b2 for b in bindings for lit in known if (b2 := match_literal(condition, lit, b)) is not None
                ]
            new.update(rule.head.substitute(b) for b in bindings)
        if new <= known:
            return known
        known |= new


def naive_label(theory: Theory, statement: Literal) -> Label:
    known = naive_closure(theory)
    return Label.TRUE if statement in known else Label.FALSE if statement.negated() in known else Label.UNKNOWN


def chain_theory(length: int) -> Theory:
    """A long derivation: big(c0), next(c_i, c_i+1), and big(X), next(X, Y) -> big(Y), plus distractors."""
    lines = ["big(c0)."] + [f"next(c{i}, c{i + 1})." for i in range(length)]
    lines += [f"red(d{i})." for i in range(length)]
    lines += ["big(X), next(X, Y) -> big(Y).", "red(X), big(X) -> round(X).", "round(X) -> ~small(X)."]
    return parse_theory("\n".join(lines))


def scaling() -> list[Figure]:
    """Where indexing and the semi-naive delta matter: a derivation as long as the theory is large."""
    figures = []
    for length in (50, 100, 200):
        theory = chain_theory(length)
        goal = parse_literal(f"big(c{length})")
        ours = best_of(2, lambda: Reasoner(theory).answer(goal))  # noqa: B023
        naive = best_of(1, lambda: naive_label(theory, goal))  # noqa: B023
        reference = f"naive {naive * 1000:,.0f} ms"
        figures.append(Figure(f"chain of {length} (depth {length}), forward", ours * 1000, "ms", reference))
        figures.append(Figure("   speed-up over naive", naive / ours, "x", f"{2 * length + 4} sentences"))
    return figures


def measure() -> list[Figure]:
    if not DEV_FILE.exists():
        return [Figure("solve (skipped: no ../shared data)", 0, "", "")]
    records = json.loads(DEV_FILE.read_text())
    count = len(records)

    def parse() -> list[tuple[Theory, Literal]]:
        english.clear_caches()
        return [(read_theory(r["context"]), read_statement(r["question"].rsplit("? ", 1)[-1])) for r in records]

    items = parse()
    parse_time = best_of(2, parse)
    forward = best_of(3, lambda: [Reasoner(t).answer(s) for t, s in items])
    backward = best_of(3, lambda: [Reasoner(t, strategy=Strategy.BACKWARD).answer(s) for t, s in items])
    naive = best_of(3, lambda: [naive_label(t, s) for t, s in items])
    agree = all(naive_label(t, s) is Reasoner(t).answer(s).label for t, s in items)
    reference = f"naive unindexed chaining {count / naive:,.0f}/s, labels only"
    return [
        Figure("parse English (cold cache)", count / parse_time, "questions/s", "bench reading"),
        Figure("solve owa, forward + shallowest tree", count / forward, "questions/s", reference),
        Figure("   speed-up over naive", naive / forward, "x", f"labels agree with naive: {agree}"),
        Figure("solve owa, backward + shallowest tree", count / backward, "questions/s", reference),
        Figure("   speed-up over naive", naive / backward, "x", "same 600 questions"),
        Figure("parse + solve, forward", count / (parse_time + forward), "questions/s", "whole dev file"),
        *scaling(),
    ]
