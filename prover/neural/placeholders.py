"""Any vocabulary: a theory's words renamed to placeholders bound per theory, and the model's steps renamed back.

The step model never sees a theory's own words. Its entities become `c1`...`c24`, its predicates `p1`...`p48`,
its rules `rule1`...`ruleN` (in the theory's order) and each rule's variables `X`, `Y`, `Z` (in order of first
appearance), so a theory about `zorp` and `blicket` reads exactly as one about `bob` and `big` does: logic
depends on which words are the same, never on what they are. Which placeholder a word gets is drawn from a
random number generator the caller seeds: in training, every slot is used, so no slot means a word; at
inference, the draw is seeded by the question, so the same question is always renamed the same way.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from proofloom.errors import ProofloomError
from proofloom.logic.terms import Atom, Constant, Literal, Rule, Sentence, Term, Theory, Variable
from proofloom.prover.loop.step_model import Derived, ProofState, Rejection
from proofloom.prover.loop.step_text import parse_step, step_text

ENTITY_SLOTS = tuple(f"c{n}" for n in range(1, 25))
PREDICATE_SLOTS = tuple(f"p{n}" for n in range(1, 49))
RULE_NAMES = tuple(f"rule{n}" for n in range(1, 81))
VARIABLE_NAMES = ("X", "Y", "Z", "W", "V", "U")
SLOT_WORDS = (*ENTITY_SLOTS, *PREDICATE_SLOTS, *VARIABLE_NAMES)


class VocabularyTooLarge(ProofloomError, ValueError):
    """A theory with more entities, predicates, rules or variables in one rule than the model has names for."""


@dataclass(frozen=True, slots=True)
class Renaming:
    """One theory's words to placeholders (`forward`) and back (`backward`); rule ids to `rule1`... and back."""

    forward: Mapping[str, str]
    backward: Mapping[str, str]

    @classmethod
    def draw(cls, theory: Theory, statement: Literal, rng: random.Random) -> Renaming:
        """Placeholders for the theory's and the statement's words, drawn with `rng`; rules named in order."""
        entities = list(dict.fromkeys([*(str(c) for c in statement.atom.args), *(str(c) for c in theory.constants())]))
        predicates = list(dict.fromkeys([statement.atom.predicate, *theory.predicates()]))
        rules = [s.id for s in theory.rules]
        _fits("entities", entities, ENTITY_SLOTS)
        _fits("predicates", predicates, PREDICATE_SLOTS)
        _fits("rules", rules, RULE_NAMES)
        forward = dict(zip(entities, rng.sample(ENTITY_SLOTS, len(entities)), strict=True))
        forward.update(zip(predicates, rng.sample(PREDICATE_SLOTS, len(predicates)), strict=True))
        forward.update(zip(rules, RULE_NAMES, strict=False))
        return cls(forward, {slot: word for word, slot in forward.items()})

    @classmethod
    def for_question(cls, theory: Theory, statement: Literal) -> Renaming:
        """The renaming inference uses: drawn by a generator seeded with the question (same question, same names)."""
        seed = "|".join([str(statement), *(f"{s.id}:{s.content}" for s in theory.sentences)])
        return cls.draw(theory, statement, random.Random(seed))

    def literal(self, literal: Literal) -> Literal:
        args: tuple[Term, ...] = tuple(
            Constant(self.forward[a.name]) if isinstance(a, Constant) else a for a in literal.atom.args
        )
        return Literal(Atom(self.forward[literal.atom.predicate], args), literal.positive)

    def rule(self, rule: Rule) -> Rule:
        """The rule over placeholders, its variables renamed `X`, `Y`, ... in order of first appearance."""
        variables = rule.variables()
        if len(variables) > len(VARIABLE_NAMES):
            names = len(VARIABLE_NAMES)
            raise VocabularyTooLarge(f"a rule has {len(variables)} variables; the step model has names for {names}")
        canonical: dict[Term, Term] = {v: Variable(n) for v, n in zip(variables, VARIABLE_NAMES, strict=False)}

        def renamed(literal: Literal) -> Literal:
            args = tuple(canonical.get(a, a) for a in literal.atom.args)
            return self.literal(Literal(Atom(literal.atom.predicate, args), literal.positive))

        return Rule(tuple(renamed(c) for c in rule.conditions), renamed(rule.head))

    def theory(self, theory: Theory) -> Theory:
        """Facts and Horn rules over placeholders (rules under `rule1`...); other sentences are left out."""
        sentences: list[Sentence] = []
        for sentence in theory.sentences:
            content = sentence.content
            if isinstance(content, Literal):
                sentences.append(Sentence(sentence.id, self.literal(content)))
            elif isinstance(content, Rule):
                sentences.append(Sentence(self.forward[sentence.id], self.rule(content)))
        return Theory(tuple(sentences))

    def step(self, text: str) -> str:
        """A step written in the theory's words, in placeholders (unchanged if it does not read as a step)."""
        parsed = parse_step(text)
        if parsed is None or not all(w in self.forward for w in _words(parsed.conclusion, parsed.quoted)):
            return text
        ids = [self.forward.get(p, p) for p in parsed.premises]
        return step_text(ids, [self.literal(q) for q in parsed.quoted], self.literal(parsed.conclusion))

    def back(self, text: str) -> str:
        """A step the model wrote in placeholders, in the theory's own words and rule ids."""
        return " ".join(self.backward.get(word, word) for word in text.split())

    def state(self, state: ProofState) -> ProofState:
        """What the model is shown: the whole state over placeholders."""
        derived = tuple(Derived(d.id, self.literal(d.literal)) for d in state.derived)
        rejected = tuple(Rejection(self.step(r.text), r.error) for r in state.rejected)
        refused = frozenset(self.step(text) for text in state.refused)
        return ProofState(self.theory(state.theory), self.literal(state.statement), derived, rejected, refused)


def _fits(kind: str, words: Sequence[str], slots: Sequence[str]) -> None:
    if len(words) > len(slots):
        raise VocabularyTooLarge(f"the theory has {len(words)} {kind}; the step model has names for {len(slots)}")


def _words(conclusion: Literal, quoted: Sequence[Literal]) -> list[str]:
    return [w for lit in (conclusion, *quoted) for w in (lit.atom.predicate, *(str(a) for a in lit.atom.args))]
