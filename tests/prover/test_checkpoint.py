"""Local HuggingFace checkpoints (seq2seq and causal) as step models: real tiny models, built and saved here."""

from __future__ import annotations

from pathlib import Path

import pytest

from proofloom.logic.english import read_statement, read_theory
from proofloom.prover.loop.refine import prove
from proofloom.prover.neural.checkpoint import CheckpointStepModel
from proofloom.prover.neural.model import CheckpointError, train_tokenizer

THEORY = read_theory("Bob is big. If something is big then it is red.")


def _save_tiny(folder: Path, causal: bool) -> None:
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast, T5Config, T5ForConditionalGeneration

    words = train_tokenizer(["triple1 rule1 -> Bob is red . Facts and rules : Goal"])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=words, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    size = len(tokenizer)
    if causal:
        model = GPT2LMHeadModel(
            GPT2Config(
                vocab_size=size,
                n_embd=16,
                n_layer=1,
                n_head=2,
                n_positions=1024,
                bos_token_id=1,
                eos_token_id=1,
                pad_token_id=0,
            )
        )
    else:
        model = T5ForConditionalGeneration(
            T5Config(
                vocab_size=size,
                d_model=16,
                d_ff=32,
                num_layers=1,
                num_heads=2,
                d_kv=8,
                pad_token_id=0,
                eos_token_id=1,
                decoder_start_token_id=0,
            )
        )
    model.save_pretrained(str(folder), safe_serialization=True)
    tokenizer.save_pretrained(str(folder))


@pytest.mark.parametrize("causal", [False, True], ids=["seq2seq", "causal"])
def test_a_local_checkpoint_runs_in_the_loop(tmp_path: Path, causal: bool) -> None:
    _save_tiny(tmp_path, causal)
    model = CheckpointStepModel(tmp_path, max_new_tokens=8)
    assert model.seq2seq is (not causal)
    attempt = prove(THEORY, read_statement("Bob is red."), model, k=2, max_rounds=2)
    assert len(attempt.rounds) >= 1  # an untrained model's steps are all rejected, never used
    assert attempt.verified if attempt.proof is not None else not attempt.verified


def test_a_folder_without_safetensors_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(CheckpointError, match="only safetensors"):
        CheckpointStepModel(tmp_path)
