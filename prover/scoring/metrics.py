"""The figures the field reports: answer accuracy by depth and label (ProofWriter), proof accuracy (ProofWriter's
full-proof match), and EntailmentBank's leaves, steps and intermediates F1 with AllCorrect, averaged over questions.

EntailmentBank's scorer aligns each predicted intermediate with a gold one before comparing steps: here by equal
conclusions first (both read as logic), else by the largest Jaccard overlap of the leaves they rest on (none
overlap: unaligned, so its steps match nothing). A step then matches a gold step when its premises, intermediates
renamed by the alignment, are the gold step's premises; an intermediate is correct when it concludes what its
aligned gold intermediate concludes. Where a question has several gold proofs (ProofWriter lists all), the
prediction is scored against the one it comes closest to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal, Theory
from proofloom.prover.proof.entailmentbank import HYPOTHESIS
from proofloom.prover.scoring.shapes import INTERMEDIATE, Node, ProofShape, ShapeStep

NO_DEPTH = "N/A"  # the depth column of a question with no proof (Unknown under the open world), as ProofWriter's


@dataclass(frozen=True, slots=True)
class GoldQuestion:
    """A question with its gold answer: label, depth (None for an Unknown) and every gold proof's shape (None where
    the source gives no proofs, as Logic-LM's layout: then no proof figure counts the question)."""

    id: str
    theory: Theory
    statement: Literal
    label: Label
    depth: int | None
    proofs: tuple[ProofShape, ...] | None


@dataclass(frozen=True, slots=True)
class Overlap:
    """Precision and recall of one set against another, and their F1 (two empty sets agree: F1 = 1)."""

    predicted: int
    gold: int
    matched_predicted: int
    matched_gold: int

    @property
    def f1(self) -> float:
        if self.predicted == 0 and self.gold == 0:
            return 1.0
        if self.matched_predicted == 0 or self.matched_gold == 0:
            return 0.0
        precision, recall = self.matched_predicted / self.predicted, self.matched_gold / self.gold
        return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True, slots=True)
class TreeScore:
    """EntailmentBank's three comparisons of one predicted tree with one gold tree."""

    leaves: float
    steps: float
    intermediates: float

    @property
    def all_correct(self) -> bool:
        return self.leaves == 1.0 and self.steps == 1.0 and self.intermediates == 1.0


ZERO = TreeScore(0.0, 0.0, 0.0)


def compare_trees(predicted: ProofShape, gold: ProofShape) -> TreeScore:
    """Leaves, steps and intermediates F1 of a predicted proof against a gold one (module docstring)."""
    leaves = _set_overlap(predicted.leaves, gold.leaves)
    alignment = align(predicted, gold)
    gold_steps = Counter(s.premises for s in gold.steps)
    renamed = Counter(_renamed(s.premises, alignment) for s in predicted.steps)
    common = sum((renamed & gold_steps).values())
    steps = Overlap(len(predicted.steps), len(gold.steps), common, common)
    gold_by_name = {s.name: s for s in gold.intermediates}
    right = [
        alignment[s.name]
        for s in predicted.intermediates
        if s.name in alignment and _same_conclusion(s, gold_by_name[alignment[s.name]])
    ]  # precision counts the predicted intermediates that are right, recall the gold ones found
    intermediates = Overlap(len(predicted.intermediates), len(gold.intermediates), len(right), len(set(right)))
    return TreeScore(leaves.f1, steps.f1, intermediates.f1)


def align(predicted: ProofShape, gold: ProofShape) -> dict[str, str]:
    """Each predicted intermediate's gold partner by name (`hypothesis` with `hypothesis`); unaligned ones absent."""
    alignment = {HYPOTHESIS: HYPOTHESIS}
    for step in predicted.intermediates:
        same = [g for g in gold.intermediates if step.conclusion is not None and g.conclusion == step.conclusion]
        if same:
            alignment[step.name] = same[0].name
            continue
        leaves = predicted.leaves_under(step.name)
        best, best_overlap = None, 0.0
        for candidate in gold.intermediates:
            theirs = gold.leaves_under(candidate.name)
            union = leaves | theirs
            overlap = len(leaves & theirs) / len(union) if union else 0.0
            if overlap > best_overlap:
                best, best_overlap = candidate.name, overlap
        if best is not None:
            alignment[step.name] = best
    return alignment


def _renamed(premises: frozenset[Node], alignment: Mapping[str, str]) -> frozenset[Node]:
    return frozenset(
        Node(INTERMEDIATE, alignment.get(p.name, f"unaligned:{p.name}")) if p.kind == INTERMEDIATE else p
        for p in premises
    )


def _same_conclusion(predicted: ShapeStep, gold: ShapeStep) -> bool:
    if predicted.conclusion is not None and gold.conclusion is not None:
        return predicted.conclusion == gold.conclusion
    return bool(predicted.text) and predicted.text == gold.text


def _set_overlap(predicted: frozenset[Node], gold: frozenset[Node]) -> Overlap:
    common = len(predicted & gold)
    return Overlap(len(predicted), len(gold), common, common)


def same_proof(predicted: ProofShape, gold: ProofShape) -> bool:
    """ProofWriter's full-proof match: the same steps over the same premises, intermediates aligned."""
    return len(predicted.steps) == len(gold.steps) and compare_trees(predicted, gold).steps == 1.0


@dataclass(frozen=True, slots=True)
class QuestionScore:
    """One question's outcome."""

    id: str
    gold: Label
    depth: int | None
    predicted: Label | None  # None: no prediction for this question, or one without a label
    proof_correct: bool | None  # None: the gold gives no proofs to compare with
    tree: TreeScore | None  # None where the gold has no proof (nothing for EntailmentBank's metrics)
    missing: bool = False

    @property
    def answer_correct(self) -> bool:
        return self.predicted is self.gold


def score_question(
    gold: GoldQuestion, predicted: Label | None, proof: ProofShape | None, missing: bool
) -> QuestionScore:
    """Answer, proof (an Unknown's proof is right when none is given) and the closest gold tree's F1s."""
    if gold.proofs is None:
        return QuestionScore(gold.id, gold.label, gold.depth, predicted, None, None, missing)
    if not gold.proofs:
        proof_correct = proof is None and predicted is gold.label
        return QuestionScore(gold.id, gold.label, gold.depth, predicted, proof_correct, None, missing)
    if proof is None:
        return QuestionScore(gold.id, gold.label, gold.depth, predicted, False, ZERO, missing)
    proof_correct = any(same_proof(proof, g) for g in gold.proofs)
    trees = [compare_trees(proof, g) for g in gold.proofs]
    best = max(trees, key=lambda t: (t.all_correct, t.leaves + t.steps + t.intermediates))
    return QuestionScore(gold.id, gold.label, gold.depth, predicted, proof_correct, best, missing)


@dataclass(slots=True)
class Tally:
    """Counts for one row of a table."""

    questions: int = 0
    answers: int = 0
    with_proofs: int = 0  # questions whose gold says what their proofs are
    proofs: int = 0
    full: int = 0  # answer and proof both right

    def add(self, score: QuestionScore) -> None:
        self.questions += 1
        self.answers += score.answer_correct
        if score.proof_correct is not None:
            self.with_proofs += 1
            self.proofs += score.proof_correct
            self.full += score.answer_correct and score.proof_correct

    def to_json(self) -> dict[str, Any]:
        """Shares of the row's questions; the proof figures are None where no gold proofs were given."""
        proved = self.with_proofs
        return {
            "questions": self.questions,
            "answer_accuracy": self.answers / self.questions if self.questions else 0.0,
            "proof_accuracy": self.proofs / proved if proved else None,
            "full_accuracy": self.full / proved if proved else None,
        }


@dataclass(slots=True)
class Report:
    """Every figure over a set of questions: overall, by gold depth, by gold label, EntailmentBank's averages."""

    overall: Tally = field(default_factory=Tally)
    by_depth: dict[str, Tally] = field(default_factory=dict)
    by_label: dict[str, Tally] = field(default_factory=dict)
    gold_labels: Counter[str] = field(default_factory=Counter)
    missing: int = 0
    trees: list[TreeScore] = field(default_factory=list)
    unreadable_proofs: int = 0

    def add(self, score: QuestionScore) -> None:
        self.overall.add(score)
        depth = NO_DEPTH if score.depth is None else str(score.depth)
        self.by_depth.setdefault(depth, Tally()).add(score)
        self.by_label.setdefault(score.gold.value, Tally()).add(score)
        self.gold_labels[score.gold.value] += 1
        self.missing += score.missing
        if score.tree is not None:
            self.trees.append(score.tree)

    @property
    def majority(self) -> tuple[str, float]:
        """The floor: the most common gold label, and the accuracy of answering it to everything."""
        if not self.gold_labels:
            return "", 0.0
        label, count = self.gold_labels.most_common(1)[0]
        return label, count / self.overall.questions

    def entailmentbank(self) -> dict[str, float]:
        """F1 and AllCorrect of leaves, steps and intermediates, and overall AllCorrect, averaged over the questions
        that have a gold proof."""
        n = len(self.trees)
        if not n:
            return {}

        def mean(values: Iterable[float]) -> float:
            return sum(values) / n

        return {
            "leaves_f1": mean(t.leaves for t in self.trees),
            "leaves_all_correct": mean(t.leaves == 1.0 for t in self.trees),
            "steps_f1": mean(t.steps for t in self.trees),
            "steps_all_correct": mean(t.steps == 1.0 for t in self.trees),
            "intermediates_f1": mean(t.intermediates for t in self.trees),
            "intermediates_all_correct": mean(t.intermediates == 1.0 for t in self.trees),
            "overall_all_correct": mean(t.all_correct for t in self.trees),
        }

    def to_json(self) -> dict[str, Any]:
        label, floor = self.majority
        return {
            **self.overall.to_json(),
            "missing_predictions": self.missing,
            "unreadable_proofs": self.unreadable_proofs,
            "majority_label": {"label": label, "answer_accuracy": floor},
            "by_depth": {k: t.to_json() for k, t in sorted(self.by_depth.items(), key=_depth_order)},
            "by_label": {k: t.to_json() for k, t in sorted(self.by_label.items())},
            "entailmentbank": {"questions": len(self.trees), **self.entailmentbank()},
        }


def _depth_order(item: tuple[str, Tally]) -> tuple[int, int]:
    return (1, 0) if item[0] == NO_DEPTH else (0, int(item[0]))
