"""Training pairs for the step model, from the generator's step supervision.

The model is asked about one rule at a time (`rule_prompt`): what does this rule yield now? For each
state along a gold proof and each rule of the theory, the target is a valid step with that rule (the
gold step for the gold rule, else the first valid one), or `none` when the rule yields nothing new; as
many `none` pairs are kept as there are rules that apply, so neither answer dominates. For feedback, the
gold rule's prompt with one or more typed invalid steps shown as rejected (the loop shows up to six), and
the gold step as the target: the model learns to answer the verifier's refusals with a valid step.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from proofloom.logic.syntax import parse_literal
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.loop.admission import Known, admit
from proofloom.prover.loop.step_model import Derived, ProofState, Rejection
from proofloom.prover.loop.step_text import step_text
from proofloom.prover.loop.supervision import InvalidKind, InvalidStep, SupervisedStep, Supervision
from proofloom.prover.neural.placeholders import Renaming
from proofloom.prover.neural.text import NO_STEP, rule_prompt, state_prompt
from proofloom.prover.verification.reasons import Reason


def pairs(supervisions: Iterable[Supervision], feedback: bool = True) -> list[tuple[str, str]]:
    """(input text, target text) pairs, deduplicated, in a deterministic order."""
    found: dict[tuple[str, str], None] = {}
    for supervision in supervisions:
        theory = supervision.theory
        rules = [s.id for s in theory.rules]
        for record in supervision.records:
            derived = tuple(Derived(f"d{i}", lit) for i, lit in enumerate(record.derived, start=1))
            state = ProofState(theory, supervision.statements[record.question], derived)
            gold = quoted_step(record.gold, theory)
            by_rule: dict[str, str] = {gold.split(" ", 1)[0]: gold}
            for step in record.valid:
                text = quoted_step(step, theory)
                by_rule.setdefault(text.split(" ", 1)[0], text)
            idle = [r for r in rules if r not in by_rule]
            stride = max(1, len(idle) // max(1, len(by_rule)))
            for rule in rules:
                if rule in by_rule:
                    found[(rule_prompt(state, rule), by_rule[rule])] = None
            for rule in idle[len(found) % stride :: stride][: len(by_rule)]:
                found[(rule_prompt(state, rule), NO_STEP)] = None
            wrong = [w for w in record.invalid if w.kind is not InvalidKind.WRONG_RULE]
            if feedback and wrong:
                start = len(found) % len(wrong)  # show one to all of them, from here on: the loop shows up to six
                known = Known(theory, derived)
                rejected = tuple(as_rejected(wrong[(start + i) % len(wrong)], known) for i in range(start + 1))
                fed_back = ProofState(theory, state.statement, derived, rejected)
                found[(rule_prompt(fed_back, gold.split(" ", 1)[0]), gold)] = None
    return list(found)


def quoted_step(step: SupervisedStep, theory: Theory) -> str:
    """A supervision step as the model writes it: the rule's id, then its premises quoted, in condition order."""
    return step_text(*_split(step.premises, theory), step.conclusion)


def _split(premises: Sequence[str], theory: Theory) -> tuple[list[str], list[Literal]]:
    """Rule ids apart from facts; a premise is a theory sentence's id or a derived fact written out."""
    ids: list[str] = []
    quoted: list[Literal] = []
    for premise in premises:
        content = theory[premise].content if premise in theory else parse_literal(premise)
        if isinstance(content, Literal):
            quoted.append(content)
        else:
            ids.append(premise)
    return ids, quoted


def as_rejected(wrong: InvalidStep, known: Known) -> Rejection:
    """A typed invalid step as the model writes it, with the `Reason` the refinement loop refuses it for.

    The reason is the loop's own: `admit` runs the checks the loop makes before Z3 (a quoted fact not in the
    theory is `unknown_premise`, a step left without its rule `needs_one_rule`, a conclusion stated or
    derived already `already_known`). What passes them is `not_entailed`: the other kinds (missing premise,
    wrong binding, polarity flip) are made so that Z3 refuses them, and a test holds every near miss to
    what the loop's full check says of it.
    """
    text = step_text(*_split(wrong.premises, known.theory), wrong.conclusion)
    admitted = admit(text, known)
    return Rejection(text, admitted if isinstance(admitted, Reason) else Reason.NOT_ENTAILED)


def state_pairs(supervisions: Iterable[Supervision], seed: int, feedback: bool = True) -> list[tuple[str, str]]:
    """(input, target) pairs for a model asked about the whole state (`state_prompt`), over placeholders.

    For each state along a gold proof the target is the gold step: the next step of a proof of the statement,
    so the model learns to go toward the goal. Every pair is renamed by its own draw (seeded by `seed` and
    the pair's place), so that no placeholder stands for any word. For feedback, the same state again with
    one or more typed invalid steps shown as rejected, with the reason the loop gives, and the gold step as
    the target: the model learns to answer the verifier's refusals.
    """
    found: dict[tuple[str, str], None] = {}
    for number, supervision in enumerate(supervisions):
        theory = supervision.theory
        for place, record in enumerate(supervision.records):
            derived = tuple(Derived(f"d{i}", lit) for i, lit in enumerate(record.derived, start=1))
            statement = supervision.statements[record.question]
            rng = random.Random(f"{seed}:{number}:{place}")
            renaming = Renaming.draw(theory, statement, rng)
            gold = renaming.step(quoted_step(record.gold, theory))
            state = ProofState(theory, statement, derived)
            found[(state_prompt(renaming.state(state)), gold)] = None
            wrong = list(record.invalid)  # a wrong rule is a mistake too, when the model chooses the rule
            if feedback and wrong:
                known = Known(theory, derived)
                shown = rng.randint(1, min(len(wrong), 6))  # the loop shows up to six
                rejected = tuple(as_rejected(w, known) for w in rng.sample(wrong, shown))
                fed_back = ProofState(theory, statement, derived, rejected)
                found[(state_prompt(renaming.state(fed_back)), gold)] = None
    return list(found)
