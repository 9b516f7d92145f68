"""The trained step model behind the StepModel protocol: beam search gives k candidate steps."""

from __future__ import annotations

from pathlib import Path

from proofloom.limits import check
from proofloom.prover.neural.model import load
from proofloom.prover.neural.text import state_text
from proofloom.prover.step_model import ProofState


class NeuralStepModel:
    """Proposes steps by decoding them, token by token, with the trained transformer (no step is enumerated)."""

    def __init__(self, folder: Path) -> None:
        self.model, self.tokenizer, self.card = load(folder)

    def propose(self, state: ProofState, k: int) -> list[str]:
        import torch

        ids = self.tokenizer.encode(state_text(state)).ids + [1]
        check("the proof state, in tokens,", len(ids), "model_tokens")
        with torch.no_grad():
            outputs = self.model.generate(
                input_ids=torch.tensor([ids]),
                num_beams=max(k, 1),
                num_return_sequences=max(k, 1),
                max_new_tokens=48,
                do_sample=False,
            )
        return [self.tokenizer.decode([t for t in row.tolist() if t > 2]) for row in outputs]
