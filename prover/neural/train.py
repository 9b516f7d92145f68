"""Training the step model: AdamW with warm-up and linear decay, held-out evaluation, early stopping, resumption.

Every evaluation that improves the held-out loss saves the model (safetensors) with its card, so an
interrupted run leaves its best model behind. Every evaluation also writes `resume/` (the latest weights,
AdamW's moments as safetensors, the step counters as JSON): the same command started again goes on from
there and sees the same batches in the same order as an uninterrupted run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import random
import shutil
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofloom.errors import ProofloomError
from proofloom.limits import LIMITS
from proofloom.prover.neural.model import END, PAD, STEP, ModelShape, build_model, save, shape_card, train_tokenizer

if TYPE_CHECKING:  # imported where used: loading torch takes seconds
    import torch
    from tokenizers import Tokenizer
    from torch.optim.lr_scheduler import LambdaLR
    from transformers import GPT2LMHeadModel

Pair = tuple[list[int], list[int]]
TARGET_TOKENS = 64


@dataclass(frozen=True, slots=True)
class TrainingPlan:
    """How to train: sizes, schedule and when to stop. The defaults are the shipped model's plan."""

    shape: ModelShape = ModelShape()
    epochs: int = 2
    batch_size: int = 32
    learning_rate: float = 1e-3
    warmup_share: float = 0.03
    max_input_tokens: int = LIMITS.model_tokens  # longer pairs are left out of training
    eval_pairs: int = 800  # held out, never trained on
    eval_every: int = 200  # steps
    patience: int = 4  # evaluations without improvement before stopping
    max_minutes: float = 0.0  # stop after this much wall time (0: no limit)
    threads: int = 0  # torch threads (0: torch's default)
    seed: int = 0


# what a card says of the plan, beside its shape: everything that decides the weights but the data
PLAN_ON_CARD = ("epochs", "batch_size", "learning_rate", "warmup_share", "seed", "eval_pairs", "eval_every", "patience")


@dataclass
class _Counters:
    """Where a run stands, saved with every evaluation in `resume/state.json`."""

    run: str  # the fingerprint of the data and the plan: a resumed run must be the same run
    step: int = 0
    best: float = math.inf  # the best held-out loss so far
    waited: int = 0  # evaluations since it last improved
    seconds: float = 0.0  # wall time spent, over every start

    def to_json(self) -> dict[str, Any]:
        return {"step": self.step, "best": self.best, "waited": self.waited, "seconds": self.seconds, "run": self.run}

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> _Counters:
        best, waited, seconds = float(record["best"]), int(record["waited"]), float(record["seconds"])
        return cls(str(record.get("run")), int(record["step"]), best, waited, seconds)


@dataclass
class _Run:
    """One training run's moving parts, and how far it has come."""

    model: GPT2LMHeadModel
    tokenizer: Tokenizer
    optimizer: torch.optim.AdamW
    schedule: LambdaLR
    device: torch.device
    counters: _Counters
    pairs: int  # training pairs
    total: int  # optimizer steps over every epoch
    per_epoch: int


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
    tokenizer = train_tokenizer([text for pair in data for text in pair])
    evaluation, training = _split(tokenizer, data, plan)
    run = _start(tokenizer, plan, len(training), _fingerprint(data, plan))
    resume = folder / "resume"
    if (resume / "state.json").is_file():
        _resume(resume, run, progress)
    started = time.perf_counter() - run.counters.seconds
    run.model.train()
    epochs: dict[int, list[list[Pair]]] = {}
    while run.counters.step < run.total:
        epoch, index = divmod(run.counters.step, run.per_epoch)
        if epoch not in epochs:  # one epoch's batches in memory at a time
            epochs = {epoch: _batches(training, plan.batch_size, plan.seed + epoch)}
        loss = _step(run, epochs[epoch][index])
        if run.counters.step % plan.eval_every and run.counters.step != run.total:
            continue
        held_loss = _evaluate(run.model, evaluation, plan.batch_size, run.device)
        run.counters.seconds = time.perf_counter() - started
        if progress:
            progress(_report(run, epoch, loss.item(), held_loss))
        _keep_if_better(run, held_loss, folder, plan, card)
        _checkpoint(resume, run)
        if run.counters.waited >= plan.patience:
            break
        if plan.max_minutes and run.counters.seconds > 60 * plan.max_minutes:
            return _saved_card(folder)  # out of time: `resume/` stays, and the same command goes on
    shutil.rmtree(resume, ignore_errors=True)
    return _saved_card(folder)


def _split(tokenizer: Tokenizer, data: list[tuple[str, str]], plan: TrainingPlan) -> tuple[list[Pair], list[Pair]]:
    """(held-out, training) pairs, encoded; the held-out share is a tenth of the data, at most `eval_pairs`."""
    order = list(range(len(data)))
    random.Random(plan.seed).shuffle(order)
    held = min(plan.eval_pairs, max(1, len(data) // 10))
    encoded = _encode(tokenizer, data, plan.max_input_tokens)
    evaluation = [pair for i in order[:held] if (pair := encoded[i]) is not None]
    training = [pair for i in order[held:] if (pair := encoded[i]) is not None]
    return evaluation, training


def _fingerprint(data: list[tuple[str, str]], plan: TrainingPlan) -> str:
    """What makes two runs the same run; a time limit or a thread count may change on resume."""
    same_run = dataclasses.replace(plan, max_minutes=0.0, threads=0)
    return hashlib.sha256(repr((same_run, data[:50], len(data))).encode()).hexdigest()[:16]


def _start(tokenizer: Tokenizer, plan: TrainingPlan, pairs: int, fingerprint: str) -> _Run:
    """A fresh model, AdamW, and a schedule of linear warm-up then linear decay to zero."""
    import torch

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")  # a lent GPU is used when there is one
    model = build_model(tokenizer.get_vocab_size(), plan.shape)
    model.to(device)  # type: ignore[arg-type]  # transformers wraps Module.to, hiding its bound signature
    optimizer = torch.optim.AdamW(model.parameters(), lr=plan.learning_rate, weight_decay=0.01)
    per_epoch = math.ceil(pairs / plan.batch_size)
    total = plan.epochs * per_epoch
    warmup = max(1, int(total * plan.warmup_share))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    return _Run(model, tokenizer, optimizer, schedule, device, _Counters(fingerprint), pairs, total, per_epoch)


def _resume(resume: Path, run: _Run, progress: Callable[[str], None] | None) -> None:
    """Go on from `resume/`, refusing one that another run left."""
    fingerprint = run.counters.run
    run.counters = _restore(resume, run)
    if run.counters.run != fingerprint:
        raise ProofloomError(f"{resume} was left by a run with other data or another plan: delete it to start afresh")
    if progress:
        progress(f"resuming at step {run.counters.step}/{run.total}")


def _step(run: _Run, batch: list[Pair]) -> torch.Tensor:
    """One optimizer step on one batch; its training loss (left on the device: reading it waits for the GPU)."""
    import torch

    loss: torch.Tensor = run.model(**_tensors(batch, run.device)).loss
    torch.autograd.backward(loss)  # `loss.backward()`, which torch leaves unannotated
    torch.nn.utils.clip_grad_norm_(run.model.parameters(), 1.0)
    run.optimizer.step()
    run.schedule.step()
    run.optimizer.zero_grad()
    run.counters.step += 1
    return loss


def _report(run: _Run, epoch: int, loss: float, held_loss: float) -> str:
    return (
        f"epoch {epoch + 1} step {run.counters.step}/{run.total}: train loss {loss:.3f}, held-out {held_loss:.3f}"
        f" ({run.counters.seconds / 60:.1f} min)"
    )


def _keep_if_better(run: _Run, held_loss: float, folder: Path, plan: TrainingPlan, card: dict[str, Any]) -> None:
    """Save the model with its card where the held-out loss improved; else count one more wait."""
    counters = run.counters
    if held_loss < counters.best:
        counters.best, counters.waited = held_loss, 0
        steps = counters.step
        metrics = {"held_out_loss": round(held_loss, 5), "steps": steps, "epochs_seen": round(steps / run.per_epoch, 2)}
        trained = {**card, "device": run.device.type}
        save(folder, run.model, run.tokenizer, _card(trained, plan, run.model, run.pairs, metrics, counters.seconds))
    else:
        counters.waited += 1


def _encode(tokenizer: Tokenizer, data: list[tuple[str, str]], limit: int) -> list[Pair | None]:
    """Token ids of every pair once, up front; a pair whose input is over the limit becomes None."""
    sources = tokenizer.encode_batch([source for source, _ in data])
    targets = tokenizer.encode_batch([target for _, target in data])
    return [
        (s.ids + [STEP], t.ids[:TARGET_TOKENS] + [END]) if len(s.ids) + TARGET_TOKENS < limit else None
        for s, t in zip(sources, targets, strict=True)
    ]


def _batches(pairs: list[Pair], size: int, seed: int) -> list[list[Pair]]:
    """One epoch's batches: shuffled, then pairs of similar length batched together (less padding)."""
    rng = random.Random(seed)
    shuffled = list(pairs)
    rng.shuffle(shuffled)
    window = size * 50
    batches = []
    for start in range(0, len(shuffled), window):
        chunk = sorted(shuffled[start : start + window], key=lambda pair: len(pair[0]))
        batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(batches)
    return batches


def _tensors(batch: list[Pair], device: torch.device) -> dict[str, torch.Tensor]:
    """Prompt and step as one right-padded sequence; only the step's words are predicted (the rest is -100)."""
    import torch

    width = max(len(s) + len(t) for s, t in batch)
    rows = [s + t + [PAD] * (width - len(s) - len(t)) for s, t in batch]
    labels = [[-100] * len(s) + t + [-100] * (width - len(s) - len(t)) for s, t in batch]
    input_ids = torch.tensor(rows)
    mask = torch.tensor([[1] * (len(s) + len(t)) + [0] * (width - len(s) - len(t)) for s, t in batch])
    return {
        "input_ids": input_ids.to(device),
        "attention_mask": mask.to(device),
        "labels": torch.tensor(labels).to(device),
    }


def _evaluate(model: GPT2LMHeadModel, pairs: list[Pair], size: int, device: torch.device) -> float:
    """The mean loss over the held-out pairs, the model left training after."""
    import torch

    model.eval()  # type: ignore[no-untyped-call]  # transformers leaves eval() and train() unannotated
    losses = []
    with torch.no_grad():
        for batch in _batches(pairs, size, 0):
            losses.append(model(**_tensors(batch, device)).loss.item() * len(batch))
    model.train()
    return float(sum(losses) / len(pairs))


def _checkpoint(resume: Path, run: _Run) -> None:
    """The latest weights, AdamW's moments and the counters; written aside, then swapped in whole."""
    from safetensors.torch import save_file, save_model

    partial = resume.with_name("resume.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    save_model(run.model, str(partial / "model.safetensors"))  # GPT-2 ties its embeddings: saved once
    moments, steps = {}, {}
    for index, state in run.optimizer.state_dict()["state"].items():
        moments[f"{index}.exp_avg"], moments[f"{index}.exp_avg_sq"] = state["exp_avg"], state["exp_avg_sq"]
        steps[str(index)] = float(state["step"])
    save_file(moments, str(partial / "optimizer.safetensors"))
    record = {**run.counters.to_json(), "adam_steps": steps}
    (partial / "state.json").write_text(json.dumps(record) + "\n", encoding="utf-8")
    shutil.rmtree(resume, ignore_errors=True)
    partial.rename(resume)


def _restore(resume: Path, run: _Run) -> _Counters:
    """Weights, AdamW's moments and the schedule's place from `resume/`; the counters saved with them."""
    import torch
    from safetensors.torch import load_file, load_model

    state = json.loads((resume / "state.json").read_text(encoding="utf-8"))
    load_model(run.model, str(resume / "model.safetensors"), device=run.device.type)
    moments = load_file(str(resume / "optimizer.safetensors"), device=run.device.type)
    saved = run.optimizer.state_dict()
    for key, step in state.pop("adam_steps").items():
        index = int(key)
        saved["state"][index] = {
            "step": torch.tensor(step),
            "exp_avg": moments[f"{index}.exp_avg"],
            "exp_avg_sq": moments[f"{index}.exp_avg_sq"],
        }
    run.optimizer.load_state_dict(saved)
    with warnings.catch_warnings():  # replaying the schedule's steps, not stepping before the optimizer
        warnings.simplefilter("ignore")
        for _ in range(int(state["step"])):
            run.schedule.step()
    return _Counters.from_json(state)


def _saved_card(folder: Path) -> dict[str, Any]:
    card: dict[str, Any] = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    return card


def _card(
    card: dict[str, Any],
    plan: TrainingPlan,
    model: GPT2LMHeadModel,
    size: int,
    metrics: dict[str, Any],
    seconds: float,
) -> dict[str, Any]:
    return {
        **card,
        "parameters": sum(p.numel() for p in model.parameters()),
        "shape": shape_card(plan.shape),
        "training_pairs": size,
        "plan": {k: getattr(plan, k) for k in PLAN_ON_CARD},
        "metrics": metrics,
        "wall_seconds": round(seconds, 1),
    }
