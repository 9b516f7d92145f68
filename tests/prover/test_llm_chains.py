"""Chains of thought as language models write them: the markup, citations, narration and answer lines around
the steps, and the ways a wrong chain used to pass (ending on a rule, answering Unknown, saying the answer
after the proof). Real Z3 and the real reader over a real ProofWriter dev theory (AttNeg-OWA-D5-293)."""

from __future__ import annotations

import pytest

from proofloom.logic.semantics import Label
from proofloom.prover.proof.explanation import ExplanationFormat, parse_explanation
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.verifier import verify

THEORY = (
    "Bob is blue. Bob is round. Bob is not smart. Charlie is not smart. Dave is round. Harry is big. Harry is smart. "
    "Round, blue things are not red. If something is furry and round then it is cold. Smart things are furry. "
    "Cold, round things are smart. All cold things are blue. Furry, big things are round."
)
FURRY = "Harry is smart. Smart things are furry. So Harry is furry."  # `Harry is furry.` is True, depth 1


def errors(statement: str, chain: str, semantics: str = "owa") -> list[Reason]:
    return [e.error for e in verify(THEORY, statement, chain, semantics=semantics).errors]


@pytest.mark.parametrize(
    "chain",
    [
        "Smart things are furry.",  # ends on a rule: concludes nothing
        "Bob is blue. Smart things are furry. The answer is True.",
        "Harry is smart. Smart things are furry. So Harry is furry. If something is furry and round then it is cold.",
    ],
)
def test_a_chain_that_never_concludes_the_statement_is_refused(chain: str) -> None:
    statement = "Bob is red." if chain.startswith(("Smart", "Bob")) else "Harry is cold."
    assert Reason.WRONG_CONCLUSION in errors(statement, chain)


def test_an_answer_line_is_held_to_the_label_under_the_semantics_asked() -> None:
    # Bob is red is False (Bob is round and blue); Harry is furry is True: an Unknown is wrong for both
    wrong = verify(THEORY, "Bob is red.", "Bob is blue. Bob is round. The answer is Unknown.", semantics="owa")
    assert wrong.answer is Label.UNKNOWN and wrong.error_types == {Reason.WRONG_ANSWER}
    assert "under owa the statement is False" in wrong.errors[0].message
    assert errors("Harry is furry.", FURRY + " The answer is Unknown.") == [Reason.WRONG_ANSWER]
    assert errors("Harry is furry.", FURRY + " The answer is True.") == []
    # Dave is cold is Unknown: so answered, the chain is right; answered True, it is wrong and proves nothing
    assert errors("Dave is cold.", "Dave is round. The answer is Unknown.") == []
    assert errors("Dave is cold.", "Dave is round. The answer is True.") == [
        Reason.WRONG_ANSWER,
        Reason.WRONG_CONCLUSION,
    ]
    false_chain = "Bob is blue. Bob is round. Round, blue things are not red. So Bob is not red. The answer is False."
    assert errors("Bob is red.", false_chain) == []


def test_what_follows_the_conclusion_does_not_undo_it() -> None:
    assert errors("Harry is furry.", FURRY + " Harry is big. The answer is True.") == []


def test_a_quoted_rule_may_list_its_conditions_in_any_order() -> None:
    chain = "Bob is blue. Bob is round. Blue, round things are not red. So Bob is not red."
    assert errors("Bob is not red.", chain) == []
    assert (
        errors(
            "Harry is round.",
            FURRY + " Harry is big. If something is big and furry then it is round. So Harry is round.",
        )
        == []
    )


@pytest.mark.parametrize(
    "chain",
    [
        "- Harry is smart.\n- **Smart things are furry** (rule 3).\n- So Harry is **furry**.\n**Answer:** True",
        "(1) Harry is smart. (2) Smart things are furry. (3) So Harry is furry.\nFinal answer: True",
        'Is Harry furry? The context says "Harry is smart." It also says \u201cSmart things are furry.\u201d '
        "So Harry is furry.",
        "Let's think step by step. Harry is smart; smart things are furry; so Harry is furry. Answer: True",
        "According to the context, Harry is smart. From rule 10, smart things are furry. Conclusion: Harry is furry.",
        FURRY + "\nThe final answer is True.",
        FURRY + "\nA) True",
    ],
)
def test_markup_citations_narration_and_answer_lines_are_not_steps(chain: str) -> None:
    verification = verify(THEORY, "Harry is furry.", chain, semantics="owa")
    assert verification.valid, [e.message for e in verification.errors]
    assert all(step.valid for step in verification.steps)


def test_narration_is_set_aside_and_the_wrong_step_after_it_is_blamed() -> None:
    chain = "Let's reason step by step. Harry is smart. So Harry is cold. The answer is True."
    parsed = parse_explanation(chain)
    assert parsed.set_aside == ("Let's reason step by step.",) and parsed.format is ExplanationFormat.CHAIN_OF_THOUGHT
    verification = verify(THEORY, "Harry is cold.", chain, semantics="owa")
    (wrong,) = [s for s in verification.steps if not s.valid]
    assert wrong.error is not None and wrong.error.error is Reason.NOT_ENTAILED and wrong.conclusion == "Harry is cold."


def test_a_negative_fact_that_holds_by_failure_is_a_cwa_step() -> None:
    context = "Bob is kind. If something is kind and not furry then it is red."
    chain = "Bob is kind. Bob is not furry. If something is kind and not furry then it is red. So Bob is red."
    closed = verify(context, "Bob is red.", chain, semantics="cwa")
    assert closed.valid and any(step.semantics is not None and step.semantics.value == "cwa" for step in closed.steps)
    assert verify(context, "Bob is red.", chain, semantics="owa").error_types == {Reason.NEEDS_STRONGER_SEMANTICS}


def test_the_api_takes_names_and_refuses_what_is_not_an_explanation() -> None:
    assert verify(THEORY, "Harry is furry.", FURRY, "cot", semantics="classical").valid
    with pytest.raises(ValueError, match="unknown semantics"):
        verify(THEORY, "Harry is furry.", FURRY, semantics="fuzzy")
    with pytest.raises(TypeError, match="not NoneType"):
        verify(THEORY, "Harry is furry.", None)  # type: ignore[arg-type]


def test_a_name_the_theory_never_mentions_is_in_the_closed_world_s_range() -> None:
    context = "Bob is big. If someone is not kind then they are red."
    proof = "Dave is not kind. If someone is not kind then they are red. So Dave is red. The answer is True."
    assert verify(context, "Dave is red.", proof, semantics="cwa").valid  # nothing says Dave is kind
    wrong = verify(context, "Dave is red.", "Dave is not red. The answer is False.", semantics="cwa")
    assert not wrong.valid and Reason.WRONG_ANSWER in wrong.error_types


def test_we_see_that_is_a_claim_not_narration() -> None:
    assert errors("Harry is furry.", "Harry is smart. Smart things are furry. Now we see that Harry is furry.") == []
    assert Reason.NOT_ENTAILED in errors("Harry is furry.", FURRY + " Now we see that Bob is red.")


def test_an_inconsistent_theory_s_answer_lines_are_not_held_to_a_label_no_answer_can_say() -> None:
    context = "Bob is big. Bob is not big. Bob is red."
    assert verify(context, "Bob is red.", "Bob is red. The answer is True.", semantics="owa").valid


@pytest.mark.parametrize(
    "claim",
    ["Let's check: Bob is not big.", "The question is easy because Bob is not red.", "Now we see that Bob is blue."],
)
def test_a_claim_behind_a_narrating_opening_is_still_checked(claim: str) -> None:
    context = "Bob is big. If someone is big then they are red."
    chain = "Bob is big. If someone is big then they are red. So Bob is red. " + claim
    assert not verify(context, "Bob is red.", chain, semantics="owa").valid


@pytest.mark.parametrize(
    "chain",
    [
        "a) Bob is big.\nb) If someone is big then they are red.\nc) So Bob is red.",
        "Bob is big (sent1). If someone is big then they are red (sent2). So Bob is red (from 1 and 2).",
        "Bob is big. If someone is big then they are red. So Bob is red. The answer is: True (A).",
        "Bob is big. If someone is big then they are red. So Bob is red. Final Answer: The statement is true.",
    ],
)
def test_lettered_lists_step_citations_and_more_answer_spellings(chain: str) -> None:
    assert verify("Bob is big. If someone is big then they are red.", "Bob is red.", chain, semantics="owa").valid
