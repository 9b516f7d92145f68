"""What an explorer page shows, as plain JSON values: one item a question (or a verdict), the theories they share.

Each item carries its facets (the values the page's select boxes filter on; a list where an item has several),
a title, a label, its tree already drawn as SVG, and the index of its theory. The page itself only filters and
shows what is here, so everything a person sees was computed, and can be tested, in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from proofloom.generator.example import Example, GeneratedQuestion
from proofloom.logic.english import Lexicon, read_theory, render_sentence
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Literal, Rule, Theory
from proofloom.prover.proof.entailmentbank import to_entailmentbank
from proofloom.prover.proof.picture import gold_cards, node_names, tree_svg
from proofloom.prover.verification.render import leaf_text, verification_svg
from proofloom.prover.verification.verdicts import Verification


@dataclass(frozen=True, slots=True)
class Site:
    """A page's content: what it is about, its items and theories, and how many items the source held."""

    title: str
    kind: str  # "dataset" or "verdicts"
    source: str
    facets: tuple[str, ...]  # the select boxes, in order
    items: tuple[dict[str, Any], ...]
    theories: tuple[dict[str, Any], ...]
    total: int  # items in the source; more than len(items) when a limit cut the page short

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "source": self.source,
            "facets": list(self.facets),
            "items": list(self.items),
            "theories": list(self.theories),
            "total": self.total,
        }


DATASET_FACETS = ("depth", "label", "statement", "rules used")
VERDICT_FACETS = ("verdict", "reason", "steps")


def dataset_site(
    examples: Iterable[Example],
    title: str,
    source: str,
    lexicon: Lexicon | None = None,
    limit: int | None = None,
    total: int | None = None,
) -> Site:
    """Every question of the first `limit` examples, each with its shallowest gold tree drawn; `total` is how many
    questions the whole source holds (those shown, when not given), so the page can say what it left out."""
    items: list[dict[str, Any]] = []
    theories: list[dict[str, Any]] = []
    for example in examples:
        if limit is not None and len(theories) >= limit:
            break
        styled = _styled(example)
        theories.append(_theory_record(example.id, styled or example.theory, lexicon))
        items.extend(question_item(q, example.theory, styled, len(theories) - 1, lexicon) for q in example.questions)
    return Site(title, "dataset", source, DATASET_FACETS, tuple(items), tuple(theories), max(total or 0, len(items)))


def question_item(
    question: GeneratedQuestion, theory: Theory, styled: Theory | None, index: int, lexicon: Lexicon | None
) -> dict[str, Any]:
    """One question: facets, its statement and label, its gold tree drawn and written out, the sentences it uses."""
    tree = question.proofs[0] if question.proofs else None
    depth = question.depth if question.depth is not None else question.target_depth
    rules_used = (
        sorted({_rule_form(styled, theory, s) for s in tree.sentence_ids() if _is_rule(theory, s)}) if tree else []
    )
    item: dict[str, Any] = {
        "id": question.id,
        "theory": index,
        "title": render_sentence(question.statement, lexicon),
        "label": question.label.value,
        "facets": {
            "depth": str(depth),
            "label": question.label.value,
            "statement": statement_form(question.statement),
            "rules used": rules_used or ["none"],
        },
        "fields": [["depth", str(question.depth) if question.depth is not None else f"none (near miss at {depth})"]],
    }
    if tree is not None:
        cards, edges = gold_cards(tree, lexicon, styled)
        item["svg"] = tree_svg(cards, edges)
        item["used"] = sorted({n for n in node_names(tree).values() if n.startswith("sent")})
        if question.label is Label.FALSE:
            item["fields"].append(["the proof shows", render_sentence(question.statement.negated(), lexicon)])
        item["fields"].append(["gold proof", to_entailmentbank(tree, lexicon)])
        if len(question.proofs) > 1:
            item["fields"].append(["proofs", str(len(question.proofs))])
    else:
        item["note"] = "No proof: the statement is Unknown (a near miss of the depth shown)."
    return item


def statement_form(statement: Literal) -> str:
    """`attribute`, `negated attribute`, `relation` or `negated relation`."""
    shape = "attribute" if len(statement.atom.args) == 1 else "relation"
    return shape if statement.positive else f"negated {shape}"


def verdicts_site(
    verdicts: Iterable[tuple[str, Verification]], explanations: dict[str, dict[str, Any]], title: str, source: str
) -> Site:
    """Every verdict, its tree drawn with failing steps in red and their reasons; `explanations` (verify's input,
    by id) gives the context and statement where it is known."""
    items: list[dict[str, Any]] = []
    theories: list[dict[str, Any]] = []
    for record_id, verification in verdicts:
        given = explanations.get(record_id, {})
        theory = _read_context(given.get("context"))
        index = None
        if theory is not None:
            theories.append(_theory_record(record_id, theory, None))
            index = len(theories) - 1
        items.append(_verdict_item(record_id, verification, given, theory, index))
    return Site(title, "verdicts", source, VERDICT_FACETS, tuple(items), tuple(theories), len(items))


def _verdict_item(
    record_id: str, verification: Verification, given: dict[str, Any], theory: Theory | None, index: int | None
) -> dict[str, Any]:
    reasons = sorted({d.error.value for d in verification.errors})
    item: dict[str, Any] = {
        "id": record_id,
        "theory": index,
        "title": str(given.get("statement") or record_id),
        "label": "valid" if verification.valid else "invalid",
        "facets": {
            "verdict": "valid" if verification.valid else "invalid",
            "reason": reasons or ["none"],
            "steps": str(len(verification.steps)),
        },
        "problems": [_problem(d.to_json()) for d in verification.errors],
        "fields": [["explanation", str(given["explanation"])]] if "explanation" in given else [],
        "used": sorted({p for s in verification.steps for p in s.premises if p.startswith("sent")}),
    }
    if verification.steps:
        item["svg"] = verification_svg(verification, lambda label: leaf_text(label, theory))
    else:
        item["note"] = "No step could be read from this explanation."
    return item


def _problem(diagnosis: dict[str, Any]) -> dict[str, Any]:
    """A diagnosis as the page lists it: its type, step and message, the counter-model and repair in words."""
    details = []
    if diagnosis.get("counter_model"):
        details.append("counter-model: " + " ".join(diagnosis["counter_model"]))
    repair = diagnosis.get("repair")
    if repair:
        details.append("repair: add " + (repair.get("add_literal") or ", ".join(repair.get("add_sentences", []))))
    return {"type": diagnosis["type"], "step": diagnosis["step"], "message": diagnosis["message"], "details": details}


def _theory_record(record_id: str, theory: Theory, lexicon: Lexicon | None) -> dict[str, Any]:
    sentences = [[f"sent{n}", render_sentence(s.content, lexicon)] for n, s in enumerate(theory.sentences, start=1)]
    return {"id": record_id, "sentences": sentences}


def _styled(example: Example) -> Theory | None:
    """The theory as its English context reads (rules keep their templates), if it has the same sentences."""
    try:
        styled = read_theory(example.context)
    except ValueError:
        return None
    same = len(styled) == len(example.theory) and all(
        a.content == b.content for a, b in zip(styled.sentences, example.theory.sentences, strict=True)
    )
    return styled if same else None


def _read_context(context: object) -> Theory | None:
    if not isinstance(context, str):
        return None
    from proofloom.logic.files import theory_from_text

    try:
        return theory_from_text(context)
    except ValueError:
        return None


def _is_rule(theory: Theory, sentence_id: str) -> bool:
    return isinstance(theory[sentence_id].content, Rule)


def _rule_form(styled: Theory | None, theory: Theory, sentence_id: str) -> str:
    """The English template of a rule (`if`, `all`, `bare`, ...), where the context's reading kept it."""
    if styled is None:
        return "unknown"
    content = styled.sentences[theory.index_of(sentence_id) - 1].content
    style = content.style if isinstance(content, Rule) else None
    return style.form.value if style is not None else "if"
