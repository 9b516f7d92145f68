"""The verifier: every gold proof accepted, every mutation rejected for the right reason, diagnoses useful."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.proof.explanation import ExplanationFormat, to_chain_of_thought
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.batch import VerifySummary, verify_file
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.render import render_html
from proofloom.prover.verification.verdicts import ErrorType
from proofloom.prover.verification.verifier import Verifier, verify
from tests.conftest import statement_of
from tests.prover.mutations import variants

CONTEXT = (
    "Bob is big. If something is big then it is red. Red things are round. Bob is kind. "
    "If something is round and kind then it is nice."
)


def test_mutations_of_real_gold_proofs(dev_records: list[dict[str, Any]]) -> None:
    outcomes: Counter[tuple[str, bool]] = Counter()
    for record in dev_records:
        theory = read_theory(record["context"])
        answer = Reasoner(theory).answer(read_statement(statement_of(record)))
        if answer.proof is None:
            continue
        verifier = Verifier(theory)
        for variant in variants(answer.proof):
            verification = verifier.verify(variant.statement, variant.explanation)
            if variant.expected is None:
                right = verification.valid
            else:
                right = verification.error_types == {variant.expected}
            assert right, (record["id"], variant.kind, variant.explanation, verification.to_json())
            outcomes[(variant.kind, right)] += 1
    kinds = {kind for kind, _ in outcomes}
    assert len(kinds) == 15, kinds
    assert all(outcomes[(kind, True)] >= 20 for kind in kinds), outcomes


def test_two_lines_of_python() -> None:
    report = verify(CONTEXT, "Bob is round.", "sent1 & sent2 -> int1: Bob is red.; int1 & sent3 -> hypothesis;")
    assert report.valid and [s.valid for s in report.steps] == [True, True]


def test_not_entailed_comes_with_counter_model_and_sentence_repair() -> None:
    report = verify(CONTEXT, "Bob is nice.", "sent1 & sent2 -> int1: Bob is red.; int1 & sent4 & sent5 -> hypothesis;")
    (error,) = report.errors
    assert (error.error, error.step) == (ErrorType.NOT_ENTAILED, 2)
    model = {str(literal) for literal in error.counter_model}
    assert {"red(bob)", "kind(bob)", "~nice(bob)", "~round(bob)"} <= model
    # named as the explanation names the context (its third sentence), never by the theory's own `rule2`
    assert error.repair is not None and error.repair.sentences == ("sent3",)
    assert "would follow with theory sentence(s) sent3 ('Red things are round.')" in error.message
    assert "rule2" not in json.dumps(error.to_json())


def test_repairs_and_errors_name_the_inputs_own_ids() -> None:
    """EntailmentBank's `sentN` and FLD's `factN` get their own names back, and a chain of thought, which names
    no sentence, the context's places. (A ProofWriter string names the rule it applies, so its steps never need a
    repair; its labels are the theory's ids.)"""
    explanations = {
        "sent1 & sent2 -> int1: Bob is red.; int1 & sent4 & sent5 -> hypothesis;": ("sent3",),
        "fact1 & fact2 -> int1: Bob is red.; int1 & fact4 & fact5 -> hypothesis;": ("fact3",),
        (
            "Bob is big. If something is big then it is red. So Bob is red. Bob is kind. "
            "If something is round and kind then it is nice. So Bob is nice."
        ): ("sent3",),
    }
    for explanation, repair in explanations.items():
        (error,) = verify(CONTEXT, "Bob is nice.", explanation).errors
        assert error.repair is not None and error.repair.sentences == repair, (explanation, error.to_json())
        assert f"would follow with theory sentence(s) {repair[0]} ('Red things are round.')" in error.message
    (unknown,) = verify(CONTEXT, "Bob is red.", "fact1 & fact9 -> hypothesis;").errors
    assert unknown.error is ErrorType.UNKNOWN_PREMISE and "fact9" in unknown.message


def test_fld_fact_ids_read_as_sentence_ids() -> None:
    proof = (
        "fact1 & fact2 -> int1: Bob is red.; int1 & fact3 -> int2: Bob is round.; int2 & fact4 & fact5 -> hypothesis;"
    )
    report = verify(CONTEXT, "Bob is nice.", proof)
    assert report.valid, report.to_json()
    assert report.to_json() == verify(CONTEXT, "Bob is nice.", proof.replace("fact", "sent")).to_json() | {
        "steps": [
            {**step, "premises": [p.replace("sent", "fact") for p in step["premises"]]}
            for step in verify(CONTEXT, "Bob is nice.", proof.replace("fact", "sent")).to_json()["steps"]
        ]
    }
    own = "fact1: big(bob).  fact2: big(X) -> red(X)."  # a theory whose own ids are factN: the id, not the place
    assert verify(own, "red(bob)", "fact1 & fact2 -> hypothesis;").valid


@pytest.mark.parametrize(
    "written",
    [
        "[(((triple1) -> rule1))]",
        "(((triple1) -> rule1))",
        "  (((triple1) -> rule1))  ",
        "[(triple2) OR (((triple1) -> rule1))]",
    ],
)
def test_proofwriter_strings_read_with_or_without_their_outer_brackets(written: str) -> None:
    theory = "Bob is big. If something is big then it is red. Bob is red."
    report = verify(theory, "Bob is red.", written)
    assert report.valid, report.to_json()
    assert ExplanationFormat.detect(written) is ExplanationFormat.PROOFWRITER


def test_repair_can_be_one_new_literal() -> None:
    report = verify("If something is big then it is red.", "Bob is red.", "sent1 -> hypothesis;")
    (error,) = report.errors
    assert error.repair is not None and error.repair.literal == parse_literal("big(bob)")


def test_multi_hop_and_classical_steps_are_flagged() -> None:
    multi = verify(CONTEXT, "Bob is round.", "sent1 & sent2 & sent3 -> hypothesis;")
    assert multi.valid and multi.steps[0].multi_hop and multi.steps[0].semantics is Semantics.OWA
    contrapositive = verify(
        "Charlie is not kind. If something is smart then it is kind.",
        "Charlie is not smart.",
        "sent1 & sent2 -> hypothesis;",
    )
    assert contrapositive.valid and contrapositive.steps[0].semantics is Semantics.CLASSICAL
    for semantics in (Semantics.OWA, Semantics.CWA):  # valid classically, not in ProofWriter's worlds
        (error,) = verify(
            "Charlie is not kind. If something is smart then it is kind.",
            "Charlie is not smart.",
            "sent1 & sent2 -> hypothesis;",
            semantics=semantics,
        ).errors
        assert error.error is ErrorType.NEEDS_STRONGER_SEMANTICS and "needs classical" in error.message


def test_closed_world_assumptions_are_checked() -> None:
    theory = parse_theory("chases(cat, dog). quiet(cat). chases(X, dog), ~smart(X) -> furry(dog).")
    assert Reasoner(theory, Semantics.CWA).answer(parse_literal("furry(dog)")).label is Label.TRUE
    naf = "sent1 & naf(The cat is not smart.) & sent3 -> hypothesis;"
    good = verify(theory, "furry(dog)", naf, semantics=Semantics.CWA)
    assert good.valid and good.steps[0].semantics is Semantics.CWA
    bad = verify(
        theory, "furry(dog)", "sent1 & naf(The cat is not quiet.) & sent3 -> hypothesis;", semantics=Semantics.CWA
    )
    assert ErrorType.UNGROUNDED_PREMISE in bad.error_types
    proofwriter = verify(theory, "furry(dog)", "[(((triple1 NAF) -> rule1))]", semantics=Semantics.CWA)
    assert proofwriter.valid
    for semantics in (Semantics.CLASSICAL, Semantics.OWA):  # neither assumes by failure
        (error,) = verify(theory, "furry(dog)", naf, semantics=semantics).errors
        assert error.error is ErrorType.NEEDS_STRONGER_SEMANTICS and "needs cwa" in error.message


def test_the_statement_itself_is_a_proof() -> None:
    for explanation in ("sent4 -> hypothesis;", "[(triple2)]", "Bob is kind."):
        assert verify(CONTEXT, "Bob is kind.", explanation).valid, explanation
    assert verify(CONTEXT, "Bob is big.", "[(triple2)]").error_types == {ErrorType.WRONG_CONCLUSION}


@pytest.mark.parametrize(
    ("explanation", "error"),
    [
        ("", ErrorType.UNPARSEABLE),
        ("sent1 & -> hypothesis;", ErrorType.UNPARSEABLE),
        ("[(((triple1) -> rule1)", ErrorType.UNPARSEABLE),
        ("sent1 & sent2 -> int1: Bob is a red dog.; int1 & sent3 -> hypothesis;", ErrorType.UNPARSEABLE),
        (
            "sent1 & sent2 -> int1: Bob is red.; sent1 & sent2 -> int1: Bob is red.; int1 & sent3 -> hypothesis;",
            ErrorType.DUPLICATE_INTERMEDIATE,
        ),
        ("sent1 & sent2 -> int1: Bob is red.", ErrorType.WRONG_CONCLUSION),
        ("Bob is big. So Bob is red.", ErrorType.NOT_ENTAILED),
        ("[(((triple1) -> triple2))]", ErrorType.UNKNOWN_PREMISE),
    ],
)
def test_each_error_type(explanation: str, error: ErrorType) -> None:
    report = verify(CONTEXT, "Bob is round.", explanation)
    assert error in report.error_types and not report.valid


def test_formats_can_be_named() -> None:
    chain = "Bob is big. If something is big then it is red. So Bob is red."
    assert verify(CONTEXT, "Bob is red.", chain, ExplanationFormat.CHAIN_OF_THOUGHT).valid
    assert not verify(CONTEXT, "Bob is red.", chain, ExplanationFormat.ENTAILMENTBANK).valid


def test_chain_of_thought_writer_reads_back() -> None:
    theory = read_theory(CONTEXT)
    tree = Reasoner(theory).answer(parse_literal("nice(bob)")).proof
    assert tree is not None
    text = to_chain_of_thought(tree)
    assert text.startswith("Bob is big. If something is big then it is red. So Bob is red.")
    assert verify(theory, "Bob is nice.", text).valid


def test_picture_marks_valid_and_failing_steps(tmp_path: Path) -> None:
    theory = read_theory(CONTEXT)
    report = verify(theory, "Bob is nice.", "sent1 & sent2 -> int1: Bob is red.; int1 & sent4 & sent5 -> hypothesis;")
    page = render_html(report, theory)
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert page.count("#059669") >= 1 and page.count("#dc2626") >= 1  # a green step and a red one
    assert "not_entailed" in page and "Bob is red." in page


def test_a_batch_summary_counts_reasons_and_prints_their_words(tmp_path: Path) -> None:
    context = "Bob is big. All big things are red."
    lines = [
        {"id": "good", "context": context, "statement": "Bob is red.", "explanation": "sent1 & sent2 -> hypothesis;"},
        {"id": "bad", "context": context, "statement": "Bob is red.", "explanation": "sent9 & sent2 -> hypothesis;"},
        {"id": "weak", "context": context, "statement": "Bob is red.", "explanation": "sent1 -> hypothesis;"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + "not json\n", encoding="utf-8")
    summary = VerifySummary()
    assert [r.id for r in verify_file(path, summary)] == ["good", "bad", "weak", f"{path}:4"]
    assert summary.errors == Counter({Reason.UNKNOWN_PREMISE: 1, Reason.NOT_ENTAILED: 1, Reason.UNPARSEABLE: 1})
    assert summary.line() == (
        "verified 4 explanations (3 steps): 1 valid (25.00%); errors: not_entailed 1, unknown_premise 1, unparseable 1"
    )


@pytest.mark.parametrize("relation", ["see", "fezoolorv", "friend_of"])
def test_a_dsl_theory_s_own_proof_written_in_english_verifies_whatever_its_relations_are_named(relation: str) -> None:
    # English writes `does not see` and reads it as `sees`; the theory's relation is `see`
    theory = parse_theory(f"big(cat). big(X) -> ~{relation}(X, dog). ~{relation}(X, dog) -> red(X).")
    answer = Reasoner(theory).answer(parse_literal("red(cat)"))
    assert answer.proof is not None
    for explanation_format in (ExplanationFormat.ENTAILMENTBANK, ExplanationFormat.CHAIN_OF_THOUGHT):
        written = (
            to_entailmentbank(answer.proof)
            if explanation_format is ExplanationFormat.ENTAILMENTBANK
            else to_chain_of_thought(answer.proof)
        )
        verification = Verifier(theory).verify(parse_literal("red(cat)"), written, explanation_format)
        assert verification.valid, (explanation_format, written)
    wrong = "sent1 & sent2 -> int1: The cat does not see the bear.; int1 & sent3 -> hypothesis;"
    assert not Verifier(theory).verify(parse_literal("red(cat)"), wrong).valid  # still read, and still checked
