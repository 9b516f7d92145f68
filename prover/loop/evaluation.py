"""Scoring a step model's proof attempts against gold answers: the figures the refinement loop is judged by.

Answer accuracy overall and by gold depth beside the do-nothing floor (what the loop answers with a model that
proposes no step: the questions a fact answers, and Unknown to the rest; `correct_after_round[0]`) and the share
a constant Unknown gets right, True/False proof recall (gold True/False questions answered with a verified proof of
the gold label: the loop's real work), Unknown precision (how many of its Unknowns are Unknown: an Unknown is
only the absence of a proof), the share of emitted proofs that verify, first-proposal step validity (the
model's top proposal in round 1), and accuracy had the loop stopped after each round.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from proofloom.logic.semantics import Label
from proofloom.prover.loop.refine import ProofAttempt, Round
from proofloom.prover.scoring.metrics import NO_DEPTH


@dataclass(frozen=True, slots=True)
class Outcome:
    """What scoring reads of one proof attempt: its answer, whether a proof came with it and verified, its rounds.

    Small enough to write as part of a JSON line as each question finishes, so that a stopped evaluation
    resumes from its file and scores exactly as a run that never stopped."""

    label: Label
    proved: bool
    verified: bool
    rounds: tuple[Round, ...] = ()

    @classmethod
    def of(cls, attempt: ProofAttempt) -> Outcome:
        return cls(attempt.label, attempt.proof is not None, attempt.verified, attempt.rounds)

    @property
    def accepted(self) -> int:
        return sum(r.valid for r in self.rounds)

    def label_after(self, rounds: int) -> Label:
        """The answer had the loop stopped after `rounds` rounds (as `ProofAttempt.label_after`)."""
        if rounds >= len(self.rounds):
            return self.label
        return self.rounds[rounds - 1].label if rounds else Label.UNKNOWN

    def to_json(self) -> dict[str, Any]:
        """`{"label", "proved", "verified", "rounds": [[proposed, valid, first_valid, label], ...]}`."""
        rounds = [[r.proposed, r.valid, r.first_valid, r.label.value] for r in self.rounds]
        return {"label": self.label.value, "proved": self.proved, "verified": self.verified, "rounds": rounds}

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> Outcome:
        """The outcome `to_json` wrote (KeyError, TypeError or ValueError where the record is not one)."""
        said = record["rounds"]
        rounds = tuple(Round(int(n), int(valid), bool(first), Label(label)) for n, valid, first, label in said)
        return cls(Label(record["label"]), bool(record["proved"]), bool(record["verified"]), rounds)


@dataclass(frozen=True, slots=True)
class Scored:
    """One attempt beside the gold answer and the depth of its shallowest gold proof (None when Unknown)."""

    attempt: ProofAttempt | Outcome
    gold: Label
    depth: int | None

    @property
    def outcome(self) -> Outcome:
        attempt = self.attempt
        return attempt if isinstance(attempt, Outcome) else Outcome.of(attempt)


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
    gold_proved: int = 0  # gold True/False questions answered so, with a verified proof
    gold_provable: int = 0  # gold True/False questions
    answered_unknown: int = 0
    answered_unknown_right: int = 0
    gold_unknown: int = 0  # what answering Unknown to everything gets right
    by_label: tuple[tuple[str, int, int], ...] = ()  # (gold label, correct, questions)
    proposals: int = 0  # every proposal the model made
    rounds: int = 0  # every round of every question
    accepted: int = 0  # proposals accepted as valid new steps

    @property
    def accuracy(self) -> float:
        return self.correct / self.questions if self.questions else 0.0

    @property
    def floor(self) -> int:
        """What a model proposing no step gets right: the answers after round 0 (the facts, and under cwa what
        holds by failure)."""
        return self.correct_after_round[0] if self.correct_after_round else 0

    @property
    def proposals_per_step(self) -> float:
        """Proposals the model made for each step the loop accepted (1.0: every proposal was a valid step)."""
        accepted = self.accepted
        return self.proposals / accepted if accepted else 0.0

    def to_json(self) -> dict[str, object]:
        """The report as JSON: shares beside their counts, by depth and by label, the floor beside the accuracy."""

        def rate(part: int, whole: int) -> float | None:
            return round(part / whole, 6) if whole else None

        return {
            "questions": self.questions,
            "accuracy": rate(self.correct, self.questions),
            "do_nothing_floor": rate(self.floor, self.questions),
            "all_unknown": rate(self.gold_unknown, self.questions),
            "true_false_proof_recall": rate(self.gold_proved, self.gold_provable),
            "unknown_precision": rate(self.answered_unknown_right, self.answered_unknown),
            "proofs": self.proofs,
            "proofs_verified": rate(self.verified, self.proofs),
            "first_proposal_valid": rate(self.first_proposal_valid, self.first_round_questions),
            "proposals_per_accepted_step": round(self.proposals_per_step, 4),
            "rounds_per_question": rate(self.rounds, self.questions),
            "by_depth": [
                {"depth": d, "accuracy": rate(c, n), "correct": c, "questions": n} for d, c, n in self.by_depth
            ],
            "by_label": [
                {"label": label, "accuracy": rate(c, n), "correct": c, "questions": n} for label, c, n in self.by_label
            ],
            "accuracy_after_round": [rate(c, self.questions) for c in self.correct_after_round],
        }

    def lines(self) -> list[str]:
        """The figures as text, one a line."""
        out = [
            f"answer accuracy {share(self.correct, self.questions)} ({self.correct}/{self.questions}); "
            f"do-nothing floor {share(self.floor, self.questions)} (facts alone); "
            f"Unknown to every question {share(self.gold_unknown, self.questions)}",
            f"True/False proof recall {share(self.gold_proved, self.gold_provable)} "
            f"({self.gold_proved}/{self.gold_provable} gold True/False questions answered with a verified proof); "
            f"Unknown precision {share(self.answered_unknown_right, self.answered_unknown)} "
            f"({self.answered_unknown_right}/{self.answered_unknown} answers Unknown)",
            f"proofs verified {share(self.verified, self.proofs)} ({self.verified}/{self.proofs})",
            f"first proposal valid {share(self.first_proposal_valid, self.first_round_questions)}"
            f" ({self.first_proposal_valid}/{self.first_round_questions} questions that needed a round);"
            f" round-1 proposals valid {share(self.first_round_valid, self.first_round_proposed)}",
        ]
        out.append(
            f"proposals per accepted step {self.proposals_per_step:.2f}; rounds per question "
            f"{self.rounds / max(self.questions, 1):.2f}"
        )
        out += [f"  depth {d if d is not None else NO_DEPTH}: {share(c, n)} ({c}/{n})" for d, c, n in self.by_depth]
        out += [f"  gold {label}: {share(c, n)} ({c}/{n})" for label, c, n in self.by_label]
        reached = self.correct_after_round
        last = next((r for r, c in enumerate(reached) if c == reached[-1]), 0) if reached else 0
        after = ", ".join(f"{r}: {share(c, self.questions)}" for r, c in enumerate(reached[: last + 1]))
        return [*out, f"accuracy had the loop stopped after round r: {after}"]


def share(part: int, whole: int) -> str:
    """`part` of `whole` as a percentage with two decimals ("-" of nothing)."""
    return f"{100 * part / whole:.2f}%" if whole else "-"


def evaluate(scored: Iterable[Scored], max_rounds: int) -> Evaluation:
    """Sum up attempts; `max_rounds` bounds the accuracy-by-round table."""
    items = [(s.outcome, s.gold, s.depth) for s in scored]
    seen: Counter[int | None] = Counter(depth for _, _, depth in items)
    right: Counter[int | None] = Counter(depth for outcome, gold, depth in items if outcome.label is gold)
    needed = [outcome for outcome, _, _ in items if outcome.rounds]
    return Evaluation(
        questions=len(items),
        correct=sum(right.values()),
        by_depth=tuple((d, right[d], seen[d]) for d in sorted(seen, key=lambda d: (d is None, d or 0))),
        proofs=sum(outcome.proved for outcome, _, _ in items),
        verified=sum(outcome.proved and outcome.verified for outcome, _, _ in items),
        first_round_questions=len(needed),
        first_proposal_valid=sum(o.rounds[0].first_valid for o in needed),
        first_round_proposed=sum(o.rounds[0].proposed for o in needed),
        first_round_valid=sum(o.rounds[0].valid for o in needed),
        correct_after_round=tuple(
            sum(outcome.label_after(r) is gold for outcome, gold, _ in items) for r in range(max_rounds + 1)
        ),
        gold_proved=sum(
            gold is not Label.UNKNOWN and outcome.label is gold and outcome.verified for outcome, gold, _ in items
        ),
        gold_provable=sum(gold is not Label.UNKNOWN for _, gold, _ in items),
        answered_unknown=sum(outcome.label is Label.UNKNOWN for outcome, _, _ in items),
        answered_unknown_right=sum(
            outcome.label is Label.UNKNOWN and gold is Label.UNKNOWN for outcome, gold, _ in items
        ),
        gold_unknown=sum(gold is Label.UNKNOWN for _, gold, _ in items),
        by_label=tuple(
            (label.value, sum(outcome.label is gold for outcome, gold, _ in items if gold is label), total)
            for label in Label
            if (total := sum(gold is label for _, gold, _ in items))
        ),
        proposals=sum(r.proposed for outcome, _, _ in items for r in outcome.rounds),
        rounds=sum(len(outcome.rounds) for outcome, _, _ in items),
        accepted=sum(outcome.accepted for outcome, _, _ in items),
    )
