"""Chains of thought as language models write them, checked step by step: connectives, frames, numbered
steps, answer lines, PrOntoQA's own chains; a fault is found at the step that has it, and nowhere else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from proofloom.logic.english import read_statement, read_theory, render_sentence
from proofloom.logic.terms import Literal
from proofloom.prover.proof.explanation import ChainStyle, to_chain_of_thought
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.verifier import Verifier, verify
from tests.conftest import statement_of

# The shape of Logic-LM's ProofWriter demonstration, written anew: the chain restates rules with a comma
# the context does not have, and its third conclusion skips a step (the rabbit must chase the rabbit).
DEMO_CONTEXT = (
    "The bear is red. The bear is round. The bear likes the mouse. The bear sees the rabbit. The mouse is cold. "
    "The mouse is kind. The mouse likes the dog. The dog is round. The dog chases the mouse. The dog sees the bear. "
    "The rabbit likes the bear. The rabbit likes the dog. If something is cold then it sees the rabbit. "
    "If something sees the rabbit then it is kind. If something chases the rabbit and it is young then it is red. "
    "If something is kind then it chases the rabbit. "
    "If something likes the dog and it likes the bear then it sees the rabbit. "
    "If something is kind and it chases the rabbit then it is young. "
    "If the bear is cold and the bear likes the mouse then the mouse chases the dog."
)
DEMO_CHAIN = (
    "The rabbit likes the bear. The rabbit likes the dog. "
    "If something likes the dog and it likes the bear, then it sees the rabbit. So the rabbit sees the rabbit. "
    "If something sees the rabbit then it is kind. So the rabbit is kind. "
    "If something is kind and it chases the rabbit then it is young. So the rabbit is young.\n"
    "The correct option is: B"
)

PRONTO_CONTEXT = (
    "Zorpuses are grimpuses. Each grimpus is a flumpus. Every zorpus is not liquid. Flumpuses are strempuses. "
    "Each strempus is loud. Every strempus is a dwimpus. Brompuses are not bright. Dwimpuses are quompuses. "
    "Each quompus is bright. Kelpuses are quompuses. Sam is a zorpus."
)
PRONTO_GOLD = (
    "Sam is a zorpus. Zorpuses are grimpuses. Sam is a grimpus. Each grimpus is a flumpus. Sam is a flumpus. "
    "Flumpuses are strempuses. Sam is a strempus. Every strempus is a dwimpus. Sam is a dwimpus. "
    "Dwimpuses are quompuses. Sam is a quompus. Each quompus is bright. Sam is bright."
)


def test_the_demonstration_reads_whole_and_fails_at_its_third_conclusion_only() -> None:
    verification = verify(DEMO_CONTEXT, "The rabbit is not young.", DEMO_CHAIN)
    assert [s.valid for s in verification.steps] == [True, True, False]
    (error,) = verification.errors
    assert error.error is Reason.NOT_ENTAILED and error.step == 3
    assert error.repair is not None and error.repair.sentences == ("sent16",)  # the chain's own ids
    assert "sent16 ('If something is kind then it chases the rabbit.')" in error.message
    assert verification.answer is not None and verification.answer.value == "False"


def test_prontoqa_gold_chain_is_accepted_and_its_faults_are_found_where_they_are() -> None:
    statement = "Sam is bright."
    good = verify(PRONTO_CONTEXT, statement, PRONTO_GOLD)
    assert good.valid and len(good.steps) == 6, good.to_json()
    unsaid = verify(PRONTO_CONTEXT, statement, PRONTO_GOLD.replace("Every strempus is a dwimpus. ", ""))
    (error,) = unsaid.errors
    assert error.error is Reason.NOT_ENTAILED and error.step == 4 and error.repair is not None
    assert error.repair.sentences == ("sent6",)  # the unsaid rule, named in the chain's own ids
    negated = verify(PRONTO_CONTEXT, statement, PRONTO_GOLD.replace("Sam is bright.", "Sam is not bright."))
    assert [s.valid for s in negated.steps] == [True] * 5 + [False]
    assert {(e.error, e.step) for e in negated.errors} >= {(Reason.NOT_ENTAILED, 6)}


@pytest.mark.parametrize(
    "chain",
    [
        "Sam is a zorpus, so Sam is a grimpus. Thus Sam is a flumpus.",
        "Since Sam is a zorpus and zorpuses are grimpuses, Sam is a grimpus. Therefore Sam is a flumpus.",
        "Step 1: Sam is a zorpus.\nStep 2: This means that Sam is a grimpus.\n"
        "Step 3: It follows that Sam is a flumpus.",
        "1. Sam is a zorpus. 2. We know that Sam is a grimpus. 3. Hence Sam is a flumpus.\nSo the statement is true.",
        "Sam is a flumpus because Sam is a grimpus. Sam is a grimpus because Sam is a zorpus.",
    ],
)
def test_frames_and_connectives_read_and_each_conclusion_is_judged(chain: str) -> None:
    verification = verify(PRONTO_CONTEXT, "Sam is a flumpus.", chain)
    assert all(s.conclusion for s in verification.steps)
    assert not any(e.error is Reason.UNPARSEABLE for e in verification.errors), verification.to_json()


SMALL_CONTEXT = "Bob is big. If something is big then it is red. Red things are kind. The cat is big."


@pytest.mark.parametrize(
    "chain",
    [
        # an if-rule among a Since's reasons
        "Since Bob is big and if something is big then it is red, Bob is red. "
        "Since Bob is red and red things are kind, Bob is kind.",
        # names in lower case after a connective or at a sentence's start, as models write them
        "Since bob is big and if something is big then it is red, bob is red. "
        "Therefore, bob is kind because bob is red and red things are kind.",
        # a restatement frame: a context sentence said again is no step of its own
        "We know that Bob is big. If something is big then it is red. This means that Bob is red. "
        "Recall that red things are kind. It follows that Bob is kind.",
    ],
)
def test_models_frames_read_whole_and_a_sound_chain_is_valid(chain: str) -> None:
    verification = verify(SMALL_CONTEXT, "Bob is kind.", chain)
    assert verification.valid, verification.to_json()
    assert verification.steps[-1].conclusion == "Bob is kind."


def test_a_restatement_frame_the_context_lacks_is_a_claim_judged_like_any() -> None:
    verification = verify(SMALL_CONTEXT, "Bob is kind.", "We know that Bob is kind.")
    assert [e.error for e in verification.errors] == [Reason.NOT_ENTAILED]


def test_a_common_noun_is_not_taken_for_a_name_in_lower_case() -> None:
    verification = verify(SMALL_CONTEXT, "The cat is red.", "The cat is big. So the cat is red.")
    (error,) = verification.errors
    assert error.error is Reason.NOT_ENTAILED and "sent2" in error.message


def test_one_unreadable_sentence_spoils_one_step_and_the_others_are_still_judged() -> None:
    chain = PRONTO_GOLD.replace("Each grimpus is a flumpus.", "Grimpuses, as we know, are flumpuses.")
    chain = chain.replace("Sam is a quompus.", "Sam is a brompus.")  # a real fault, further on
    verification = verify(PRONTO_CONTEXT, "Sam is bright.", chain)
    reasons = [(e.error, e.step) for e in verification.errors]
    unread = next(s for s in verification.steps if s.error is not None and s.error.error is Reason.UNPARSEABLE)
    assert reasons[0] == (Reason.UNPARSEABLE, unread.index)
    brompus = next(s for s in verification.steps if s.conclusion == "Sam is a brompus.")
    assert reasons == [(Reason.UNPARSEABLE, unread.index), (Reason.NOT_ENTAILED, brompus.index)]
    assert [s.valid for s in verification.steps].count(True) == len(verification.steps) - 3  # and one resting


def test_an_answer_line_is_compared_with_the_chain_not_taken_as_a_step() -> None:
    chain = "The rabbit likes the bear. So the statement is false."
    verification = verify(DEMO_CONTEXT, "The rabbit likes the bear.", chain)
    assert verification.steps == () and verification.answer is not None
    # the context states it, so the answer is wrong, and the chain proves the opposite of what it answers
    assert [e.error for e in verification.errors] == [Reason.WRONG_ANSWER, Reason.WRONG_CONCLUSION]


def test_gold_proofs_in_every_style_are_accepted_and_mutations_rejected(dev_records: list[dict[str, Any]]) -> None:
    checked = 0
    for record in dev_records[:40]:
        theory = read_theory(record["context"])
        statement = read_statement(statement_of(record))
        proof = Reasoner(theory).answer(statement).proof
        if proof is None or not proof.steps():
            continue
        verifier, proved = Verifier(theory), proof.conclusion == statement
        for style in ChainStyle:
            chain = to_chain_of_thought(proof, style=style, answer=proved)
            verification = verifier.verify(statement, chain)
            assert verification.valid, (record["id"], style, chain, verification.to_json())
            negated = _negate_last(chain, proof.steps()[-1].conclusion)
            refused = verifier.verify(statement, negated)
            assert not refused.valid and refused.steps[-1].valid is False, (record["id"], style, negated)
            checked += 1
    assert checked >= 60


def _negate_last(chain: str, conclusion: Literal) -> str:
    """The chain with its last conclusion said the other way round, wherever it stands."""
    said, opposite = render_sentence(conclusion)[:-1], render_sentence(conclusion.negated())[:-1]
    lowered = said[:1].lower() + said[1:] if said.startswith("The ") else said
    at = max(chain.rfind(said), chain.rfind(lowered))
    assert at >= 0, (chain, said)
    found = said if chain[at:].startswith(said) else lowered
    replacement = opposite if found == said else opposite[:1].lower() + opposite[1:]
    return chain[:at] + replacement + chain[at + len(found) :]


def test_solve_reads_every_prontoqa_style_context_and_gets_every_label(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "datasets" / "samples" / "prontoqa-style.json"
    from proofloom.generator.formats.problems import read_problems
    from proofloom.prover.problem import Problem

    problems = list(read_problems(sample))
    assert len(problems) == len(json.loads(sample.read_text())) and all(isinstance(p, Problem) for p in problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert Reasoner(problem.theory).answer(problem.statement).label is problem.gold, problem.id
