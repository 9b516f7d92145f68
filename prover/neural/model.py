"""The step model's parts: a word-level tokenizer and a small GPT-2, built from a config, saved as safetensors.

Decoder-only on purpose: a step copies words of its prompt (the asked rule's head and conditions), found
by where they stand, and T5's cross-attention has no position bias to find a word by its place; on the
same prompts a small T5 learnt that copy far more slowly than a GPT-2 of the same size.

A checkpoint folder holds `config.json` and `model.safetensors` (transformers' own), `tokenizer.json`
(the `tokenizers` library's) and `card.json` (how it was trained). Nothing is ever unpickled.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofloom.errors import ProofloomError
from proofloom.prover.neural.placeholders import SLOT_WORDS

if TYPE_CHECKING:  # imported where used: loading transformers takes seconds
    from tokenizers import Tokenizer
    from transformers import GPT2LMHeadModel

SPECIAL = ("<pad>", "</s>", "<unk>", "<step>")  # ids 0-3: padding, end, unknown, and "the step follows"
PAD, END, STEP = 0, 1, 3
POSITIONS = 1024  # the longest prompt + step the model reads (the `model_tokens` limit)
ID_WORDS = tuple(f"{kind}{n}" for kind in ("triple", "rule", "d", "sent", "int") for n in range(1, 81))


def default_model() -> Path:
    """The trained step model that ships inside the package (`proofloom train datasets/step-model.toml` rebuilds it).

    It is package data of this subpackage (`prover/neural/step-model/`), found through `importlib.resources`.
    """
    return Path(str(resources.files("proofloom.prover.neural").joinpath("step-model")))


class CheckpointError(ProofloomError, ValueError):
    """A model folder that cannot be loaded: missing, corrupt, or not safetensors."""


@dataclass(frozen=True, slots=True)
class ModelShape:
    """The transformer's size (a few hundred thousand to a few million parameters)."""

    d_model: int = 128
    d_ff: int = 512
    layers: int = 6
    heads: int = 4

    @classmethod
    def for_width(cls, width: int, layers: int) -> ModelShape:
        """GPT-2's proportions at another width: the feed-forward four times as wide, a head per 32 dimensions."""
        return cls(width, 4 * width, layers, max(1, width // 32))


def quiet_transformers() -> None:
    """No progress bars or notices from transformers: proofloom's own output stays one line per event."""
    from transformers.utils import logging

    quiet: Any = logging  # transformers' logging helpers carry no type annotations
    quiet.disable_progress_bar()
    quiet.set_verbosity_error()


def train_tokenizer(texts: list[str]) -> Tokenizer:
    """A word-level tokenizer over the texts' words, with every id word (triple1..80, ...) and placeholder kept."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    trainer = trainers.WordLevelTrainer(special_tokens=list(SPECIAL))
    tokenizer.train_from_iterator([*texts, " ".join(ID_WORDS), " ".join(SLOT_WORDS)], trainer)
    return tokenizer


def build_model(vocab_size: int, shape: ModelShape) -> GPT2LMHeadModel:
    """A fresh GPT-2 of the given shape (no dropout: the data is generated, there is always more)."""
    from transformers import GPT2Config, GPT2LMHeadModel

    settings: dict[str, Any] = {
        "vocab_size": vocab_size,
        "n_positions": POSITIONS,
        "n_embd": shape.d_model,
        "n_inner": shape.d_ff,
        "n_layer": shape.layers,
        "n_head": shape.heads,
        "resid_pdrop": 0.0,
        "embd_pdrop": 0.0,
        "attn_pdrop": 0.0,
        "bos_token_id": STEP,
        "eos_token_id": END,
        "pad_token_id": PAD,
    }
    return GPT2LMHeadModel(GPT2Config(**settings))


def save(folder: Path, model: GPT2LMHeadModel, tokenizer: Tokenizer, card: dict[str, Any]) -> None:
    """Model as safetensors + config, tokenizer as JSON, the training card as JSON."""
    quiet_transformers()
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(folder), safe_serialization=True)
    tokenizer.save(str(folder / "tokenizer.json"))
    (folder / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")


def load(folder: Path) -> tuple[GPT2LMHeadModel, Tokenizer, dict[str, Any]]:
    """(model, tokenizer, card) from a checkpoint folder; anything but safetensors and JSON is refused."""
    from tokenizers import Tokenizer
    from transformers import GPT2LMHeadModel

    quiet_transformers()
    weights = folder / "model.safetensors"
    if not weights.is_file() or not (folder / "config.json").is_file():
        raise CheckpointError(f"{folder}: no model.safetensors and config.json (only safetensors checkpoints load)")
    try:
        model = GPT2LMHeadModel.from_pretrained(str(folder), use_safetensors=True)
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    except Exception as error:  # corrupt safetensors raise their own types: any failure here is a bad checkpoint
        raise CheckpointError(f"{folder}: cannot load the model ({error.__class__.__name__}: {error})") from None
    model.eval()  # type: ignore[no-untyped-call]  # transformers leaves eval() unannotated
    return model, tokenizer, card


def shape_card(shape: ModelShape) -> dict[str, int]:
    return asdict(shape)
