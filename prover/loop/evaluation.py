"""Scoring a step model's proof attempts against gold answers: the figures the refinement loop is judged by.

Answer accuracy overall and by gold depth, the share of emitted proofs that verify, first-proposal step
validity (the model's top proposal in round 1), and accuracy had the loop stopped after each round.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from proofloom.logic.semantics import Label
from proofloom.prover.loop.refine import ProofAttempt


@dataclass(frozen=True, slots=True)
class Scored:
    """One attempt beside the gold answer and the depth of its shallowest gold proof (None when Unknown)."""

    attempt: ProofAttempt
    gold: Label
    depth: int | None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Counts, so that evaluations of parts of a file add up."""

    questions: int
    correct: int
    by_depth: tuple[tuple[int | None, int, int], ...]  # (depth, correct, questions)
    proofs: int
    verified: int
    first_round_questions: int  # questions that needed a round
    first_proposal_valid: int
    first_round_proposed: int
    first_round_valid: int
    correct_after_round: tuple[int, ...]  # index r: correct had the loop stopped after r rounds

    @property
    def accuracy(self) -> float:
        return self.correct / self.questions if self.questions else 0.0

    def lines(self) -> list[str]:
        """The figures as text, one a line."""
        out = [
            f"answer accuracy {share(self.correct, self.questions)} ({self.correct}/{self.questions})",
            f"proofs verified {share(self.verified, self.proofs)} ({self.verified}/{self.proofs})",
            f"first proposal valid {share(self.first_proposal_valid, self.first_round_questions)}"
            f" ({self.first_proposal_valid}/{self.first_round_questions} questions that needed a round);"
            f" round-1 proposals valid {share(self.first_round_valid, self.first_round_proposed)}",
        ]
        out += [f"  depth {d if d is not None else '-'}: {share(c, n)} ({c}/{n})" for d, c, n in self.by_depth]
        after = ", ".join(f"{r}: {share(c, self.questions)}" for r, c in enumerate(self.correct_after_round))
        return [*out, f"accuracy had the loop stopped after round r: {after}"]


def share(part: int, whole: int) -> str:
    """`part` of `whole` as a percentage with two decimals ("-" of nothing)."""
    return f"{100 * part / whole:.2f}%" if whole else "-"


def evaluate(scored: Iterable[Scored], max_rounds: int) -> Evaluation:
    """Sum up attempts; `max_rounds` bounds the accuracy-by-round table."""
    items = list(scored)
    seen: Counter[int | None] = Counter(s.depth for s in items)
    right: Counter[int | None] = Counter(s.depth for s in items if s.attempt.label is s.gold)
    needed = [s.attempt for s in items if s.attempt.rounds]
    return Evaluation(
        questions=len(items),
        correct=sum(right.values()),
        by_depth=tuple((d, right[d], seen[d]) for d in sorted(seen, key=lambda d: (d is None, d or 0))),
        proofs=sum(s.attempt.proof is not None for s in items),
        verified=sum(s.attempt.proof is not None and s.attempt.verified for s in items),
        first_round_questions=len(needed),
        first_proposal_valid=sum(a.rounds[0].first_valid for a in needed),
        first_round_proposed=sum(a.rounds[0].proposed for a in needed),
        first_round_valid=sum(a.rounds[0].valid for a in needed),
        correct_after_round=tuple(
            sum(s.attempt.label_after(r) is s.gold for s in items) for r in range(max_rounds + 1)
        ),
    )
