"""Training the step model: AdamW with warm-up and linear decay, held-out evaluation, early stopping.

Every evaluation that improves the held-out loss saves the model (safetensors) with its card, so an
interrupted run leaves its best model behind. (Resuming the optimizer mid-run is not implemented yet.)
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proofloom.limits import LIMITS
from proofloom.prover.neural.model import ModelShape, build_model, save, shape_card, train_tokenizer


@dataclass(frozen=True, slots=True)
class TrainingPlan:
    """How to train: sizes, schedule and when to stop."""

    shape: ModelShape = ModelShape()
    epochs: int = 4
    batch_size: int = 16
    learning_rate: float = 2e-3
    warmup_share: float = 0.05
    max_input_tokens: int = LIMITS.model_tokens  # longer pairs are left out of training
    eval_share: float = 0.05
    eval_every: int = 200  # steps
    patience: int = 4  # evaluations without improvement before stopping
    max_minutes: float = 0.0  # stop after this much wall time (0: no limit)
    threads: int = 0  # torch threads (0: torch's default)
    seed: int = 0


def train(
    data: list[tuple[str, str]],
    folder: Path,
    plan: TrainingPlan,
    card: dict[str, Any],
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Train on (input, target) pairs; keep the best model (by held-out loss) in `folder`."""
    import torch

    torch.manual_seed(plan.seed)
    if plan.threads:
        torch.set_num_threads(plan.threads)
    rng = random.Random(plan.seed)
    order = list(range(len(data)))
    rng.shuffle(order)
    held = max(1, int(len(data) * plan.eval_share))
    evaluation, training = [data[i] for i in order[:held]], [data[i] for i in order[held:]]
    tokenizer = train_tokenizer([text for pair in data for text in pair])
    evaluation = [p for p in evaluation if len(tokenizer.encode(p[0]).ids) < plan.max_input_tokens]
    training = [p for p in training if len(tokenizer.encode(p[0]).ids) < plan.max_input_tokens]
    device = "cuda" if torch.cuda.is_available() else "cpu"  # a lent GPU is used when there is one
    model = build_model(tokenizer.get_vocab_size(), plan.shape).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=plan.learning_rate, weight_decay=0.01)
    total = plan.epochs * math.ceil(len(training) / plan.batch_size)
    warmup = max(1, int(total * plan.warmup_share))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    started, step, best, waited = time.perf_counter(), 0, math.inf, 0
    model.train()
    for epoch in range(plan.epochs):
        rng.shuffle(training)
        for start in range(0, len(training), plan.batch_size):
            batch = _batch(tokenizer, training[start : start + plan.batch_size], plan.max_input_tokens, device)
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % plan.eval_every == 0 or step == total:
                held_loss = _evaluate(model, tokenizer, evaluation, plan)
                if progress:
                    progress(
                        f"epoch {epoch + 1} step {step}/{total}: train loss {loss.item():.3f}, held-out {held_loss:.3f}"
                    )
                if held_loss < best:
                    best, waited = held_loss, 0
                    metrics = {"held_out_loss": held_loss, "steps": step, "epochs_seen": epoch + 1}
                    save(folder, model, tokenizer, _card(card, plan, model, len(training), metrics, started))
                else:
                    waited += 1
                out_of_time = plan.max_minutes and time.perf_counter() - started > 60 * plan.max_minutes
                if waited >= plan.patience or out_of_time:
                    return _saved_card(folder)
    return _saved_card(folder)


def _saved_card(folder: Path) -> dict[str, Any]:
    card: dict[str, Any] = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    return card


def _batch(tokenizer: Any, pairs: list[tuple[str, str]], limit: int, device: str = "cpu") -> dict[str, Any]:
    import torch

    inputs = [tokenizer.encode(source).ids[:limit] + [1] for source, _ in pairs]
    targets = [tokenizer.encode(target).ids[:64] + [1] for _, target in pairs]
    width, depth = max(map(len, inputs)), max(map(len, targets))
    input_ids = torch.tensor([ids + [0] * (width - len(ids)) for ids in inputs])
    labels = torch.tensor([ids + [-100] * (depth - len(ids)) for ids in targets])
    return {
        "input_ids": input_ids.to(device),
        "attention_mask": (input_ids != 0).long().to(device),
        "labels": labels.to(device),
    }


def _evaluate(model: Any, tokenizer: Any, pairs: list[tuple[str, str]], plan: TrainingPlan) -> float:
    device = next(model.parameters()).device
    import torch

    model.eval()
    losses = []
    with torch.no_grad():
        for start in range(0, len(pairs), plan.batch_size):
            losses.append(
                model(
                    **_batch(tokenizer, pairs[start : start + plan.batch_size], plan.max_input_tokens, device)
                ).loss.item()
            )
    model.train()
    return float(sum(losses) / len(losses))


def _card(
    card: dict[str, Any], plan: TrainingPlan, model: Any, size: int, metrics: dict[str, Any], started: float
) -> dict[str, Any]:
    return {
        **card,
        "parameters": sum(p.numel() for p in model.parameters()),
        "shape": shape_card(plan.shape),
        "training_pairs": size,
        "plan": {k: getattr(plan, k) for k in ("epochs", "batch_size", "learning_rate", "seed")},
        "metrics": metrics,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
