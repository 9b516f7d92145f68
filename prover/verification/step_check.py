"""The one step check: do a step's premises entail its conclusion, and under the semantics asked?

The verifier (every step of anybody's explanation) and the refinement loop (every proposal) resolve
premises in their own languages, then both call `check_step`, so the same step is accepted or refused
by both, for the same `Reason`. Z3 decides entailment (or runs out of time); what the step needs is
classified as the weakest semantics it is valid under:

- `owa`: one rule applied to the facts, or forward chaining over the premises (multi-hop);
- `cwa`: the same, resting on a negation-as-failure assumption;
- `classical`: only classical reasoning gets there (a rule used backwards, cases, an inconsistency).

The semantics asked admits steps by what it reads: `owa` only owa steps; `cwa` owa and cwa steps;
`classical` owa and classical steps (it has no negation as failure). A step that needs more is
refused as `needs_stronger_semantics`, with a message naming what it needs.

    >>> from proofloom.logic.grounding import domain
    >>> from proofloom.logic.syntax import parse_literal, parse_theory
    >>> from proofloom.logic.z3_encoding import StepSolver
    >>> theory = parse_theory("~red(bob). big(X) -> red(X).")
    >>> solver = StepSolver(theory, domain(theory))
    >>> step = StepPremises(("triple1", "rule1"))
    >>> check_step(solver, step, parse_literal("~big(bob)"), Semantics.OWA).reason
    <Reason.NEEDS_STRONGER_SEMANTICS: 'needs_stronger_semantics'>
    >>> check_step(solver, step, parse_literal("~big(bob)"), Semantics.CLASSICAL).accepted
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from proofloom.logic.english import render_sentence
from proofloom.logic.matching import conclusions
from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.logic.z3_encoding import Entailment, Outcome, StepSolver
from proofloom.prover.reasoning.chaining import Closure
from proofloom.prover.verification.reasons import Reason

_ADMITS = {
    Semantics.OWA: frozenset({Semantics.OWA}),
    Semantics.CWA: frozenset({Semantics.OWA, Semantics.CWA}),
    Semantics.CLASSICAL: frozenset({Semantics.OWA, Semantics.CLASSICAL}),
}


@dataclass(frozen=True, slots=True)
class StepPremises:
    """A step's premises, resolved: theory sentence ids, assumed literals, and which of those are NAF.

    `literals` holds every assumed literal (earlier conclusions and NAF assumptions alike); `naf` names
    those assumed by failure, which make a step need the closed world. `labels` are the premises as
    written, for messages.
    """

    sentence_ids: tuple[str, ...]
    literals: tuple[Literal, ...] = ()
    naf: tuple[Literal, ...] = ()
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Classification:
    """What an entailed step needs: the weakest semantics it is valid under, whether it chains several
    rule applications, and whether it rests on a negation-as-failure assumption."""

    semantics: Semantics
    multi_hop: bool = False
    by_failure: bool = False

    def needs(self) -> frozenset[Semantics]:
        """Every semantics this step's reasoning calls on: its own, and `cwa` when it assumes by failure."""
        return frozenset({self.semantics} | ({Semantics.CWA} if self.by_failure else set()))

    def admitted_by(self, asked: Semantics) -> bool:
        return self.needs() <= _ADMITS[asked]


@dataclass(frozen=True, slots=True)
class StepCheck:
    """One step checked: accepted (no reason), or refused with a reason and a message saying why.

    `entailment` is Z3's answer (its core, or a counter-model when the step does not follow); an
    entailed step also carries what it needs (`classification`), refused or not.
    """

    entailment: Entailment
    reason: Reason | None = None
    message: str = ""
    classification: Classification | None = None

    @property
    def accepted(self) -> bool:
        return self.reason is None


def check_step(solver: StepSolver, premises: StepPremises, conclusion: Literal, semantics: Semantics) -> StepCheck:
    """Do `premises` entail `conclusion` (Z3, within the solver's timeout), by reasoning `semantics` admits?"""
    entailment = solver.check(premises.sentence_ids, premises.literals, conclusion)
    if entailment.outcome is Outcome.UNKNOWN:
        return StepCheck(entailment, Reason.TIMEOUT, "Z3 did not decide this step in time")
    if entailment.outcome is Outcome.NOT_ENTAILED:
        shown = ", ".join(premises.labels) or "nothing"
        message = f"the premises ({shown}) do not entail {render_sentence(conclusion)!r}"
        return StepCheck(entailment, Reason.NOT_ENTAILED, message)
    classification = classify(solver.theory, entailment.core, premises, conclusion)
    if classification.admitted_by(semantics):
        return StepCheck(entailment, classification=classification)
    message = f"{render_sentence(conclusion)!r} {_what_it_needs(classification)}, not {semantics.value}"
    return StepCheck(entailment, Reason.NEEDS_STRONGER_SEMANTICS, message, classification)


def classify(theory: Theory, core: tuple[str, ...], premises: StepPremises, conclusion: Literal) -> Classification:
    """Single rule application (owa), several (multi-hop), or only classically (contraposition, cases).

    Only the premises Z3's core used count: a step that quotes a NAF assumption it does not need
    does not need the closed world.
    """
    used = set(core)
    contents = [theory[s].content for s in premises.sentence_ids if s in used]
    facts = [c for c in contents if isinstance(c, Literal)] + [lit for lit in premises.literals if str(lit) in used]
    rules = [c for c in contents if isinstance(c, Rule)]
    by_failure = any(str(n) in used for n in premises.naf)
    weakest = Semantics.CWA if by_failure else Semantics.OWA
    if conclusion in facts or (len(rules) == 1 and conclusion in conclusions(rules[0], facts)):
        return Classification(weakest, False, by_failure)
    if Closure(Theory.of(*facts, *rules), closed_world=False).holds(conclusion):
        return Classification(weakest, True, by_failure)
    return Classification(Semantics.CLASSICAL, len(rules) > 1, by_failure)


def _what_it_needs(classification: Classification) -> str:
    if classification.needs() == {Semantics.CWA}:
        return "rests on negation as failure, which needs cwa"
    if classification.needs() == {Semantics.CLASSICAL}:
        return "follows only classically (a rule used backwards, or cases), which needs classical"
    return "follows only classically and rests on negation as failure: no one semantics admits it"
