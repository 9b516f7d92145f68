"""The refinement loop and the neural step model: real proposals, every accepted step verified."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from proofloom.errors import ProofloomError
from proofloom.generator.example import supervision_of
from proofloom.generator.generate import generate_example
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.matching import bindings_for
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.terms import Literal, Rule
from proofloom.prover.loop.evaluation import Scored, evaluate
from proofloom.prover.loop.refine import prove
from proofloom.prover.loop.step_model import Derived, ProofState, Rejection
from proofloom.prover.loop.step_text import ParsedStep, parse_step, step_text
from proofloom.prover.neural.data import pairs
from proofloom.prover.neural.model import CheckpointError, ModelShape, default_model, load, train_tokenizer
from proofloom.prover.neural.propose import NeuralStepModel
from proofloom.prover.neural.quoting import QuoteConstraint
from proofloom.prover.neural.text import NO_STEP, rule_prompt
from proofloom.prover.neural.train import TrainingPlan, train
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.reasons import Reason
from tests.conftest import statement_of

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
LOGICLM = {"A": Label.TRUE, "B": Label.FALSE, "C": Label.UNKNOWN}


class EveryApplication:
    """A scripted test double: proposes every single rule application it can see (and, first, a wrong one).

    Steps quote their facts, as the neural model writes them; the wrong one names ids, as LLMs do."""

    def propose(self, state: ProofState, k: int) -> list[str]:
        known = {s.content for s in state.theory.facts if isinstance(s.content, Literal)}
        known.update(d.literal for d in state.derived)
        proposals = [step_text(["triple1", "rule1"], [], state.statement)]  # usually wrong: must be rejected
        for sentence in state.theory.rules:
            rule = sentence.content
            assert isinstance(rule, Rule)
            for binding in bindings_for(rule.conditions, known):
                head = rule.head.substitute(binding)
                if head.is_ground and head not in known:
                    proposals.append(step_text([sentence.id], [c.substitute(binding) for c in rule.conditions], head))
        return proposals[: k + 1]


def test_loop_answers_real_questions_with_verified_proofs(dev_records: list[dict[str, Any]]) -> None:
    scored = []
    for record in dev_records[:60]:
        theory = read_theory(record["context"])
        statement = read_statement(statement_of(record))
        attempt = prove(theory, statement, EveryApplication(), k=40, max_rounds=40)
        assert attempt.label is LOGICLM[record["answer"]], record["id"]
        assert (attempt.proof is None) == (attempt.label is Label.UNKNOWN)
        assert attempt.verified == (attempt.proof is not None)  # a proof verified; no proof, no claim
        if attempt.rounds:  # a fact needs no round at all
            assert attempt.rejected >= 1 and attempt.rounds[-1].label is attempt.label
            assert not attempt.rounds[0].first_valid  # the double's first proposal is its wrong one
        scored.append(Scored(attempt, LOGICLM[record["answer"]], Reasoner(theory).answer(statement).depth))
    result = evaluate(scored, max_rounds=40)
    assert result.correct == result.questions == 60 and result.verified == result.proofs > 0
    assert result.first_proposal_valid == 0 < result.first_round_valid < result.first_round_proposed
    after = result.correct_after_round
    assert list(after) == sorted(after) and after[-1] == 60 and after[0] < 60
    assert sum(n for _, _, n in result.by_depth) == 60 and "answer accuracy 100.00% (60/60)" in result.lines()[0]


def test_step_text_round_trips() -> None:
    big, red = read_statement("Bob is big."), read_statement("Bob is red.")
    text = step_text(["rule1"], [big], red)
    assert text == "rule1 bob big -> bob red"
    assert parse_step(text) == ParsedStep(("rule1",), red, (big,))
    negated = read_statement("The cat does not chase Bob.")
    two = step_text(["rule3"], [big, negated], red)
    assert two == "rule3 bob big & cat not chases bob -> bob red"
    assert parse_step(two) == ParsedStep(("rule3",), red, (big, negated))
    assert parse_step(step_text(["rule1", "d1"], [], negated)) == ParsedStep(("rule1", "d1"), negated)
    theory = read_theory("Bob is big. The cat is red. If something is big and red then it is kind.")
    rejected = (
        Rejection("rule1 bob big -> bob kind", Reason.NOT_ENTAILED),
        Rejection("rule2 -> bob red", Reason.UNPARSEABLE),
    )
    state = ProofState(theory, read_statement("Bob is kind."), (Derived("d1", negated),), rejected)
    assert rule_prompt(state, "rule1") == (
        "rule1 X kind if X big & X red facts bob big & cat red derived cat not chases bob "
        "rejected rule1 bob big -> bob kind not_entailed"
    )
    other = read_theory("Bob is big. If something is red then it is nice. If something is big then it is red.")
    refused = (
        Rejection("rule2 bob big -> bob nice", Reason.NOT_ENTAILED),
        Rejection("rule1 bob red -> bob nice", Reason.TIMEOUT),
    )
    asked = ProofState(other, read_statement("Bob is nice."), (), refused)
    renamed = "rule1 X red if X big facts bob big rejected rule1 bob big -> bob nice not_entailed"
    assert rule_prompt(asked, "rule2", "rule1") == renamed  # the asked rule and its own refusals go by one name
    english = parse_step("triple1 rule1 -> Bob is red.")  # the form LLMs write
    assert english is not None and english.premises == ("triple1", "rule1") and english.conclusion == red
    for wrong in ("no arrow", "x -> is a dog .", "x -> The dog", "rule1 -> X red", "rule1 -> bob not", "-> bob red"):
        assert parse_step(wrong) is None, wrong
    for wrong in ("rule1 bob -> bob red", "rule1 bob big & -> bob red", "rule1 X big -> bob red"):
        assert parse_step(wrong) is None, wrong


def test_the_loop_looks_quoted_facts_up() -> None:
    theory = read_theory("Bob is big. If something is big then it is red. All red things are kind.")
    statement = read_statement("Bob is kind.")

    class Scripted:
        def __init__(self, steps: list[list[str]]) -> None:
            self.steps = steps
            self.seen: list[ProofState] = []

        def propose(self, state: ProofState, k: int) -> list[str]:
            self.seen.append(state)
            return self.steps.pop(0) if self.steps else []

    script = [["rule1 bob small -> bob red", "rule1 bob big -> bob red"], ["rule2 bob red -> bob kind"]]
    scripted = Scripted(script)
    attempt = prove(theory, statement, scripted)
    assert attempt.label is Label.TRUE and attempt.verified and attempt.accepted == 2 and attempt.rejected == 1
    assert scripted.seen[1].refused == {"rule1 bob small -> bob red"}  # told what not to propose again
    assert attempt.proof is not None and attempt.proof.depth == 2


def test_decoding_is_held_to_the_shape_of_a_step() -> None:
    theory = read_theory("Bob is big. Gary is round. Gary is cold. If something is round and cold then it is red.")
    prompt = rule_prompt(ProofState(theory, read_statement("Gary is red.")), "rule1")
    tokenizer = train_tokenizer([prompt, "rule1 gary round & gary cold -> gary red", "none"])
    facts = [s.content for s in theory.facts if isinstance(s.content, Literal)]
    constraint = QuoteConstraint(tokenizer, facts, 0, [{"rule1": 2}], theory)

    def after(text: str) -> set[str]:
        return {tokenizer.id_to_token(token) for token in constraint.allowed(tokenizer.encode(text).ids, 0)}

    assert after("") == {"rule1", "none"}  # the rule it was asked about, or no step
    assert after("rule1") == {"bob", "gary"}
    assert after("rule1 gary") == {"round", "cold"}
    assert after("rule1 gary round") == {"&"}  # two conditions, two quotes
    assert after("rule1 gary round & gary") == {"cold"}  # each fact quoted once
    assert after("rule1 gary round & gary cold") == {"->"}
    assert after("rule1 gary round & gary cold ->") == {"bob", "gary"}  # a literal over the theory's words,
    assert after("rule1 gary round & gary cold -> gary") == {"big", "red"}  # not a listed fact
    assert after("rule1 gary round & gary cold -> bob") == {"round", "cold", "red"}
    assert after("rule1 gary round & gary cold -> gary red") == {"</s>"}
    assert after("none") == {"</s>"}
    refused = ["rule1 gary round & gary cold -> gary red", "rule1 gary round & gary cold -> bob red"]
    constraint = QuoteConstraint(tokenizer, facts, 0, [{"rule1": 2}], theory, [refused])
    assert after("rule1 gary round & gary cold ->") == {"bob", "gary"}
    assert after("rule1 gary round & gary cold -> gary") == {"big"}  # refused answers cannot be written again
    assert after("rule1 gary round & gary cold -> bob") == {"round", "cold"}


@pytest.mark.slow
def test_a_tiny_model_trains_and_runs_in_the_loop(tmp_path: Path) -> None:
    recipe = Recipe.load(DATASETS / "step-model.toml")
    examples = [generate_example(recipe, i) for i in range(12)]
    data = pairs(supervision_of(e) for e in examples)
    assert data and all(" -> " in target or target == NO_STEP for _, target in data)
    assert any(target == NO_STEP for _, target in data) and len(set(data)) == len(data)
    for source, target in data:  # a step answers for the rule its prompt is about
        assert target == NO_STEP or source.split(" ", 1)[0] == target.split(" ", 1)[0]
    plan = TrainingPlan(shape=ModelShape(d_model=32, d_ff=64, layers=1, heads=2), epochs=1, batch_size=32, eval_every=5)
    card = train(data, tmp_path / "model", plan, {"recipe": recipe.name})
    assert card["parameters"] > 1000 and card["metrics"]["held_out_loss"] > 0
    assert {p.name for p in (tmp_path / "model").iterdir()} >= {
        "model.safetensors",
        "config.json",
        "tokenizer.json",
        "card.json",
    }
    model = NeuralStepModel(tmp_path / "model")
    # a question with a proof: some rule bears on it and can fire on the stated facts, so the model is asked
    example, question = next((e, q) for e in examples for q in e.questions if q.depth)
    state = ProofState(example.theory, question.statement)
    first = model.propose(state, 3)
    assert first  # whatever a model trained for seconds says, it says something
    refused = tuple(Rejection(text, Reason.NOT_ENTAILED) for text in first)
    assert not set(first) & set(model.propose(dataclasses.replace(state, rejected=refused), 3))  # never asks twice
    deep = [(e, q) for e in examples for q in e.questions if q.depth][:2]
    for example, question in deep:
        attempt = prove(example.theory, question.statement, model, k=2, max_rounds=2)
        assert len(attempt.rounds) >= 1  # whatever it proposes, only verified steps count:
        assert attempt.verified if attempt.proof is not None else attempt.label is Label.UNKNOWN


@pytest.mark.slow
def test_an_interrupted_training_run_resumes_to_the_same_weights(tmp_path: Path) -> None:
    recipe = Recipe.load(DATASETS / "step-model.toml")
    data = pairs(supervision_of(generate_example(recipe, i)) for i in range(4))
    shape = ModelShape(d_model=16, d_ff=32, layers=1, heads=2)
    plan = TrainingPlan(shape=shape, epochs=2, batch_size=16, eval_every=3, patience=100, eval_pairs=8)
    train(data, tmp_path / "whole", plan, {})
    cut = dataclasses.replace(plan, max_minutes=1e-9)  # out of time at the first evaluation
    train(data, tmp_path / "cut", cut, {})
    assert (tmp_path / "cut" / "resume" / "state.json").is_file()
    train(data, tmp_path / "cut", plan, {})
    assert not (tmp_path / "cut" / "resume").exists()
    assert (tmp_path / "cut" / "model.safetensors").read_bytes() == (
        tmp_path / "whole" / "model.safetensors"
    ).read_bytes()
    train(data, tmp_path / "other", cut, {})
    with pytest.raises(ProofloomError, match="other data or another plan"):
        train(data[:-1], tmp_path / "other", plan, {})


def test_checkpoints_load_only_from_safetensors(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "t5"}))
    (tmp_path / "pytorch_model.bin").write_bytes(b"not allowed")
    with pytest.raises(CheckpointError, match="only safetensors"):
        load(tmp_path)
    (tmp_path / "model.safetensors").write_bytes(b"corrupt")
    with pytest.raises(CheckpointError, match="cannot load"):
        load(tmp_path)


def test_the_shipped_model_loads_and_proposes_steps(dev_records: list[dict[str, Any]]) -> None:
    folder = default_model()
    assert sum(p.stat().st_size for p in folder.iterdir()) < 40 * 2**20
    model = NeuralStepModel(folder)
    assert model.card["recipe"] == "step-model" and model.card["parameters"] > 100_000
    record = dev_records[7]
    theory = read_theory(record["context"])
    proposals = model.propose(ProofState(theory, read_statement(statement_of(record))), 8)
    parsed = [parse_step(p) for p in proposals]
    assert proposals and all(p is not None for p in parsed)  # well-formed; validity is Z3's to say
    stated = {s.content for s in theory.facts}
    assert all(set(p.quoted) <= stated for p in parsed if p is not None)  # quotes held to the facts shown
    conditions = {s.id: len(s.content.conditions) for s in theory.rules if isinstance(s.content, Rule)}
    for step in parsed:  # each answer is put back under the id of the rule it was asked about
        assert step is not None and len(step.quoted) == conditions[step.premises[0]]


def test_a_contrapositive_step_is_refused_under_the_open_world_and_accepted_classically() -> None:
    theory = parse_theory("~red(bob). big(X) -> red(X).")
    statement = parse_literal("big(bob)")

    class Contrapositive:
        def __init__(self) -> None:
            self.seen: list[ProofState] = []

        def propose(self, state: ProofState, k: int) -> list[str]:
            self.seen.append(state)
            return ["rule1 bob not red -> bob not big"]

    model = Contrapositive()
    open_world = prove(theory, statement, model)
    assert open_world.label is Label.UNKNOWN and open_world.proof is None and open_world.accepted == 0
    (rejection,) = model.seen[1].rejected
    assert rejection.error is Reason.NEEDS_STRONGER_SEMANTICS
    classical = prove(theory, statement, Contrapositive(), semantics=Semantics.CLASSICAL)
    assert classical.label is Label.FALSE and classical.verified and classical.accepted == 1
    assert classical.proof is not None and classical.proof.depth == 1
