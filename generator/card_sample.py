"""What the dataset card keeps of each theory in its sample: small values computed where the theory is made.

The card's audit and figures read a sample of the generated theories (every k-th, `dataset.AUDIT_SAMPLE`).
A worker that handed back whole `Example`s would pickle some 300 objects a theory, proofs and all, to a
driver that reads a few counts of each: at two workers that cost more than making the theories. So a worker
keeps a `SampledTheory`: the theory's id, context and sizes, which sentences are facts, and for each question
its id, statement, label and structural counts (`TheoryProfile`), the same numbers the audit computed from
the whole example before. The counts need no numpy, so a worker does not import it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from proofloom.generator.example import Example
from proofloom.logic.semantics import Label
from proofloom.logic.terms import Constant, Literal, Rule, Term, Theory

__all__ = ["AuditedQuestion", "SampledTheory", "TheoryProfile", "sampled", "sampled_all"]


@dataclass(frozen=True, slots=True)
class AuditedQuestion:
    """One question as the audit reads it: its label, its statement (for the bag of words and the polarity rule)
    and its structural counts (`audit_features.STRUCTURAL`, in order)."""

    id: str
    statement: Literal
    label: Label
    structural: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class SampledTheory:
    """One sampled theory as the card reads it: the audit's questions, the context (bag of words, sentence
    forms), its sizes, and whether each of its sentences is a fact (to pair with the context's sentences)."""

    id: str
    context: str
    facts: int
    rules: int
    sentence_is_fact: tuple[bool, ...]
    questions: tuple[AuditedQuestion, ...]


def sampled(example: Example) -> SampledTheory:
    """What the card keeps of `example`: one `TheoryProfile` read for each of its questions."""
    theory = example.theory
    profile = TheoryProfile(theory)
    questions = tuple(
        AuditedQuestion(q.id, q.statement, q.label, tuple(profile.features(q.statement))) for q in example.questions
    )
    kinds = tuple(isinstance(s.content, Literal) for s in theory.sentences)
    return SampledTheory(example.id, example.context, len(theory.facts), len(theory.rules), kinds, questions)


def sampled_all(examples: Iterable[Example | SampledTheory]) -> list[SampledTheory]:
    """Each of `examples` as the card keeps it (a `SampledTheory` is kept as it is)."""
    return [e if isinstance(e, SampledTheory) else sampled(e) for e in examples]


class TheoryProfile:
    """One theory's facts, rule heads and conditions grouped by predicate: each question's structural features
    are read from the few literals of its own predicate (a theory has some 70 literals, a question one or two)."""

    __slots__ = ("_groups", "_naming", "_totals")

    def __init__(self, theory: Theory) -> None:
        facts = [s.content for s in theory.facts if isinstance(s.content, Literal)]
        rules = [s.content for s in theory.rules if isinstance(s.content, Rule)]
        heads = [r.head for r in rules]
        conditions = [c for r in rules for c in r.conditions]
        self._totals = (
            float(len(facts)),
            float(len(rules)),
            float(len(theory.constants())),
            float(sum(not f.positive for f in facts)),
            float(sum(not h.positive for h in heads)),
            float(sum(not c.positive for c in conditions)),
        )
        self._groups = (_by_predicate(facts), _by_predicate(heads), _by_predicate(conditions))
        self._naming = (_naming(facts), _naming(heads))

    def features(self, statement: Literal) -> list[float]:
        """The counts named by `audit_features.STRUCTURAL` for `statement` (nothing that needs a proof)."""
        predicate, positive, args = statement.atom.predicate, statement.positive, statement.atom.args
        facts, heads, conditions = (group.get(predicate, ()) for group in self._groups)
        in_heads, in_conditions = bool(heads), bool(conditions)
        entity = args[0]
        facts_naming, heads_naming = self._naming
        naming = (facts_naming[entity.name], heads_naming[entity.name]) if entity.__class__ is Constant else (0, 0)
        return [
            float(not positive),
            float(len(args) == 2),
            *self._totals,
            *_polarities(facts, positive),
            float(naming[0]),
            *_polarities(heads, positive),
            *_polarities([h for h in heads if _fits(h, args)], positive),
            float(naming[1]),
            *_polarities(conditions, positive),
            *_polarities([c for c in conditions if _fits(c, args)], positive),
            float(in_heads and not in_conditions),
            float(in_conditions and not in_heads),
            float(in_heads and in_conditions),
            float(not in_heads and not in_conditions),
        ]


def _by_predicate(literals: list[Literal]) -> dict[str, list[Literal]]:
    grouped: dict[str, list[Literal]] = {}
    for literal in literals:
        grouped.setdefault(literal.atom.predicate, []).append(literal)
    return grouped


def _naming(literals: list[Literal]) -> Counter[str]:
    """How many of `literals` name each constant (by its name) among their arguments."""
    named: Counter[str] = Counter()
    for literal in literals:
        args = literal.atom.args
        if len(args) == 1:  # most literals: no set to build
            if args[0].__class__ is Constant:
                named[args[0].name] += 1
        else:
            for name in {a.name for a in args if a.__class__ is Constant}:
                named[name] += 1
    return named


def _polarities(literals: Iterable[Literal], positive: bool) -> tuple[float, float]:
    """How many of `literals` (of the statement's predicate) have its polarity, and how many the opposite."""
    same = opposite = 0
    for literal in literals:
        if literal.positive == positive:
            same += 1
        else:
            opposite += 1
    return float(same), float(opposite)


def _fits(literal: Literal, args: tuple[Term, ...]) -> bool:
    """The statement's constants (or variables) in the literal's constant places."""
    return all(not isinstance(a, Constant) or a == b for a, b in zip(literal.atom.args, args, strict=False))
