"""The trained step model behind the StepModel protocol: each rule is asked what it yields now.

One batched beam search over the theory's rules (`rule_prompt` each, every rule asked under the one name
`ASKED` and its answers put back under its id); the answers that are steps, not `none`, are ranked by the
model's own sequence score and the best k are proposed. Answers refused before cannot be decoded again.
No step is enumerated by the program: premises, bindings and conclusions are all decoded by the
transformer; by default decoding is held to the shape of a step (`quoting.py`).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from proofloom.errors import ProofloomError
from proofloom.limits import check
from proofloom.logic.terms import Literal, Rule
from proofloom.prover.loop.step_model import ProofState
from proofloom.prover.loop.step_text import compact_literal
from proofloom.prover.neural.model import END, PAD, STEP, load
from proofloom.prover.neural.quoting import QuoteConstraint
from proofloom.prover.neural.text import ASKED, NO_STEP, renamed, rule_prompt

BEAMS = 8  # answers kept per rule: a step may be about any of six to eight entities, and fewer beams miss some
# Torch's threads for decoding. A model this small gains nothing from a second thread, and torch's default (one
# a core) collapses when anything else uses the CPU: five dev questions took 74-88 s at 2 threads against 16-23 s
# at 1, alternated, on this 2-core machine under load. PROOFLOOM_TORCH_THREADS sets another count.
INFERENCE_THREADS = "PROOFLOOM_TORCH_THREADS"


class NeuralStepModel:
    """Proposes steps by decoding them, token by token, with the trained transformer."""

    def __init__(self, folder: Path, constrained: bool = True, rejections_in_prompt: bool = False) -> None:
        import torch

        torch.set_num_threads(_inference_threads())
        self.model, self.tokenizer, self.card = load(folder)
        self.constrained = constrained  # decoding held to the shape of a step (`quoting.py`)
        # The verifier's refusals are kept from being proposed again; written into the rule prompts as well, they
        # cost the shipped model accuracy (`bench/bench_neural.py` runs that ablation), so by default they are not.
        self.rejections_in_prompt = rejections_in_prompt

    def propose(self, state: ProofState, k: int) -> list[str]:
        """The best `k` steps the model decodes for the state's rules, none of them refused or already listed."""
        asked = [(s.id, len(s.content.conditions)) for s in state.theory.rules if isinstance(s.content, Rule)]
        if not asked:
            return []
        rules = [rule for rule, _ in asked]
        shown_state = state if self.rejections_in_prompt else dataclasses.replace(state, rejected=())
        prompts = [self.tokenizer.encode(rule_prompt(shown_state, rule, ASKED)).ids + [STEP] for rule in rules]
        width = max(map(len, prompts))
        check("a rule prompt, in tokens,", width, "model_tokens")
        shown = [s.content for s in state.theory.facts if isinstance(s.content, Literal)]
        shown += [d.literal for d in state.derived]
        refused = state.refused | {r.text for r in state.rejected}
        constraint = None
        if self.constrained:
            shapes = [(ASKED, conditions) for _, conditions in asked]  # each rule goes by `ASKED` in its own prompt
            own = [[renamed(text, rule, ASKED) for text in refused if text.startswith(f"{rule} ")] for rule in rules]
            constraint = QuoteConstraint(self.tokenizer, shown, width, shapes, state.theory, own)
        answers = self._decode(prompts, width, constraint)
        # Never ask the verifier twice: answers shown as refused, or concluding what the prompt already lists,
        # give way to the model's next best ones.
        listed = {compact_literal(f) for f in shown}
        scored: list[tuple[float, str]] = []
        for row, (sequence, score) in enumerate(answers):  # BEAMS rows per rule, in the rules' order
            text = renamed(self.tokenizer.decode([t for t in sequence[width:] if t > STEP]), ASKED, rules[row // BEAMS])
            if text and text != NO_STEP and text not in refused and text.rsplit("-> ", 1)[-1] not in listed:
                scored.append((score, text))
        ranked = [text for _, text in sorted(scored, key=lambda pair: -pair[0])]
        return list(dict.fromkeys(ranked))[: max(k, 1)]

    def _decode(
        self, prompts: list[list[int]], width: int, constraint: QuoteConstraint | None
    ) -> list[tuple[list[int], float]]:
        """Beam search over every prompt at once: (token ids, sequence score) for each of BEAMS rows per prompt."""
        import torch

        # left-padded, so every prompt ends where decoding starts; positions count from each prompt's start
        input_ids = torch.tensor([[PAD] * (width - len(ids)) + ids for ids in prompts])
        mask = (torch.arange(width)[None, :] >= torch.tensor([width - len(ids) for ids in prompts])[:, None]).long()
        with torch.no_grad():
            out = self.model.generate(
                prefix_allowed_tokens_fn=constraint,
                input_ids=input_ids,
                attention_mask=mask,
                num_beams=BEAMS,
                num_return_sequences=BEAMS,
                max_new_tokens=24,
                do_sample=False,
                output_scores=True,
                return_dict_in_generate=True,
                pad_token_id=PAD,
                eos_token_id=END,
            )
        return list(zip(out.sequences.tolist(), out.sequences_scores.tolist(), strict=True))


def _inference_threads() -> int:
    """PROOFLOOM_TORCH_THREADS if it is a positive integer, else 1 (see INFERENCE_THREADS)."""
    text = os.environ.get(INFERENCE_THREADS, "1")
    if not text.isdigit() or int(text) < 1:
        raise ProofloomError(f"{INFERENCE_THREADS} must be a positive integer, not {text!r}")
    return int(text)
