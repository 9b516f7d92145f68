"""Any local HuggingFace checkpoint folder as a step model: seq2seq (T5, BART, ...) or causal (GPT-2, Llama, ...).

Only safetensors weights load. The model is prompted in words (as `prover.loop.llm` prompts a chat model)
and each of its k beams is read as a step; the refinement loop verifies every one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from proofloom.logic.english import Lexicon
from proofloom.prover.loop.llm import prompt, replies_to_steps
from proofloom.prover.loop.step_model import ProofState
from proofloom.prover.neural.model import CheckpointError, quiet_transformers

if TYPE_CHECKING:  # imported where used: loading transformers takes seconds
    from transformers import GenerationMixin, PreTrainedTokenizerBase


class CheckpointStepModel:
    """Loads `AutoModelForSeq2SeqLM` or `AutoModelForCausalLM`, whichever the folder's config says."""

    def __init__(self, folder: Path, lexicon: Lexicon | None = None, max_new_tokens: int = 48) -> None:
        from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer, GenerationMixin

        quiet_transformers()
        if not (folder / "model.safetensors").is_file() and not list(folder.glob("model-*.safetensors")):
            raise CheckpointError(f"{folder}: no safetensors weights (only safetensors checkpoints load)")
        try:
            config = AutoConfig.from_pretrained(str(folder), local_files_only=True)
            self.seq2seq = bool(getattr(config, "is_encoder_decoder", False))
            family = AutoModelForSeq2SeqLM if self.seq2seq else AutoModelForCausalLM
            model = family.from_pretrained(str(folder), local_files_only=True, use_safetensors=True)
            self.tokenizer: PreTrainedTokenizerBase = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        except Exception as error:  # any failure to load is a bad checkpoint, named
            raise CheckpointError(f"{folder}: cannot load ({error.__class__.__name__}: {error})") from None
        model.eval()
        if not isinstance(model, GenerationMixin):
            raise CheckpointError(f"{folder}: a {model.__class__.__name__} cannot generate text")
        self.model: GenerationMixin = model
        self.lexicon = lexicon
        self.max_new_tokens = max_new_tokens

    def propose(self, state: ProofState, k: int) -> list[str]:
        import torch

        encoded = self.tokenizer(prompt(state, k, self.lexicon), return_tensors="pt")
        beams = max(k, 1)
        with torch.no_grad():
            outputs = self.model.generate(
                **encoded,
                num_beams=beams,
                num_return_sequences=beams,
                max_new_tokens=self.max_new_tokens,
                do_sample=False,
                pad_token_id=self.tokenizer.pad_token_id,
            )
        assert isinstance(outputs, torch.Tensor)  # token ids: `return_dict_in_generate` is off
        if not self.seq2seq:  # a causal model repeats its prompt first
            outputs = outputs[:, encoded["input_ids"].shape[1] :]
        texts = self.tokenizer.batch_decode(outputs, skip_special_tokens=True)
        return [step for text in texts for step in replies_to_steps(text)][:k]
