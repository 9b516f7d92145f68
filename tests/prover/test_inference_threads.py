"""The step model decodes on one torch thread unless told otherwise: torch's default collapses under load."""

from __future__ import annotations

import pytest
import torch

from proofloom.errors import ProofloomError
from proofloom.prover.neural.model import default_model
from proofloom.prover.neural.propose import INFERENCE_THREADS, NeuralStepModel


def test_the_model_decodes_on_one_thread_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    before = torch.get_num_threads()
    try:
        monkeypatch.delenv(INFERENCE_THREADS, raising=False)
        NeuralStepModel(default_model())
        assert torch.get_num_threads() == 1
        monkeypatch.setenv(INFERENCE_THREADS, "2")
        NeuralStepModel(default_model())
        assert torch.get_num_threads() == 2
        monkeypatch.setenv(INFERENCE_THREADS, "many")
        with pytest.raises(ProofloomError, match="PROOFLOOM_TORCH_THREADS must be a positive integer, not 'many'"):
            NeuralStepModel(default_model())
    finally:
        torch.set_num_threads(before)
