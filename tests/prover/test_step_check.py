"""One step check: the loop and `verify` refuse the same step for the same reason, where both can refuse it.

Each case is one step written twice, in the loop's language (`rule1 bob big -> bob red`) and as an
EntailmentBank explanation of the step's conclusion (`sent1 & sent4 -> hypothesis;`), and both run for
real: the loop through `prove` with a model that proposes only that step, `verify` on the explanation.

Four reasons are shared, each case refused by both for the same word: `unparseable`, `unknown_premise`,
`not_entailed` and `needs_stronger_semantics` (the last two come from `check_step`, which both call).
The others are one-sided by what each side reads. Only the loop says `needs_one_rule` and `already_known`:
its steps apply one rule to reach something new, while an explanation may chain rules in one step or
restate what it is given. Only `verify` says `ungrounded_premise`, `undefined_intermediate`,
`duplicate_intermediate`, `cycle` and `wrong_conclusion`: the loop looks a quoted fact or a derived id up
and calls a missing one `unknown_premise`, and a proposal is one step, not a whole explanation with an
end. `timeout` is both sides' in principle (it comes from `check_step`), but no step the loop can propose
times out; its own test shows both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from proofloom.generator.example import supervision_of
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.logic.grounding import domain
from proofloom.logic.semantics import Semantics
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.terms import Literal, Theory
from proofloom.logic.z3_encoding import StepSolver
from proofloom.prover.loop.admission import Known, admit
from proofloom.prover.loop.refine import _Run, prove
from proofloom.prover.loop.step_model import Derived, ProofState
from proofloom.prover.loop.supervision import InvalidKind
from proofloom.prover.neural.data import as_rejected, quoted_step
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.step_check import StepPremises, check_step
from proofloom.prover.verification.verifier import Verifier, verify
from tests.test_limits import _pigeonhole

DATASETS = Path(__file__).resolve().parents[2] / "datasets"

# triple1 big(bob), triple2 kind(bob), triple3 ~red(charlie), rule1 (sent4), rule2 (sent5)
THEORY = parse_theory("big(bob). kind(bob). ~red(charlie). big(X) -> red(X). red(X), kind(X) -> nice(X).")
KNOWN = parse_theory("big(bob). red(bob). big(X) -> red(X).")  # red(bob) is stated and follows


@dataclass(frozen=True)
class Case:
    """One step: the loop's text, the same step as an explanation of `conclusion`, and the theory.

    The loop is asked about `conclusion` too, unless `question` says otherwise (a question already
    answered by the facts would end the loop before any step is proposed)."""

    loop: str
    explanation: str
    conclusion: str
    theory: Theory = THEORY
    semantics: Semantics = Semantics.OWA
    question: str | None = None


class OneStep:
    """A step model that proposes one step, once, and remembers what the loop told it next round."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.seen: list[ProofState] = []

    def propose(self, state: ProofState, k: int) -> list[str]:
        self.seen.append(state)
        return [self.step] if len(self.seen) == 1 else []


def loop_reason(case: Case) -> Reason | None:
    """The loop's reason for refusing the step (None: accepted), read from its feedback to the model."""
    model = OneStep(case.loop)
    question = parse_literal(case.question or case.conclusion)
    attempt = prove(case.theory, question, model, patience=2, semantics=case.semantics)
    if attempt.accepted:
        return None
    (rejection,) = model.seen[1].rejected
    return rejection.error


def verify_reasons(case: Case) -> set[Reason]:
    report = verify(case.theory, case.conclusion, case.explanation, semantics=case.semantics)
    return set(report.error_types)


BOTH = {
    Reason.UNPARSEABLE: [Case("rule1 bob big & -> bob red", "sent4 & sent1 & -> hypothesis;", "red(bob)")],
    Reason.UNKNOWN_PREMISE: [Case("rule9 bob big -> bob red", "sent9 & sent1 -> hypothesis;", "red(bob)")],
    Reason.NOT_ENTAILED: [
        Case("rule2 bob big & bob kind -> bob nice", "sent5 & sent1 & sent2 -> hypothesis;", "nice(bob)")
    ],
    Reason.NEEDS_STRONGER_SEMANTICS: [  # a contrapositive step, under the two semantics that refuse it
        Case("rule1 charlie not red -> charlie not big", "sent4 & sent3 -> hypothesis;", "~big(charlie)", THEORY, s)
        for s in (Semantics.OWA, Semantics.CWA)
    ],
}

ONE_SIDE = {
    # Only the loop: its steps apply one rule to reach something new; an explanation may chain rules in one
    # step (flagged multi-hop) or restate what it is given, and `verify` accepts both.
    Reason.NEEDS_ONE_RULE: Case(
        "rule1 rule2 bob big & bob kind -> bob nice", "sent1 & sent2 & sent4 & sent5 -> hypothesis;", "nice(bob)"
    ),
    Reason.ALREADY_KNOWN: Case(
        "rule1 bob big -> bob red", "sent1 & sent3 -> hypothesis;", "red(bob)", KNOWN, question="nice(bob)"
    ),
    # Only `verify`: the loop quotes a fact as an address, and one it cannot find is `unknown_premise` (the
    # word the shipped model was trained on); an explanation's quotation claims the theory says it (a rule: a
    # fact the theory lacks, written down, is a claimed conclusion, as PrOntoQA's chains write them).
    Reason.UNGROUNDED_PREMISE: Case(
        "rule1 bob small & bob big -> bob red",
        "If something is small then it is red. Bob is big. If something is big then it is red. So Bob is red.",
        "red(bob)",
    ),
    # Only `verify`: the loop names derived facts itself, so a missing one is an unknown id.
    Reason.UNDEFINED_INTERMEDIATE: Case("d1 rule1 -> bob red", "int1 & sent4 -> hypothesis;", "red(bob)"),
    # Only `verify`: these are about a whole explanation; a proposal is one step, and the loop decides the end.
    Reason.DUPLICATE_INTERMEDIATE: Case(
        "", "sent1 & sent4 -> int1: Bob is red.; sent1 & sent4 -> int1: Bob is red.; int1 -> hypothesis;", "red(bob)"
    ),
    Reason.CYCLE: Case("", "int2 -> int1: Bob is red.; int1 -> int2: Bob is red.; int1 -> hypothesis;", "red(bob)"),
    Reason.WRONG_CONCLUSION: Case("", "sent1 & sent4 -> int1: Bob is red.", "red(bob)"),
    # Only `verify`: a chain of thought's answer line, held to the label (the loop's answer is what it proves).
    Reason.WRONG_ANSWER: Case("", "Bob is big. Bob is kind. The answer is Unknown.", "nice(bob)"),
}
LOOP_ANALOGUE = {  # what the loop says of the same step, in its own language
    Reason.UNGROUNDED_PREMISE: Reason.UNKNOWN_PREMISE,
    Reason.UNDEFINED_INTERMEDIATE: Reason.UNKNOWN_PREMISE,
}


DECIDED = [r for r in Reason if r is not Reason.TIMEOUT]  # a timeout has its own test, below


def test_four_reasons_are_shared_and_every_other_is_explained() -> None:
    shared = {Reason.UNPARSEABLE, Reason.UNKNOWN_PREMISE, Reason.NOT_ENTAILED, Reason.NEEDS_STRONGER_SEMANTICS}
    assert set(BOTH) == shared and set(ONE_SIDE) == set(DECIDED) - shared


@pytest.mark.parametrize("reason", DECIDED, ids=lambda r: r.value)
def test_the_loop_and_verify_refuse_a_step_for_the_same_reason(reason: Reason) -> None:
    assert (reason in BOTH) != (reason in ONE_SIDE), "every reason is either shared or explained"
    for case in BOTH.get(reason, []):
        assert loop_reason(case) is reason, case
        assert verify_reasons(case) == {reason}, case
    if reason in ONE_SIDE:
        case = ONE_SIDE[reason]
        if reason in (Reason.NEEDS_ONE_RULE, Reason.ALREADY_KNOWN):
            assert loop_reason(case) is reason and verify_reasons(case) == set(), case
        else:
            assert verify_reasons(case) == {reason}, case
            if case.loop:
                assert loop_reason(case) is LOOP_ANALOGUE[reason], case


def test_a_timeout_is_the_same_for_both() -> None:
    """The one step check says `timeout` on a step no solver decides quickly, and `verify` reports it as such;
    the loop decides the steps it can propose (one rule, unit facts) over the same theory. That check gets a
    hang guard's time, not 50 ms: deciding it takes milliseconds, but a busy machine may not give it 50."""
    theory = parse_theory(_pigeonhole(10))
    goal = parse_literal("in0(p1)")
    everything = StepPremises(tuple(s.id for s in theory.sentences))
    solver = StepSolver(theory, domain(theory), timeout_ms=50)
    checked = check_step(solver, everything, goal, Semantics.OWA)
    assert checked.reason is Reason.TIMEOUT and not checked.accepted and checked.classification is None
    explanation = " & ".join(f"sent{i}" for i in range(1, len(theory) + 1)) + " -> hypothesis;"
    report = Verifier(theory, timeout_ms=50, semantics=Semantics.OWA).verify(goal, explanation)
    assert report.error_types == {Reason.TIMEOUT} and not report.valid
    admitted = admit("rule1 -> p0 in8", Known(theory))  # a step the loop would send to Z3, as it does
    assert not isinstance(admitted, Reason)
    patient = StepSolver(theory, domain(theory), timeout_ms=600_000)
    decided = check_step(patient, admitted.premises, admitted.conclusion, Semantics.OWA)
    assert decided.reason is Reason.NOT_ENTAILED  # the rule without its conditions: refused in time


@pytest.mark.parametrize("semantics", list(Semantics), ids=lambda s: s.value)
def test_a_valid_step_is_accepted_by_both(semantics: Semantics) -> None:
    case = Case("rule1 bob big -> bob red", "sent1 & sent4 -> hypothesis;", "red(bob)", THEORY, semantics)
    assert loop_reason(case) is None and verify_reasons(case) == set()


def test_a_contrapositive_step_is_classical() -> None:
    case = Case("rule1 charlie not red -> charlie not big", "sent4 & sent3 -> hypothesis;", "~big(charlie)")
    classical = Case(case.loop, case.explanation, case.conclusion, THEORY, Semantics.CLASSICAL)
    assert loop_reason(classical) is None and verify_reasons(classical) == set()


def test_the_training_data_refuses_as_the_loop_does() -> None:
    """Every near miss the step model is shown as rejected carries the reason the loop's own check gives it:
    `admit`'s where it refuses one before Z3, and `not_entailed`, which Z3 confirms, where it does not."""
    recipe = Recipe.load(DATASETS / "step-model.toml")
    seen: set[Reason] = set()
    for index in range(8):
        supervision = supervision_of(generate_example(recipe, index))
        theory = supervision.theory
        runs: dict[str, _Run] = {}
        for record in supervision.records:  # in order along each gold proof
            statement: Literal = supervision.statements[record.question]
            solver = StepSolver(theory, domain(theory, [statement]))
            run = runs.setdefault(record.question, _Run(theory, statement, solver, Semantics.OWA))
            known = Known(theory, (Derived(f"d{i}", lit) for i, lit in enumerate(record.derived, start=1)))
            for wrong in record.invalid:
                if wrong.kind is InvalidKind.WRONG_RULE:
                    continue  # never shown as rejected: it is another rule's valid step
                rejection = as_rejected(wrong, known)
                assert run.check(rejection.text) is rejection.error, (record.question, wrong)
                seen.add(rejection.error)
            assert run.check(quoted_step(record.gold, theory)) is None, record.gold
    assert seen == {Reason.NOT_ENTAILED, Reason.UNKNOWN_PREMISE, Reason.ALREADY_KNOWN}
