"""The paraphrase bank's law (every rendering reads back to the same logic, on random theories), the
paraphrased ProofWriter-style recipe, and the PrOntoQA-style recipe with its gold chains of thought."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from proofloom.generator.generate import generate_example
from proofloom.generator.paraphrase import paraphrased_context, paraphrases, question_text
from proofloom.generator.prontoqa import ProntoRecipe, generate
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import Lexicon, read_english, read_statement, read_theory
from proofloom.logic.terms import Rule, Theory
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.verifier import verify
from tests.logic.strategies import english_theories

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


@settings(max_examples=150, deadline=None)
@given(english_theories(), st.integers(0, 2**32), st.floats(0.0, 1.0))
def test_a_paraphrased_context_reads_back_to_its_theory(theory: Theory, seed: int, rate: float) -> None:
    context = paraphrased_context(theory, Lexicon(), rate, random.Random(seed))
    assert read_theory(context) == theory


@settings(max_examples=100, deadline=None)
@given(english_theories())
def test_every_rule_has_paraphrases_and_each_reads_back(theory: Theory) -> None:
    for sentence in theory.sentences:
        bank = paraphrases(sentence.content, Lexicon())
        assert all(read_theory(text).sentences[0].content == sentence.content for text in bank)
        if isinstance(sentence.content, Rule):
            assert len(bank) >= 3  # its template and the two comma forms at least
        elif not sentence.content.positive:
            assert len(bank) == 2 and "n't " in bank[1]  # a negated fact, also contracted


def test_question_frames_read_back() -> None:
    statement = read_statement("Max is not sour.")
    for seed in range(6):
        text = question_text(statement, Lexicon(frozenset({"max"})), random.Random(seed))
        assert read_statement(text.rsplit("? ", 1)[-1]) == statement


def test_the_paraphrased_recipe_reads_back_and_its_labels_agree_with_the_reasoner() -> None:
    recipe = Recipe.load(DATASETS / "proofwriter-owa-d5-paraphrased.toml")
    plain = Recipe.load(DATASETS / "proofwriter-owa-d5.toml")
    changed = 0
    for index in range(6):
        example = generate_example(recipe, index)
        assert read_theory(example.context) == example.theory
        changed += example.context != generate_example(plain, index).context
        reasoner = Reasoner(example.theory, recipe.semantics)
        assert all(reasoner.answer(q.statement).label is q.label for q in example.questions)
    assert changed == 6  # the same theories (the surface draws its own stream), in other words


def test_the_prontoqa_recipe_reads_labels_and_accepts_its_gold_chains() -> None:
    recipe = ProntoRecipe.load(DATASETS / "prontoqa" / "prontoqa-style.toml")
    records = generate(ProntoRecipe(recipe.name, recipe.seed, 9))
    assert {r["hops"] for r in records} == {1, 3, 5} and {r["answer"] for r in records} == {"A", "B"}
    for record in records:
        reading = read_english(record["context"])
        statement = read_statement(record["question"])
        label = Reasoner(reading.theory).answer(statement).label.value
        assert label == {"A": "True", "B": "False"}[record["answer"]]
        proved = statement if record["answer"] == "A" else statement.negated()
        assert verify(record["context"], proved, record["chain_of_thought"]).valid, record


def test_the_logiclm_reader_reads_every_question_frame_of_the_bank(tmp_path: Path) -> None:
    from proofloom.generator.formats.logiclm import read_logiclm
    from proofloom.generator.paraphrase import QUESTION_FRAMES

    statement = "Max is not sour."
    records = [
        {"id": f"q{i}", "context": "Max is a wumpus. Wumpuses are not sour.", "question": frame.format(statement)}
        for i, frame in enumerate(QUESTION_FRAMES)
    ]
    path = tmp_path / "frames.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    problems = list(read_logiclm(path))
    assert len(problems) == len(QUESTION_FRAMES)
    assert all(getattr(p, "statement", None) == read_statement(statement) for p in problems), problems
