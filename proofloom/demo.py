"""The demo: the main job end to end on one recipe, reported as four numbered lines and an example.

1. generate a small dataset; 2. answer every question with the symbolic reasoner and compare its label with the
generator's; 3. verify every proof step by step with Z3; 4. prove the first questions again with the shipped
neural step model, every step Z3-checked in the refinement loop, beside the do-nothing floor (the loop with no
model: the facts alone); then the deepest proof as the example. It lives at the front door, above the
generator and the prover, because it uses both.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from proofloom.generator.dataset import read_examples, write_dataset
from proofloom.generator.example import Example, GeneratedQuestion
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import render_sentence
from proofloom.logic.semantics import Semantics
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.verifier import Verifier
from proofloom.words import counted

Stage = Callable[[str, int, int], None]
"""Progress of the stage running now: (what is counted, how many done, of how many)."""

SEMANTICS = Semantics.OWA  # ProofWriter's: the demo's recipe, its reasoner and its step model all assume it


@dataclass(slots=True)
class DemoSummary:
    """The counts behind the report's lines, filled in as each stage ends."""

    theories: int = 0
    questions: int = 0
    answered: int = 0
    correct: int = 0  # labels equal to the generator's
    proofs: int = 0
    valid: int = 0
    neural_tried: int = 0
    neural_correct: int = 0
    neural_proofs: int = 0
    neural_verified: int = 0
    floor_correct: int = 0  # the same questions answered by the loop with no step proposed: the facts alone

    @property
    def ok(self) -> bool:
        """Every label agreed, every proof verified: what the demo shows, or a bug."""
        symbolic = self.correct == self.answered and self.valid == self.proofs
        return symbolic and self.neural_verified == self.neural_proofs


def run_demo(
    recipe: Recipe,
    theories: int,
    neural: int,
    folder: Path | None = None,
    summary: DemoSummary | None = None,
    progress: Stage | None = None,
) -> Iterator[str]:
    """The report's lines, each as soon as its stage ends; `summary` is filled in on the way.

    The dataset is kept in `folder` when one is given (else in a temporary folder, removed at once); the neural
    model proves the first `neural` questions.
    """
    started = time.perf_counter()
    summary = summary if summary is not None else DemoSummary()
    examples = _generate(recipe, theories, folder, summary, progress)
    made = f"{counted(summary.theories, 'theory', 'theories')}, {counted(summary.questions, 'question')}"
    yield f"1. generated {made} (recipe {recipe.name})"
    _check_symbolic(examples, summary, progress)
    yield f"2. proved: {summary.correct}/{summary.answered} labels equal the generator's (symbolic reasoner, owa)"
    yield f"3. verified: {summary.valid}/{summary.proofs} proofs valid, every step checked by Z3"
    _prove_neural([(e, q) for e in examples for q in e.questions][:neural], summary, progress)
    yield (
        f"4. neural: {summary.neural_correct}/{summary.neural_tried} labels equal the generator's with the shipped "
        f"step model (every step Z3-checked in the refinement loop), beside "
        f"{summary.floor_correct}/{summary.neural_tried} for the do-nothing floor (facts alone); "
        f"{summary.neural_verified}/{summary.neural_proofs} proofs verified"
    )
    proved = [(e, q) for e in examples for q in e.questions if q.proofs]
    if proved:  # the deepest, the first of its depth: a proof worth reading, not a fact restated at depth 0
        yield "\n" + _example(*max(proved, key=lambda shown: shown[1].depth or 0))
    yield f"done in {time.perf_counter() - started:.1f}s"


def _generate(
    recipe: Recipe, theories: int, folder: Path | None, summary: DemoSummary, progress: Stage | None
) -> list[Example]:
    def generated(done: int, total: int) -> None:
        if progress:
            progress("theories generated", done, total)

    with tempfile.TemporaryDirectory() as scratch:
        target = folder if folder is not None else Path(scratch) / "dataset"
        manifest = write_dataset(recipe, target, theories, progress=generated)
        examples = list(read_examples(target))
    summary.theories, summary.questions = manifest["theories"], manifest["questions"]
    return examples


def _check_symbolic(examples: Sequence[Example], summary: DemoSummary, progress: Stage | None) -> None:
    """Answer every question with the reasoner and verify each proof it gives with the verifier."""
    total = sum(len(e.questions) for e in examples)
    for example in examples:
        reasoner, verifier = Reasoner(example.theory, SEMANTICS), Verifier(example.theory, semantics=SEMANTICS)
        for question in example.questions:
            answer = reasoner.answer(question.statement)
            summary.answered += 1
            summary.correct += answer.label is question.label
            if answer.proof is not None:
                summary.proofs += 1
                summary.valid += verifier.verify(answer.proof.conclusion, to_entailmentbank(answer.proof)).valid
            if progress:
                progress("questions proved and verified", summary.answered, total)


def _prove_neural(
    questions: Sequence[tuple[Example, GeneratedQuestion]], summary: DemoSummary, progress: Stage | None
) -> None:
    """Prove each question in the refinement loop with the shipped step model, and again with no model at all (the
    do-nothing floor of `prover.loop.report`: the facts answer some questions, Unknown the rest), so the model's
    count stands beside what it adds to nothing: a few milliseconds a question, no decoding."""
    from proofloom.prover.loop.report import DoNothing
    from proofloom.prover.neural.shipped import prove  # torch and transformers: only when this stage runs

    for example, question in questions:
        attempt = prove(example.theory, question.statement, semantics=SEMANTICS)
        floor = prove(example.theory, question.statement, DoNothing(), semantics=SEMANTICS)
        summary.neural_tried += 1
        summary.neural_correct += attempt.label is question.label
        summary.floor_correct += floor.label is question.label
        summary.neural_proofs += attempt.proof is not None
        summary.neural_verified += attempt.proof is not None and attempt.verified
        if progress:
            progress("questions proved by the neural model", summary.neural_tried, len(questions))


def _example(example: Example, question: GeneratedQuestion) -> str:
    """One generated question as a person reads it: the context, the question, its answer and gold proof."""
    return (
        f"For example: {example.context}\nQ: {render_sentence(question.statement)} "
        f"A: {question.label.value} (depth {question.depth})\nProof: {to_entailmentbank(question.proofs[0])}"
    )
