"""ProofWriter's `meta-*.jsonl` and `meta-abduct-*.jsonl`: one theory a line, with its triples, rules and
questions, or with what would prove its Unknown questions (each written and read).

The meta reader streams one `Problem` per question, keeping the theory's `tripleN`/`ruleN` ids and its
gold proofs; a record that cannot be read is a `BadRecord`, so a batch goes on past it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from proofloom.errors import ProofloomError
from proofloom.generator.example import Example, GeneratedQuestion
from proofloom.generator.formats.context import sentence_texts
from proofloom.generator.formats.reading import MALFORMED, Unparsed, json_lines, malformed, record_id
from proofloom.logic.english import Lexicon, read_sentence, read_statement, render_sentence, split_sentences
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Content, Literal, Rule, Sentence, Term, Theory, Variable
from proofloom.prover.problem import BadRecord, Problem
from proofloom.prover.proof.proof_strings import from_proofwriter, to_proofwriter, to_proofwriter_with_intermediates
from proofloom.prover.proof.tree import EntailmentTree

ANSWERS = {Label.TRUE: True, Label.FALSE: False, Label.UNKNOWN: "Unknown"}
STRATEGIES = {Label.TRUE: "proof", Label.FALSE: "inv-proof", Label.UNKNOWN: "random"}


def _representation(literal: Literal, lexicon: Lexicon, words: dict[str, str]) -> str:
    """`("Bob" "is" "big" "+")` / `("cow" "chases" "dog" "-")`, as ProofWriter writes triples (`words`: each
    constant's word so far, by name: a theory says its few entities again and again)."""
    atom = literal.atom
    args = atom.args
    sign = "+" if literal.positive else "-"
    first = _term(args[0], lexicon, words)
    if len(args) == 1:
        return f'("{first}" "is" "{atom.predicate}" "{sign}")'
    return f'("{first}" "{atom.predicate}" "{_term(args[1], lexicon, words)}" "{sign}")'


def _term(term: Term, lexicon: Lexicon, words: dict[str, str]) -> str:
    if term.__class__ is Variable:
        return "something"
    name = term.name
    word = words.get(name)
    if word is None:
        word = words[name] = name.capitalize() if name in lexicon.proper_nouns else name.replace("_", " ")
    return word


def _rule_representation(rule: Rule, lexicon: Lexicon, words: dict[str, str]) -> str:
    conditions = " ".join([_representation(c, lexicon, words) for c in rule.conditions])
    return f"(({conditions}) -> {_representation(rule.head, lexicon, words)})"


def to_meta(example: Example, lexicon: Lexicon) -> dict[str, Any]:
    """The example as a ProofWriter meta record."""
    theory = example.theory
    texts = sentence_texts(example, lexicon)  # as the context says them
    words: dict[str, str] = {}
    triples = {
        s.id: {"text": texts[s.id], "representation": _representation(s.content, lexicon, words)}
        for s in theory.facts
        if isinstance(s.content, Literal)
    }
    rules = {
        s.id: {"text": texts[s.id], "representation": _rule_representation(s.content, lexicon, words)}
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


def read_meta_problems(path: Path) -> Iterator[Problem | BadRecord]:
    """Every question of a meta file, in order, as a Problem with id `{theory id}_{question id}`."""
    for line_number, record in json_lines(path):
        yield from _meta_record(record, f"{path}:{line_number}")


def _meta_record(record: Any, where: str) -> Iterator[Problem | BadRecord]:
    theory_id = record_id(record, where)
    if isinstance(record, Unparsed):
        yield BadRecord(theory_id, where, record.message)
        return
    try:
        theory = proofwriter_theory(record)
        questions = record["questions"].items()
    except MALFORMED as error:
        yield BadRecord(theory_id, where, malformed(error))
        return
    except ProofloomError as error:
        yield BadRecord(theory_id, where, str(error))
        return
    for question_id, question in questions:
        problem_id = f"{theory_id}_{question_id}"
        try:
            yield _meta_question(problem_id, theory, question, record.get("theory", ""), where)
        except (*MALFORMED, ValueError) as error:
            yield BadRecord(problem_id, where, str(error) if isinstance(error, ProofloomError) else malformed(error))


def proofwriter_theory(record: dict[str, Any]) -> Theory:
    """A meta record's theory, keeping its `tripleN`/`ruleN` ids, in the order of its `theory` text."""
    texts = {key: value["text"] for key, value in {**record["triples"], **record["rules"]}.items()}
    contents: dict[str, Content] = {key: read_sentence(text, i) for i, (key, text) in enumerate(texts.items(), 1)}
    by_text = {text: key for key, text in texts.items()}
    order = [by_text.get(s) for s in split_sentences(record.get("theory", ""))]
    if sorted(k for k in order if k) != sorted(texts) or len(set(order)) != len(order):
        order = list(texts)  # the text does not list each sentence once: keep triples, then rules
    return Theory(tuple(Sentence(key, contents[key]) for key in order if key))


def _meta_question(problem_id: str, theory: Theory, question: dict[str, Any], context: str, where: str) -> Problem:
    """One question of a meta record: gold label (a boolean or `Unknown`), depth, proofs as written."""
    answer = question.get("answer")
    gold = {True: Label.TRUE, False: Label.FALSE}.get(answer) if isinstance(answer, bool) else None
    if gold is None and answer is not None:
        gold = Label.parse(str(answer))
    depth = question.get("QDep")
    gold_depth = int(depth) if depth not in (None, "") else None  # meta-abduct files write QDep as a string
    written = tuple(
        (str(proof["representation"]), tuple((key, str(said["text"])) for key, said in proof["intermediates"].items()))
        for proof in question.get("proofsWithIntermediates") or ()
    )
    statement = read_statement(question["question"])
    return Problem(
        problem_id, theory, statement, gold, gold_depth, question.get("proofs"), written, context, where=where
    )


class MetaQuestion(NamedTuple):
    """A meta record's question read back: its gold label, `QDep` and proofs."""

    statement: Literal
    label: Label
    depth: int | None
    proofs: tuple[EntailmentTree, ...]


class MetaTheory(NamedTuple):
    """A meta record read back: the theory and its questions."""

    id: str
    theory: Theory
    questions: tuple[MetaQuestion, ...]


def read_meta(path: Path) -> list[MetaTheory]:
    """Each line's theory and questions, the proofs as trees; a bad record is a ValueError naming it."""
    grouped: dict[str, tuple[Theory, list[MetaQuestion]]] = {}
    for item in read_meta_problems(path):
        if isinstance(item, BadRecord):
            raise ValueError(f"{item.where}: {item.message}")
        if item.gold is None:
            raise ValueError(f"{item.id}: the question has no answer")
        question = MetaQuestion(item.statement, item.gold, item.gold_depth, proofwriter_gold_trees(item))
        grouped.setdefault(item.id.rsplit("_", 1)[0], (item.theory, []))[1].append(question)
    return [MetaTheory(key, theory, tuple(questions)) for key, (theory, questions) in grouped.items()]


def proofwriter_gold_trees(problem: Problem) -> tuple[EntailmentTree, ...]:
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
                {"text": render_sentence(f, lexicon), "representation": _representation(f, lexicon, {})}
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


class AbductQuestion(NamedTuple):
    """An Unknown question of a meta-abduct record: the single facts that would prove it, and the near miss's depth."""

    statement: Literal
    answers: tuple[Literal, ...]
    depth: int


class AbductTheory(NamedTuple):
    """A meta-abduct record read back."""

    id: str
    theory: Theory
    questions: tuple[AbductQuestion, ...]


def read_meta_abduct(path: Path) -> list[AbductTheory]:
    """Each line's theory and abduction questions; a bad line is a ValueError naming it."""
    rows = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                record = json.loads(line)
                theory = proofwriter_theory(record)
                questions = tuple(
                    AbductQuestion(
                        read_statement(q["question"]),
                        tuple(read_statement(a["text"]) for a in q["answers"]),
                        int(q["QDep"]),
                    )
                    for q in record["abductions"].values()
                )
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{path}:{number}: not a meta-abduct record ({error})") from None
            rows.append(AbductTheory(record["id"], theory, questions))
    return rows
