"""Verifying the solved dev proofs: steps checked per second with Z3 (goal: 2,000 steps/s on one core)."""

from __future__ import annotations

import json

from figure import DEV_FILE, Figure, best_of

from proofloom.logic.english import read_statement, read_theory
from proofloom.prover.entailmentbank import to_entailmentbank
from proofloom.prover.explanation import to_chain_of_thought
from proofloom.prover.proof_strings import to_proofwriter
from proofloom.prover.reasoner import Reasoner
from proofloom.prover.verifier import Verifier


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
            for theory, hypothesis, text in explained:
                assert Verifier(theory).verify(hypothesis, text).valid

        seconds = best_of(2, run)
        reference = f"goal 2,000 steps/s; {len(items)} gold proofs, a fresh solver per proof"
        figures.append(Figure(f"verify {name}", steps / seconds, "steps/s", reference))
    verifiers = {id(theory): Verifier(theory) for theory, _ in items}
    explained = [(theory, tree.conclusion, to_entailmentbank(tree)) for theory, tree in items]
    for theory, hypothesis, text in explained:  # warm: solvers built once per theory
        verifiers[id(theory)].verify(hypothesis, text)
    warm = best_of(2, lambda: [verifiers[id(t)].verify(h, x) for t, h, x in explained])
    figures.append(Figure("verify EntailmentBank, solver reused", steps / warm, "steps/s", "same proofs, warm solver"))
    return figures
