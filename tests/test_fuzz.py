"""Fuzzing: random and mutated input to every reader and the verifier lets only proofloom's own errors escape.

The suite runs a few hundred inputs per target; the long run is one command (see the README):
    PROOFLOOM_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofloom.errors import ProofloomError
from proofloom.generator.formats.problems import InputFormat, read_problems
from proofloom.logic.english import read_sentence, read_theory
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.prover.proof.entailmentbank import from_entailmentbank
from proofloom.prover.proof.proof_strings import from_proofwriter
from proofloom.prover.verification.verifier import Verifier

EXAMPLES = int(os.environ.get("PROOFLOOM_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

DSL = "big(bob). ~kind(charlie). r1: quiet(X), cold(X) -> smart(X). chases(cat, dog).\n"
ENGLISH = "Bob is big. The cat does not chase the dog. If someone is quiet and cold then they are smart."
THEORY = parse_theory("big(bob). big(X) -> red(X). red(X), kind(X) -> nice(X). kind(bob).")
EXPLANATIONS = [
    "sent1 & sent2 -> int1: Bob is red.; int1 & sent4 & sent3 -> hypothesis;",
    "[(((((triple1) -> rule1) triple2) -> rule2))]",
    "Bob is big. If something is big then it is red. So Bob is red.",
]
TOKENS = [
    " ",
    ".",
    ",",
    "(",
    ")",
    "~",
    "->",
    ":",
    "X",
    "bob",
    "big",
    "is",
    "not",
    "If",
    "then",
    "and",
    "the",
    "cat",
    "sent1",
    "int1",
    "&",
    ";",
    "[",
    "]",
    "OR",
    "%",
    "NAF",
    "So",
    "hypothesis",
    "\n",
    "é",
    "\x00",
]


def mutations(seed: str) -> st.SearchStrategy[str]:
    """Valid text with characters deleted, inserted or replaced; or a shuffle of its tokens' alphabet."""
    edits = st.lists(
        st.tuples(st.integers(0, len(seed)), st.sampled_from(["del", "ins", "rep"]), st.text(max_size=3)), max_size=6
    )

    def apply(changes: list[tuple[int, str, str]]) -> str:
        text = seed
        for position, kind, piece in changes:
            position = min(position, len(text))
            if kind == "del":
                text = text[:position] + text[position + 1 :]
            elif kind == "ins":
                text = text[:position] + piece + text[position:]
            else:
                text = text[:position] + piece + text[position + len(piece) :]
        return text

    return edits.map(apply) | st.lists(st.sampled_from(TOKENS), max_size=30).map("".join) | st.text(max_size=80)


@FUZZ
@given(mutations(DSL))
def test_dsl_parser(text: str) -> None:
    try:
        parse_theory(text)
        parse_literal(text)
    except ProofloomError:
        pass


@FUZZ
@given(mutations(ENGLISH))
def test_english_reader(text: str) -> None:
    try:
        read_theory(text)
        read_sentence(text)
    except ProofloomError:
        pass


@FUZZ
@given(st.sampled_from(EXPLANATIONS).flatmap(mutations))
def test_tree_readers(text: str) -> None:
    for read in (
        lambda: from_entailmentbank(text, THEORY, parse_literal("nice(bob)")),
        lambda: from_proofwriter(text, THEORY),
    ):
        try:
            read()
        except ProofloomError:
            pass


VERIFIER = Verifier(THEORY)


@FUZZ
@given(st.sampled_from(EXPLANATIONS).flatmap(mutations))
def test_verifier_always_answers(text: str) -> None:
    report = VERIFIER.verify(parse_literal("nice(bob)"), text)
    assert report.valid or report.errors


RECORDS = [
    json.dumps([{"id": "a", "context": ENGLISH, "question": "Is it? Bob is big.", "answer": "A"}]),
    json.dumps(
        {
            "id": "t",
            "theory": ENGLISH,
            "triples": {"triple1": {"text": "Bob is big."}},
            "rules": {},
            "questions": {"Q1": {"question": "Bob is big.", "answer": True, "QDep": 0}},
        }
    ),
    json.dumps({"id": "p", "theory": DSL, "statement": "big(bob)", "label": "True"}),
]


@FUZZ
@given(st.sampled_from(RECORDS).flatmap(mutations), st.sampled_from([*InputFormat, None]))
def test_file_readers(text: str, chosen: InputFormat | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.json"
        path.write_bytes(text.encode("utf-8", errors="replace"))
        try:
            list(read_problems(path, chosen))
        except ProofloomError:
            pass
