"""Any language model as a step model: a Python callable, or an OpenAI-compatible chat endpoint by URL.

The model is prompted in words: the numbered theory, the statement, what has been derived so far, and
each rejected proposal with the verifier's reason. It answers with one step a line, in the same form the
neural model writes: `triple1 rule3 -> Bob is red.`. Its steps go through the same refinement loop, so
nothing it says is used before Z3 has verified it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable

from proofloom.errors import ProofloomError
from proofloom.logic.english import Lexicon, render_sentence
from proofloom.prover.loop.step_model import ProofState
from proofloom.prover.verification.reasons import Reason

REASONS: dict[Reason, str] = {
    Reason.UNPARSEABLE: "it is not of the form `ids -> sentence`",
    Reason.UNKNOWN_PREMISE: "it names an id that is not in the theory or among the derived facts",
    Reason.NEEDS_ONE_RULE: "a step must use exactly one rule",
    Reason.ALREADY_KNOWN: "its conclusion is already known",
    Reason.NOT_ENTAILED: "its premises do not entail its conclusion",
    Reason.NEEDS_STRONGER_SEMANTICS: (
        "it follows only by reasoning the question's semantics does not allow (such as using a rule backwards)"
    ),
    Reason.TIMEOUT: "the checker ran out of time on it",
}


def prompt(state: ProofState, k: int, lexicon: Lexicon | None = None) -> str:
    """The step request in words."""
    lines = ["Facts and rules:"]
    lines += [f"{s.id}: {render_sentence(s.content, lexicon)}" for s in state.theory.sentences]
    if state.derived:
        lines += ["Derived so far:", *(f"{d.id}: {render_sentence(d.literal, lexicon)}" for d in state.derived)]
    lines.append(f"Goal: decide whether this is true or false: {render_sentence(state.statement, lexicon)}")
    if state.rejected:
        lines.append("These proposals were rejected:")
        lines += [f"{r.text} (rejected: {REASONS.get(r.error, r.error.value)})" for r in state.rejected]
    lines.append(
        f"Propose up to {k} new facts that follow in one step, each on its own line as "
        "`<fact ids> <rule id> -> <new fact>.`, for example `triple1 rule3 -> Bob is red.` Write nothing else."
    )
    return "\n".join(lines)


def replies_to_steps(text: str) -> list[str]:
    """The lines of a reply that look like steps (bullets and numbering stripped)."""
    steps = []
    for line in text.splitlines():
        cleaned = line.strip().lstrip("-*0123456789.) ").strip().strip("`")
        if "->" in cleaned:
            steps.append(cleaned)
    return steps


class CallableStepModel:
    """Wraps `ask(prompt) -> reply`: any LLM a Python function can reach."""

    def __init__(self, ask: Callable[[str], str], lexicon: Lexicon | None = None) -> None:
        self.ask = ask
        self.lexicon = lexicon

    def propose(self, state: ProofState, k: int) -> list[str]:
        return replies_to_steps(self.ask(prompt(state, k, self.lexicon)))[:k]


class EndpointError(ProofloomError, RuntimeError):
    """The chat endpoint could not be reached or answered with something that is not a chat completion."""


class ChatEndpointStepModel(CallableStepModel):
    """An OpenAI-compatible `/chat/completions` endpoint, given by its base URL."""

    def __init__(self, url: str, model: str, api_key: str | None = None, timeout_s: float = 60.0) -> None:
        self.url = url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout_s = timeout_s
        super().__init__(self._ask)

    def _ask(self, text: str) -> str:
        body = json.dumps({"model": self.model, "messages": [{"role": "user", "content": text}], "temperature": 0})
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                reply = json.loads(response.read().decode("utf-8"))
            content: str = reply["choices"][0]["message"]["content"]
        except (urllib.error.URLError, TimeoutError, json.JSONDecodeError, KeyError, IndexError, TypeError) as error:
            raise EndpointError(f"{self.url}: {error.__class__.__name__}: {error}") from None
        return content
