"""LLMs in the loop: a Python callable and an OpenAI-compatible endpoint on loopback, prompted in words."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.semantics import Label
from proofloom.prover.loop.llm import (
    REASONS,
    CallableStepModel,
    ChatEndpointStepModel,
    EndpointError,
    prompt,
    replies_to_steps,
)
from proofloom.prover.loop.refine import prove
from proofloom.prover.loop.step_model import ProofState, Rejection
from proofloom.prover.verification.reasons import Reason

THEORY = read_theory(
    "Bob is big. Bob is kind. If something is big then it is red. Red things are round. "
    "If something is round and kind then it is nice."
)
STATEMENT = read_statement("Bob is nice.")


class ScriptedLLM:
    """Answers like a chat model would: a wrong step first, then the right ones as a numbered list."""

    def __init__(self) -> None:
        self.prompts: list[str] = []

    def __call__(self, text: str) -> str:
        self.prompts.append(text)
        if len(self.prompts) == 1:
            return "Sure! Here is my step:\n1. triple2 rule1 -> Bob is red."
        if "d2:" in text:
            return "- d2 triple2 rule3 -> Bob is nice."
        if "d1:" in text:
            return "1. d1 rule2 -> Bob is round."
        return "1. triple1 rule1 -> Bob is red."


def test_a_callable_llm_gets_feedback_in_words_and_its_proof_is_verified() -> None:
    llm = ScriptedLLM()
    attempt = prove(THEORY, STATEMENT, CallableStepModel(llm), k=2)
    assert attempt.label is Label.TRUE and attempt.verified and attempt.proof is not None
    assert "triple2 rule1 -> Bob is red. (rejected: its premises do not entail its conclusion)" in llm.prompts[1]
    assert "rule1: If something is big then it is red." in llm.prompts[0]
    assert attempt.rejected == 1 and attempt.accepted == 3


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[dict[str, object]]]]:
    requests: list[dict[str, object]] = []
    llm = ScriptedLLM()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
            content = llm(body["messages"][0]["content"])
            reply = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", requests
    server.shutdown()


def test_an_openai_compatible_endpoint(endpoint: tuple[str, list[dict[str, object]]]) -> None:
    url, requests = endpoint
    model = ChatEndpointStepModel(url, "tiny-chat", api_key="secret", timeout_s=10)
    attempt = prove(THEORY, STATEMENT, model, k=2)
    assert attempt.label is Label.TRUE and attempt.verified
    first = requests[0]
    assert first["path"] == "/v1/chat/completions" and first["auth"] == "Bearer secret"
    body = first["body"]
    assert isinstance(body, dict) and body["model"] == "tiny-chat"


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    model = ChatEndpointStepModel("http://127.0.0.1:9/v1", "none", timeout_s=2)
    with pytest.raises(EndpointError, match="127.0.0.1:9/v1/chat/completions"):
        prove(THEORY, STATEMENT, model)


def test_replies_are_read_leniently() -> None:
    reply = "Here you go:\n1. `triple1 rule1 -> Bob is red.`\n* d1 rule2 -> Bob is round.\nThat is all."
    assert replies_to_steps(reply) == ["triple1 rule1 -> Bob is red.", "d1 rule2 -> Bob is round."]


def test_every_reason_the_loop_gives_is_put_in_words() -> None:
    loop_reasons = {
        Reason.UNPARSEABLE,
        Reason.UNKNOWN_PREMISE,
        Reason.NEEDS_ONE_RULE,
        Reason.ALREADY_KNOWN,
        Reason.NOT_ENTAILED,
        Reason.NEEDS_STRONGER_SEMANTICS,
        Reason.TIMEOUT,
    }
    assert set(REASONS) == loop_reasons
    rejected = (Rejection("triple1 rule1 -> Bob is not big.", Reason.NEEDS_STRONGER_SEMANTICS),)
    text = prompt(ProofState(THEORY, STATEMENT, rejected=rejected), 2)
    assert "triple1 rule1 -> Bob is not big. (rejected: it follows only by reasoning the question's" in text
