"""Mutations of gold explanations, each with the verdict it must get: valid, or rejected with one error type.

Invalid variants are made so that they are invalid by construction (an id the context lacks, a fact
whose predicate the step's rule never mentions, a cycle), not by asking the verifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from proofloom.logic.english import render_sentence
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.proof.explanation import to_chain_of_thought
from proofloom.prover.proof.proof_strings import to_proofwriter
from proofloom.prover.proof.tree import EntailmentTree
from proofloom.prover.verification.verdicts import ErrorType


@dataclass(frozen=True, slots=True)
class Variant:
    """An explanation to verify, the statement it is offered for, and the verdict it must get."""

    kind: str
    explanation: str
    statement: Literal
    expected: ErrorType | None  # None: must be valid


def variants(tree: EntailmentTree) -> Iterator[Variant]:
    """The gold explanation in three formats, and every mutation that applies to this tree."""
    hypothesis = tree.conclusion
    eb, pw, cot = to_entailmentbank(tree), to_proofwriter((tree,)), to_chain_of_thought(tree)
    yield Variant("gold entailmentbank", eb, hypothesis, None)
    yield Variant("gold proofwriter", pw, hypothesis, None)
    yield Variant("gold chain of thought", cot, hypothesis, None)
    dangling = len(tree.theory) + 7
    yield Variant(
        "dangling premise id (eb)",
        re.sub(r"sent\d+", f"sent{dangling}", eb, count=1),
        hypothesis,
        ErrorType.UNKNOWN_PREMISE,
    )
    yield Variant(
        "dangling premise id (pw)",
        re.sub(r"triple\d+", "triple999", pw, count=1),
        hypothesis,
        ErrorType.UNKNOWN_PREMISE,
    )
    yield Variant("flipped statement (eb)", eb, hypothesis.negated(), ErrorType.NOT_ENTAILED)
    yield Variant("flipped statement (pw)", pw, hypothesis.negated(), ErrorType.WRONG_CONCLUSION)
    yield Variant("flipped statement (cot)", cot, hypothesis.negated(), ErrorType.WRONG_CONCLUSION)
    # Written with no connective, a fact the context lacks is a claimed conclusion (PrOntoQA's chains write
    # premises and conclusions alike), and one that does not follow is not entailed.
    yield Variant("fact not in the theory (cot)", _unknown_fact(tree) + " " + cot, hypothesis, ErrorType.NOT_ENTAILED)
    if not tree.steps():
        return
    yield from _step_mutations(tree, eb, hypothesis)


def _step_mutations(tree: EntailmentTree, eb: str, hypothesis: Literal) -> Iterator[Variant]:
    steps = eb.rstrip(";").split("; ")
    first = steps[0]
    premises, conclusion = first.split(" -> ")
    facts = [p for p in premises.split(" & ") if not _is_rule(tree.theory, p)]
    rule = next(p for p in premises.split(" & ") if _is_rule(tree.theory, p))
    if facts:
        dropped = " & ".join(p for p in premises.split(" & ") if p != facts[0])
        yield Variant(
            "dropped premise (eb)",
            "; ".join([f"{dropped} -> {conclusion}", *steps[1:]]) + ";",
            hypothesis,
            ErrorType.NOT_ENTAILED,
        )
        swap = _unrelated_fact(tree.theory, rule)
        if swap is not None:
            swapped = premises.replace(facts[0], swap, 1)
            yield Variant(
                "swapped premise (eb)",
                "; ".join([f"{swapped} -> {conclusion}", *steps[1:]]) + ";",
                hypothesis,
                ErrorType.NOT_ENTAILED,
            )
    if len(steps) < 2:
        return
    name, text = conclusion.split(": ", 1)
    negated = render_sentence(_read(text).negated())
    yield Variant(
        "negated conclusion (eb)",
        eb.replace(f"{name}: {text}", f"{name}: {negated}", 1),
        hypothesis,
        ErrorType.NOT_ENTAILED,
    )
    user = next((s for s in steps[1:] if name in s.split(" -> ")[0].split(" & ")), None)
    user_name = user.split(" -> ")[1].split(":")[0] if user else "hypothesis"
    if user_name != "hypothesis":  # the first step now also rests on a step that rests on it
        cyclic = "; ".join([f"{premises} & {user_name} -> {conclusion}", *steps[1:]]) + ";"
        yield Variant("cycle (eb)", cyclic, hypothesis, ErrorType.CYCLE)
    yield Variant(
        "undefined intermediate (eb)", "; ".join(steps[1:]) + ";", hypothesis, ErrorType.UNDEFINED_INTERMEDIATE
    )
    cot = to_chain_of_thought(tree)
    skipped = re.sub(r" So [^.]*\.", "", cot, count=1)
    yield Variant("skipped intermediate (cot)", skipped, hypothesis, None)


def _read(text: str) -> Literal:
    from proofloom.logic.english import read_statement

    return read_statement(text)


def _is_rule(theory: Theory, label: str) -> bool:
    return label.startswith("sent") and isinstance(theory.sentences[int(label[4:]) - 1].content, Rule)


def _unrelated_fact(theory: Theory, rule_label: str) -> str | None:
    """A fact whose predicate the rule never mentions: swapping it in cannot satisfy the rule."""
    rule = theory.sentences[int(rule_label[4:]) - 1].content
    assert isinstance(rule, Rule)
    mentioned = {c.atom.predicate for c in (*rule.conditions, rule.head)}
    for position, sentence in enumerate(theory.sentences, start=1):
        if isinstance(sentence.content, Literal) and sentence.content.atom.predicate not in mentioned:
            return f"sent{position}"
    return None


def _unknown_fact(tree: EntailmentTree) -> str:
    """A fact the theory does not state: a new attribute of a constant it mentions."""
    constant = tree.theory.constants()[0]
    from proofloom.logic.terms import Atom

    return render_sentence(Literal(Atom("zorbic", (constant,))))
