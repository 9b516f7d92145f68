"""The trained step model behind the StepModel protocol, in either of the two ways a model is trained to be asked.

A state model (card `prompt: state`) is shown the goal, every rule, the facts, what is derived
and the latest rejections with their reasons, all over placeholders (`placeholders.Renaming`, so any
vocabulary reads as its training data did), and one beam search proposes the next steps toward the goal.
A rule model (`prompt: rule`, the earlier format, the shipped one) is asked what each rule yields, in one batch:
each rule that can bear on the statement and can fire on what is known (`prover.loop.relevance`, symbolic, by
predicate and polarity: the loop's part of the search), never the others.
Either way the beams' steps are ranked by the model's own sequence score and the best k proposed; answers
refused before cannot be decoded again. No step is enumerated by the program: rules, premises, bindings and
conclusions are all decoded by the transformer; by default decoding is held to the shape of a step
(`quoting.py`).
"""

from __future__ import annotations

import dataclasses
import inspect
import os
from pathlib import Path

from proofloom.errors import ProofloomError
from proofloom.limits import check
from proofloom.logic.semantics import Semantics
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.prover.loop.relevance import toward, worth_asking
from proofloom.prover.loop.step_model import ProofState
from proofloom.prover.loop.step_text import compact_literal
from proofloom.prover.neural.model import END, PAD, STEP, CheckpointError, load
from proofloom.prover.neural.placeholders import Renaming, TrainedWords
from proofloom.prover.neural.quoting import QuoteConstraint
from proofloom.prover.neural.text import ASKED, NO_STEP, RULE_PROMPT, STATE_PROMPT, renamed, rule_prompt, state_prompt

BEAMS = 8  # answers kept per rule: a step may be about any of six to eight entities, and fewer beams miss some
# Torch's threads for decoding. A model this small gains nothing from a second thread, and torch's default (one
# a core) collapses when anything else uses the CPU: five dev questions took 74-88 s at 2 threads against 16-23 s
# at 1, alternated, on this 2-core machine under load. PROOFLOOM_TORCH_THREADS sets another count.
INFERENCE_THREADS = "PROOFLOOM_TORCH_THREADS"


class NeuralStepModel:
    """Proposes steps by decoding them, token by token, with the trained transformer."""

    def __init__(self, folder: Path, constrained: bool = True, rejections_in_prompt: bool | None = None) -> None:
        import torch

        torch.set_num_threads(_inference_threads())
        self.model, self.tokenizer, self.card = load(folder)
        self.prompt = str(self.card.get("prompt", RULE_PROMPT))  # what the model was trained to read
        if self.prompt not in (RULE_PROMPT, STATE_PROMPT):
            known = f"{RULE_PROMPT!r} nor {STATE_PROMPT!r}"
            raise CheckpointError(f"{folder}: card.json's prompt {self.prompt!r} is neither {known}")
        self.constrained = constrained  # decoding held to the shape of a step (`quoting.py`)
        # The verifier's refusals are always kept from being proposed again. A state model is trained with the
        # latest ones and their reasons in its prompt, so it is shown them; a rule model was not, and they cost
        # it accuracy (`bench/bench_neural.py` runs that ablation on both), so by default it is not.
        shown = self.prompt == STATE_PROMPT if rejections_in_prompt is None else rejections_in_prompt
        self.rejections_in_prompt = shown
        self.words = TrainedWords.from_card(self.card)  # a rule model's own words: any other is bound to one
        # the last question's binding and its theory renamed, kept for the question's next rounds
        self._bound: tuple[Theory, Literal, tuple[Renaming, Theory] | None] | None = None
        # the last question's rules that can bear on its statement (`relevance.toward`)
        self._relevant: tuple[Theory, Literal, Semantics, frozenset[str]] | None = None
        # what the rounds asked a rule model about, of the rules their theories have (`prover.loop.relevance`'s
        # share of the search, for the bench's report)
        self.rules_asked = 0
        self.rules_offered = 0

    def binding(self, state: ProofState) -> tuple[Renaming, Theory] | None:
        """The question's words bound to the model's trained words (`Renaming.onto`), and its theory so renamed;
        None when every word is one already (nothing to rename) or the card lists no words."""
        if self._bound is not None and self._bound[0] is state.theory and self._bound[1] == state.statement:
            return self._bound[2]
        bound = None
        if self.words is not None:
            drawn = Renaming.onto(state.theory, state.statement, self.words)
            if any(word != slot for word, slot in drawn.forward.items()):
                bound = (drawn, drawn.theory(state.theory))
        self._bound = (state.theory, state.statement, bound)
        return bound

    def propose(self, state: ProofState, k: int) -> list[str]:
        """The best `k` steps the model decodes, none of them refused or concluding what is already listed."""
        if self.prompt == STATE_PROMPT:
            return self._propose_toward_goal(state, k)
        return self._propose_by_rule(state, k)

    def _propose_toward_goal(self, state: ProofState, k: int) -> list[str]:
        """One beam search over the whole state, goal first, in placeholders; the beams' steps in the theory's words."""
        renaming = Renaming.for_question(state.theory, state.statement)
        shown = renaming.state(state if self.rejections_in_prompt else dataclasses.replace(state, rejected=()))
        prompt = self.tokenizer.encode(state_prompt(shown)).ids + [STEP]
        check("the step model's prompt, in tokens,", len(prompt), "model_tokens")
        theory = shown.theory
        facts = [s.content for s in theory.facts if isinstance(s.content, Literal)] + [d.literal for d in shown.derived]
        rules = {s.id: len(s.content.conditions) for s in theory.rules if isinstance(s.content, Rule)}
        if not rules:
            return []
        refused = shown.refused | {renaming.step(r.text) for r in state.rejected}
        constraint = None
        if self.constrained:
            constraint = QuoteConstraint(self.tokenizer, facts, len(prompt), [rules], theory, [refused])
        listed = {compact_literal(f) for f in facts}
        scored: list[tuple[float, str]] = []
        for sequence, score in self._decode([prompt], len(prompt), constraint):
            text = self.tokenizer.decode([t for t in sequence[len(prompt) :] if t > STEP])
            if text and text not in refused and text.rsplit("-> ", 1)[-1] not in listed:
                scored.append((score, text))
        ranked = [renaming.back(text) for _, text in sorted(scored, key=lambda pair: -pair[0])]
        return list(dict.fromkeys(ranked))[: max(k, 1)]

    def _propose_by_rule(self, state: ProofState, k: int) -> list[str]:
        """A rule model's proposals: every rule asked what it yields now, in one batch; the best k answers, in the
        theory's own words (the model is shown them bound to its trained words, `binding`)."""
        bound = self.binding(state)
        if bound is None:
            return self._propose_by_rule_in_trained_words(state, k)
        renaming, theory = bound
        shown = renaming.state(state, theory)
        return [renaming.back(text) for text in self._propose_by_rule_in_trained_words(shown, k)]

    def _propose_by_rule_in_trained_words(self, state: ProofState, k: int) -> list[str]:
        shown = [s.content for s in state.theory.facts if isinstance(s.content, Literal)]
        shown += [d.literal for d in state.derived]
        rules = list(worth_asking(state.theory, self._toward(state), shown, state.semantics))
        self.rules_asked += len(rules)
        self.rules_offered += len(state.theory.rules)
        if not rules:
            return []
        needs = {s.id: len(s.content.conditions) for s in state.theory.rules if isinstance(s.content, Rule)}
        asked = [(rule, needs[rule]) for rule in rules]
        shown_state = state if self.rejections_in_prompt else dataclasses.replace(state, rejected=())
        prompts = [self.tokenizer.encode(rule_prompt(shown_state, rule, ASKED)).ids + [STEP] for rule in rules]
        width = max(map(len, prompts))
        check("a rule prompt, in tokens,", width, "model_tokens")
        refused = state.refused | {r.text for r in state.rejected}
        constraint = None
        if self.constrained:
            shapes = [{ASKED: conditions} for _, conditions in asked]  # each rule goes by `ASKED` in its own prompt
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

    def _toward(self, state: ProofState) -> frozenset[str]:
        """The rules that can bear on the question's statement (`relevance.toward`), kept for its next rounds."""
        kept = self._relevant
        if kept is None or kept[0] is not state.theory or kept[1:3] != (state.statement, state.semantics):
            relevant = toward(state.theory, state.statement, state.semantics)
            kept = (state.theory, state.statement, state.semantics, relevant)
            self._relevant = kept
        return kept[3]

    def _decode(
        self, prompts: list[list[int]], width: int, constraint: QuoteConstraint | None
    ) -> list[tuple[list[int], float]]:
        """Beam search over every prompt at once: (token ids, sequence score) for each of BEAMS rows per prompt.

        Each prompt is read once: `generate` would copy it to its BEAMS rows before reading it, reading every
        prompt BEAMS times over (three fifths of a dev question's time went there). So all but its last token
        are read here, one row a prompt, their keys and values copied to the beams' rows, and `generate` goes on
        from that cache; the answers and scores are the same, token for token (checked on dev prompts).
        """
        import torch

        # left-padded, so every prompt ends where decoding starts; positions count from each prompt's start
        input_ids = torch.tensor([[PAD] * (width - len(ids)) + ids for ids in prompts])
        mask = (torch.arange(width)[None, :] >= torch.tensor([width - len(ids) for ids in prompts])[:, None]).long()
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        with torch.inference_mode():
            read = self.model(
                input_ids=input_ids[:, :-1], attention_mask=mask[:, :-1], position_ids=positions[:, :-1], use_cache=True
            )
            cache = read[self._cache_name]
            cache.batch_repeat_interleave(BEAMS)
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
                **{self._cache_name: cache},
            )
        return list(zip(out.sequences.tolist(), out.sequences_scores.tolist(), strict=True))

    @property
    def _cache_name(self) -> str:
        """What this transformers version calls the keys and values kept between calls (`cache` from 5.x)."""
        return "cache" if "cache" in inspect.signature(self.model.forward).parameters else "past_key_values"


def random_weights(folder: Path, seed: int = 0, constrained: bool = True) -> NeuralStepModel:
    """The control: the model in `folder` with every weight drawn afresh (from `seed`), the same architecture,
    tokenizer, prompt and decoding. What it proves, the decoding, the constraint and the verifier find without
    anything learned."""
    import torch
    from transformers import GPT2LMHeadModel

    control = NeuralStepModel(folder, constrained)
    # A model built from the config draws its weights as training starts from (re-running `_init_weights` on a
    # loaded model is a no-op in transformers 5: it skips modules marked initialised).
    with torch.random.fork_rng():  # the caller's random state is left as it was
        torch.manual_seed(seed)
        control.model = GPT2LMHeadModel(control.model.config)
    control.model.eval()  # type: ignore[no-untyped-call]  # transformers leaves eval() unannotated
    return control


def _inference_threads() -> int:
    """PROOFLOOM_TORCH_THREADS if it is a positive integer, else 1 (see INFERENCE_THREADS)."""
    text = os.environ.get(INFERENCE_THREADS, "1")
    if not text.isdigit() or int(text) < 1:
        raise ProofloomError(f"{INFERENCE_THREADS} must be a positive integer, not {text!r}")
    return int(text)
