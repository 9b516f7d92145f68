"""Verifying the solved dev proofs: steps checked per second with Z3 (goal: 2,000 steps/s on one core)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from figure import DEV_FILE, Figure, best_of

from proofloom.logic.english import read_statement, read_theory, render_english, render_sentence
from proofloom.logic.z3_encoding import ClausePool
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.proof.explanation import to_chain_of_thought
from proofloom.prover.proof.proof_strings import to_proofwriter
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.batch import verify_file
from proofloom.prover.verification.verifier import Verifier


def measure() -> list[Figure]:
    if not DEV_FILE.exists():
        return [Figure("verify (skipped: no ../shared data)", 0, "", "")]
    items = []
    for record in json.loads(DEV_FILE.read_text()):
        theory = read_theory(record["context"])
        tree = Reasoner(theory).answer(read_statement(record["question"].rsplit("? ", 1)[-1])).proof
        if tree is not None:
            items.append((theory, tree))
    steps = sum(max(tree.size, 1) for _, tree in items)
    figures = []
    for name, write in (
        ("EntailmentBank", to_entailmentbank),
        ("ProofWriter", lambda t: to_proofwriter((t,))),
        ("chain of thought", to_chain_of_thought),
    ):
        explained = [(theory, tree.conclusion, write(tree)) for theory, tree in items]

        def run(explained: list = explained) -> None:  # type: ignore[type-arg]
            pool = ClausePool()  # cold: nothing encoded yet
            for theory, hypothesis, text in explained:
                assert Verifier(theory, pool=pool).verify(hypothesis, text).valid

        seconds = best_of(2, run)
        reference = f"goal 2,000 steps/s; {len(items)} gold proofs, a new Verifier each, cold clause pool"
        figures.append(Figure(f"verify {name}", steps / seconds, "steps/s", reference))
    pool = ClausePool()
    verifiers = {id(theory): Verifier(theory, pool=pool) for theory, _ in items}
    explained = [(theory, tree.conclusion, to_entailmentbank(tree)) for theory, tree in items]
    for theory, hypothesis, text in explained:  # warm: solvers built once per theory
        verifiers[id(theory)].verify(hypothesis, text)
    warm = best_of(2, lambda: [verifiers[id(t)].verify(h, x) for t, h, x in explained])
    figures.append(Figure("verify EntailmentBank, warm", steps / warm, "steps/s", "same proofs, all clauses encoded"))
    figures.append(_batch(items, steps))
    return figures


def _batch(items: list, steps: int) -> Figure:  # type: ignore[type-arg]
    """As `proofloom verify` runs: JSON lines in, verdicts out, one solver per distinct context."""
    lines = [
        json.dumps(
            {
                "id": str(i),
                "context": render_english(theory),
                "statement": render_sentence(tree.conclusion),
                "explanation": to_entailmentbank(tree),
            }
        )
        for i, (theory, tree) in enumerate(items)
    ]
    contexts = len({json.loads(line)["context"] for line in lines})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "explanations.jsonl"
        path.write_text("\n".join(lines) + "\n")
        seconds = best_of(2, lambda: [r for r in verify_file(path, pool=ClausePool()) if r.verification.valid])
    reference = f"{len(items)} proofs over {contexts} distinct contexts, JSON in and out"
    return Figure("verify batch (the CLI's path)", steps / seconds, "steps/s", reference)
