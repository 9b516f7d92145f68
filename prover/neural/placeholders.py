"""Any vocabulary: a theory's words renamed to placeholders bound per theory, and the model's steps renamed back.

Two kinds of placeholder. A model trained over placeholders (a state model) reads slots, below. A model trained
on a recipe's own words (the shipped rule model) reads those words as its placeholders: a theory's word the
model was trained on, in the same role, stays itself, and every other word (`zorp`, `blicket`) is bound, per
theory, to a trained word of its role (an entity, an attribute, a relation) that the theory does not use
(`Renaming.onto`). Either way the model only sees words it knows, and its steps are renamed back.

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


@dataclass(frozen=True, slots=True)
class TrainedWords:
    """The words a model was trained on, by role: what its card's `words` lists (`proofloom train` writes it)."""

    entities: tuple[str, ...]
    attributes: tuple[str, ...]  # one-place predicates
    relations: tuple[str, ...]  # two-place predicates
    # The entities of each kind of theory, where training kept them apart (ProofWriter's people in theories of
    # attributes alone, its animals where relations are used); empty: any entity in either kind.
    attribute_theory_entities: tuple[str, ...] = ()
    relational_theory_entities: tuple[str, ...] = ()

    @classmethod
    def from_card(cls, card: Mapping[str, object]) -> TrainedWords | None:
        """The card's `words`, or None for a card without them (a model that reads slots, or an older card)."""
        words = card.get("words")
        if not isinstance(words, Mapping):
            return None
        names = ("entities", "attributes", "relations", "attribute_theory_entities", "relational_theory_entities")
        role = {name: tuple(str(w) for w in words.get(name, ())) for name in names}
        return cls(**role)

    def entities_for(self, relational: bool) -> tuple[str, ...]:
        """The entities the model saw in theories of this kind (with or without relations)."""
        kind = self.relational_theory_entities if relational else self.attribute_theory_entities
        return kind or self.entities


class VocabularyTooLarge(ProofloomError, ValueError):
    """A theory with more entities, predicates, rules or variables in one rule than the model has names for."""


@dataclass(frozen=True, slots=True)
class Renaming:
    """One theory's words to placeholders (`forward`) and back (`backward`); rule ids to `rule1`... and back."""

    forward: Mapping[str, str]
    backward: Mapping[str, str]
    rename_rules: bool = True  # rules under `rule1`... (False: under their own ids)

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
    def onto(cls, theory: Theory, statement: Literal, words: TrainedWords) -> Renaming:
        """Each word the model was not trained on in its role bound to a trained word of that role the theory does
        not use, drawn by a generator seeded with the question; trained words stay themselves, rule ids too.

        Entities are bound to those the model saw in theories of the same kind: a theory with relations gets
        the entities of relational training theories (ProofWriter's animals), one without gets the others (its
        people), so the model reads a bound theory as it read its own training data.

        A theory with more new words of a role than the model has spare (of either kind) leaves the rest as they
        are (the model cannot read them, as without binding): the renaming is still one-to-one, so its steps read
        back."""
        rng = random.Random("|".join([str(statement), *(f"{s.id}:{s.content}" for s in theory.sentences)]))
        arities = {**theory.predicates(), statement.atom.predicate: statement.atom.arity}
        entities = list(dict.fromkeys([*(str(c) for c in statement.atom.args), *(str(c) for c in theory.constants())]))
        used = {*entities, *arities}
        relational = any(n == 2 for n in arities.values())
        forward: dict[str, str] = {}
        roles = (
            (entities, words.entities, words.entities_for(relational)),
            ([p for p, n in arities.items() if n == 1], words.attributes, words.attributes),
            ([p for p, n in arities.items() if n == 2], words.relations, words.relations),
        )
        for names, trained, pool in roles:
            known = set(trained)
            spare = [w for w in pool if w not in used]
            rng.shuffle(spare)
            rest = [w for w in trained if w not in used and w not in spare]  # drawn once the kind's own run out
            rng.shuffle(rest)
            spare = rest + spare  # popped from the end: the kind's own first
            for name in names:
                if name in forward:  # a word in two roles keeps its first binding
                    continue
                forward[name] = name if name in known or not spare else spare.pop()
        for name in arities:
            forward.setdefault(name, name)  # three places and more: no trained word, kept
        return cls(forward, {slot: word for word, slot in forward.items()}, rename_rules=False)

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
                name = self.forward[sentence.id] if self.rename_rules else sentence.id
                sentences.append(Sentence(name, self.rule(content)))
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

    def state(self, state: ProofState, theory: Theory | None = None) -> ProofState:
        """What the model is shown: the whole state over placeholders (`theory`: the state's theory renamed
        already, as a caller asking round after round about one theory keeps it)."""
        derived = tuple(Derived(d.id, self.literal(d.literal)) for d in state.derived)
        rejected = tuple(Rejection(self.step(r.text), r.error) for r in state.rejected)
        refused = frozenset(self.step(text) for text in state.refused)
        shown = theory if theory is not None else self.theory(state.theory)
        return ProofState(shown, self.literal(state.statement), derived, rejected, refused, state.semantics)


def _fits(kind: str, words: Sequence[str], slots: Sequence[str]) -> None:
    if len(words) > len(slots):
        raise VocabularyTooLarge(f"the theory has {len(words)} {kind}; the step model has names for {len(slots)}")


def _words(conclusion: Literal, quoted: Sequence[Literal]) -> list[str]:
    return [w for lit in (conclusion, *quoted) for w in (lit.atom.predicate, *(str(a) for a in lit.atom.args))]
