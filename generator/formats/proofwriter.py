"""ProofWriter's `meta-*.jsonl`: one theory a line, with triples, rules and questions (write and read)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from proofloom.generator.example import Example, GeneratedQuestion
from proofloom.generator.formats.problems import proofwriter_theory, read_problems
from proofloom.logic.english import Lexicon, read_statement, render_sentence
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal, Rule, Theory, Variable
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.proof.proof_strings import from_proofwriter, to_proofwriter, to_proofwriter_with_intermediates
from proofloom.prover.proof.tree import EntailmentTree

ANSWERS = {Label.TRUE: True, Label.FALSE: False, Label.UNKNOWN: "Unknown"}
STRATEGIES = {Label.TRUE: "proof", Label.FALSE: "inv-proof", Label.UNKNOWN: "random"}


def _representation(literal: Literal, lexicon: Lexicon) -> str:
    """`("Bob" "is" "big" "+")` / `("cow" "chases" "dog" "-")`, as ProofWriter writes triples."""
    atom = literal.atom
    words = [_term(a, lexicon) for a in atom.args]
    sign = "+" if literal.positive else "-"
    if atom.arity == 1:
        return f'("{words[0]}" "is" "{atom.predicate}" "{sign}")'
    return f'("{words[0]}" "{atom.predicate}" "{words[1]}" "{sign}")'


def _term(term: object, lexicon: Lexicon) -> str:
    if isinstance(term, Variable):
        return "something"
    name = str(term)
    return name.capitalize() if name in lexicon.proper_nouns else name.replace("_", " ")


def _rule_representation(rule: Rule, lexicon: Lexicon) -> str:
    conditions = " ".join(_representation(c, lexicon) for c in rule.conditions)
    return f"(({conditions}) -> {_representation(rule.head, lexicon)})"


def to_meta(example: Example, lexicon: Lexicon) -> dict[str, Any]:
    """The example as a ProofWriter meta record."""
    theory = example.theory
    triples = {
        s.id: {"text": render_sentence(s.content, lexicon), "representation": _representation(s.content, lexicon)}
        for s in theory.facts
        if isinstance(s.content, Literal)
    }
    rules = {
        s.id: {"text": render_sentence(s.content, lexicon), "representation": _rule_representation(s.content, lexicon)}
        for s in theory.rules
        if isinstance(s.content, Rule)
    }
    questions = {f"Q{i}": _question(q, lexicon) for i, q in enumerate(example.questions, start=1)}
    depths = [q.depth for q in example.questions if q.depth is not None]
    return {
        "id": example.id,
        "maxD": max(depths, default=0),
        "NFact": len(triples),
        "NRule": len(rules),
        "theory": example.context,
        "triples": triples,
        "rules": rules,
        "questions": questions,
    }


def _question(question: GeneratedQuestion, lexicon: Lexicon) -> dict[str, Any]:
    with_intermediates = []
    for tree in question.proofs:
        representation, intermediates = to_proofwriter_with_intermediates(tree, lexicon)
        with_intermediates.append(
            {
                "representation": representation,
                "intermediates": {name: {"text": text} for name, text in intermediates.items()},
            }
        )
    return {
        "question": render_sentence(question.statement, lexicon),
        "answer": ANSWERS[question.label],
        "QDep": question.depth if question.depth is not None else question.target_depth,
        "QLen": min((t.size + len(t.sentence_ids()) for t in question.proofs), default=0),
        "strategy": STRATEGIES[question.label],
        "proofs": to_proofwriter(question.proofs) if question.proofs else "[]",
        "proofsWithIntermediates": with_intermediates,
    }


def write_meta(examples: list[Example], path: Path, lexicon: Lexicon) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for example in examples:
            stream.write(json.dumps(to_meta(example, lexicon)) + "\n")


def read_meta(path: Path) -> list[tuple[str, Theory, tuple[tuple[Literal, Label, int | None, tuple[Any, ...]], ...]]]:
    """(theory id, theory, questions as (statement, label, QDep, proofs)) for each line."""
    grouped: dict[str, tuple[Theory, list[tuple[Literal, Label, int | None, tuple[Any, ...]]]]] = {}
    for item in read_problems(path):
        if isinstance(item, BadRecord):
            raise ValueError(f"{item.where}: {item.message}")
        assert isinstance(item, Problem) and item.gold is not None
        theory_id = item.id.rsplit("_", 1)[0]
        proofs = _gold_trees(item)
        grouped.setdefault(theory_id, (item.theory, []))[1].append((item.statement, item.gold, item.gold_depth, proofs))
    return [(key, theory, tuple(questions)) for key, (theory, questions) in grouped.items()]


def _gold_trees(problem: Problem) -> tuple[EntailmentTree, ...]:
    """The proofs of a question read back: each written alone with its intermediates where the record has them
    (they say what inner steps conclude), else the plain proof string; each proves the statement or its negation."""
    statement = problem.statement
    proves = {Label.TRUE: statement, Label.FALSE: statement.negated()}.get(problem.gold or Label.UNKNOWN)
    if problem.gold_intermediates:
        return tuple(
            tree
            for representation, intermediates in problem.gold_intermediates
            for tree in from_proofwriter(f"[{representation}]", problem.theory, dict(intermediates), proves)
        )
    if problem.gold_proofs in (None, "[]"):
        return ()
    return from_proofwriter(problem.gold_proofs, problem.theory, proves=proves)


def to_meta_abduct(example: Example, lexicon: Lexicon) -> dict[str, Any]:
    """ProofWriter's meta-abduct layout: for each Unknown question, the single facts that would prove it.

    QDep is written as a string there (ProofWriter's own files do so): the depth of the near miss.
    """
    record = to_meta(example, lexicon)
    del record["questions"]
    record["abductions"] = {
        f"A{i}": {
            "question": render_sentence(q.statement, lexicon),
            "answers": [
                {"text": render_sentence(f, lexicon), "representation": _representation(f, lexicon)}
                for f in q.abductions
            ],
            "QDep": str(q.target_depth),
        }
        for i, q in enumerate((q for q in example.questions if q.label is Label.UNKNOWN), start=1)
    }
    return record


def write_meta_abduct(examples: list[Example], path: Path, lexicon: Lexicon) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for example in examples:
            stream.write(json.dumps(to_meta_abduct(example, lexicon)) + "\n")


def read_meta_abduct(path: Path) -> list[tuple[str, Theory, tuple[tuple[Literal, tuple[Literal, ...], int], ...]]]:
    """(theory id, theory, (statement, answers, QDep) for each abduction question) for each line."""
    rows = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                record = json.loads(line)
                theory = proofwriter_theory(record)
                questions = tuple(
                    (
                        read_statement(q["question"]),
                        tuple(read_statement(a["text"]) for a in q["answers"]),
                        int(q["QDep"]),
                    )
                    for q in record["abductions"].values()
                )
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{path}:{number}: not a meta-abduct record ({error})") from None
            rows.append((record["id"], theory, questions))
    return rows
