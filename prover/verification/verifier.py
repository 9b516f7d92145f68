"""The verifier: check anybody's explanation against a theory, step by step, with Z3.

Grounding (every premise is a theory sentence, an earlier conclusion or a NAF assumption that holds),
structure (no cycles, intermediates concluded once and before use, the end is the statement), and
each step's entailment under the semantics asked (`step_check.check_step`, the loop's check too). A
failure gets a typed diagnosis; a step that does not follow gets a counter-model and a repair.
By default steps are read classically, as a logician would: a contrapositive step is valid, a step
resting on negation as failure needs `Semantics.CWA`.

    >>> from proofloom.prover.verification.verifier import verify
    >>> verify("Bob is big. All big things are red.", "Bob is red.", "sent1 & sent2 -> hypothesis;").valid
    True
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from proofloom.errors import LogicError
from proofloom.limits import LIMITS
from proofloom.logic.english import Lexicon, lexicon_of, render_sentence
from proofloom.logic.files import statement_from_text, theory_from_text
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Constant, Content, DisjunctiveRule, Literal, Rule, Theory, Variable
from proofloom.logic.z3_encoding import ClausePool, StepSolver
from proofloom.prover.proof.entailmentbank import HYPOTHESIS, sentence_position
from proofloom.prover.proof.explanation import (
    ClaimedStep,
    Explanation,
    ExplanationFormat,
    ExplanationSyntaxError,
    Premise,
    PremiseKind,
    parse_explanation,
)
from proofloom.prover.proof.proof_strings import conclude
from proofloom.prover.proof.tree import TreeError
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.repair import describe, find_repair, labelled
from proofloom.prover.verification.step_check import StepPremises, check_step
from proofloom.prover.verification.theory_words import explanation_in, literal_in, relation_spellings
from proofloom.prover.verification.verdicts import Diagnosis, StepVerdict, Verification


def verify(
    theory: Theory | str,
    statement: Literal | str,
    explanation: str | Explanation,
    explanation_format: ExplanationFormat | str | None = None,
    *,
    semantics: Semantics | str = Semantics.CLASSICAL,
) -> Verification:
    """Check `explanation` as a proof of `statement` from `theory` (each given as logic or as text),
    every step under `semantics` (a `Semantics` or its name: "owa", "cwa", "classical")."""
    if isinstance(semantics, str):
        semantics = Semantics.parse(semantics)
    if isinstance(explanation_format, str):
        explanation_format = ExplanationFormat(explanation_format)
    if not isinstance(explanation, str | Explanation):
        raise TypeError(f"explanation: text or an Explanation, not {type(explanation).__name__}")
    if isinstance(theory, Theory):
        verifier = Verifier(theory, semantics=semantics)
    else:
        verifier = Verifier(theory_from_text(theory), semantics=semantics, lexicon=lexicon_of(theory))
    parsed = statement if isinstance(statement, Literal) else statement_from_text(statement)
    return verifier.verify(parsed, explanation, explanation_format)


# literals, each argument (0, place) for a variable, (1, name) for a constant: orders compare, whatever mix
_Shape = tuple[tuple[str, tuple[tuple[int, int] | tuple[int, str], ...], bool], ...]


def _canonical(content: Content) -> Literal | tuple[str, _Shape, _Shape]:
    """Rules compared up to the names of their variables and the order of their conditions (a conjunction's
    order is not part of its meaning: `Round, blue things are not red.` quotes `Blue, round things ...`): a
    rule as its kind, conditions and heads, each variable written as its place of first use, over the order of
    conditions that gives the least such form (every order tried, up to `_ORDERS_TRIED` conditions)."""
    if isinstance(content, Literal):
        return content
    kind = "or" if isinstance(content, DisjunctiveRule) else "rule"
    heads = content.heads if isinstance(content, DisjunctiveRule) else (content.head,)
    conditions = content.conditions
    orders = itertools.permutations(conditions) if len(conditions) <= _ORDERS_TRIED else [conditions]
    return min((kind, *_shapes(order, heads)) for order in orders)


_ORDERS_TRIED = 5  # 120 orders: rules of real data have at most four conditions


def _shapes(conditions: tuple[Literal, ...], heads: tuple[Literal, ...]) -> tuple[_Shape, _Shape]:
    """Conditions and heads with each variable written as its place of first use in `conditions`."""
    places: dict[str, int] = {}
    for condition in conditions:
        for arg in condition.atom.args:
            if isinstance(arg, Variable):
                places.setdefault(arg.name, len(places))

    def shape(literals: Sequence[Literal]) -> _Shape:
        return tuple(
            (
                c.atom.predicate,
                tuple((0, places[a.name]) if isinstance(a, Variable) else (1, a.name) for a in c.atom.args),
                c.positive,
            )
            for c in literals
        )

    return shape(conditions), tuple(sorted(shape(heads)))


# Verdicts a verifier keeps for explanations it may be given again, and answers to which sentence states a
# content; past this many each starts afresh.
VERIFICATIONS_KEPT = 256
CONTENTS_KEPT = 4096


class Verifier:
    """Verifies explanations against one theory under one semantics, reusing one incremental Z3 solver
    across steps and calls: `pool`'s, shared with other verifiers (a batch), or one of its own."""

    def __init__(
        self,
        theory: Theory,
        timeout_ms: int = LIMITS.z3_timeout_ms,
        pool: ClausePool | None = None,
        *,
        semantics: Semantics = Semantics.CLASSICAL,
        lexicon: Lexicon | None = None,
    ) -> None:
        theory.check_limits()
        self.lexicon = lexicon or Lexicon()  # how verdicts write the theory's words back
        self.theory = theory
        self.timeout_ms = timeout_ms
        self.semantics = semantics
        self.pool = pool or ClausePool(timeout_ms)
        self._by_content: dict[Literal | tuple[str, _Shape, _Shape], str] | None = None  # built when first needed
        self._sentence_of: dict[Content, str | None] = {}  # `sentence_for`'s answers
        self._solvers: dict[tuple[Constant, ...], StepSolver] = {}
        self._constants = theory.constants()  # computed once: every verification needs them
        self._closed_world: Reasoner | None = None
        self._answers: Reasoner | None = None  # `label_of`'s, under this verifier's semantics
        self._nouns = frozenset(p for p, arity in theory.predicates().items() if arity == 1)
        self._names = frozenset(c.name for c in self._constants if c.name in self.lexicon.proper_nouns)
        self._verified: dict[tuple[Literal, str, ExplanationFormat | None], Verification] = {}
        self._spellings = relation_spellings(theory)  # English's names for relations the DSL named otherwise

    def solver(self, extra: Sequence[Literal]) -> StepSolver:
        """The solver grounded over the theory's constants and any new ones the explanation mentions."""
        constants = self._constants + tuple(
            dict.fromkeys(c for literal in extra for c in literal.atom.constants() if c not in self._constants)
        )
        if constants not in self._solvers:
            self._solvers[constants] = StepSolver(self.theory, constants, self.timeout_ms, self.pool)
        return self._solvers[constants]

    def verify(
        self, statement: Literal, explanation: str | Explanation, explanation_format: ExplanationFormat | None = None
    ) -> Verification:
        """Every step checked; every failure diagnosed. An explanation given as text that this verifier has
        verified before (a file repeats records) gets the verdict it got then, unless Z3 left a check of it
        undecided (in time, it may decide)."""
        key = (statement, explanation, explanation_format) if isinstance(explanation, str) else None
        if key is not None:
            found = self._verified.get(key)
            if found is not None:
                return found
        undecided = self.pool.undecided
        verification = self._verify(statement, explanation, explanation_format)
        if key is not None and self.pool.undecided == undecided:
            if len(self._verified) >= VERIFICATIONS_KEPT:
                self._verified.clear()
            self._verified[key] = verification
        return verification

    def _verify(
        self, statement: Literal, explanation: str | Explanation, explanation_format: ExplanationFormat | None
    ) -> Verification:
        try:
            parsed = (
                explanation
                if isinstance(explanation, Explanation)
                else parse_explanation(explanation, explanation_format, self._nouns, self._names)
            )
        except ExplanationSyntaxError as error:
            return Verification((), (Diagnosis(Reason.UNPARSEABLE, str(error)),))
        if self._spellings:
            parsed, statement = explanation_in(parsed, self._spellings), literal_in(statement, self._spellings)
        return _Run(self, statement, parsed).run()

    def sentence_for(self, content: Content) -> str | None:
        """The id of the theory sentence with this logic, if any (an answer kept for the content asked, as
        renaming a rule's variables costs more than looking it up: a chain of thought quotes sentences often)."""
        if content in self._sentence_of:
            return self._sentence_of[content]
        if self._by_content is None:
            self._by_content = {}
            for sentence in self.theory.sentences:
                self._by_content.setdefault(_canonical(sentence.content), sentence.id)
        found = self._by_content.get(_canonical(content))
        if len(self._sentence_of) >= CONTENTS_KEPT:
            self._sentence_of.clear()
        self._sentence_of[content] = found
        return found

    def label_of(self, statement: Literal) -> Label | None:
        """The statement's label under this verifier's semantics (None where the theory has none there: an
        unstratified or negated-fact theory under cwa, a disjunction outside classical), for answer lines."""
        if self._answers is None:
            self._answers = Reasoner(self.theory, self.semantics)
        try:
            return self._answers.answer(statement).label
        except LogicError:
            return None

    def holds_by_failure(self, literal: Literal) -> bool:
        """Under the closed world, does this negative literal hold (its atom is not derivable)?"""
        if self._closed_world is None:
            self._closed_world = Reasoner(self.theory, Semantics.CWA)
        try:
            return not literal.positive and self._closed_world.answer(literal).label is Label.TRUE
        except LogicError:
            return False


_UNREAD_NOTE = " (perhaps said in an earlier sentence that did not read)"
_RESTS_ON_FAILURE = object()  # a premise concluded by a step that failed: no second diagnosis
_SET_ASIDE = object()  # a quoted sentence not in the theory: diagnosed once, then left out of every step
_UNREAD = object()  # a chain-of-thought sentence that did not read: diagnosed where it stands


@dataclass(slots=True)
class _Resolved:
    """A step's premises as they are resolved against the theory, one by one, into `StepPremises`."""

    sentence_ids: list[str]
    literals: list[Literal]
    naf: list[Literal]
    labels: tuple[str, ...]
    unread: bool = False  # an earlier sentence did not read: it may have said what the step needs

    def premises(self) -> StepPremises:
        return StepPremises(tuple(self.sentence_ids), tuple(self.literals), tuple(self.naf), self.labels)


class _Run:
    """One verification: walks the steps in order, remembering what each concluded."""

    def __init__(self, verifier: Verifier, statement: Literal, explanation: Explanation) -> None:
        self.verifier = verifier
        self.theory = verifier.theory
        self.statement = statement
        self.explanation = _settle_restatements(explanation, verifier)
        explanation = self.explanation
        self.errors: list[Diagnosis] = []
        self.verdicts: list[StepVerdict] = []
        self.concluded: dict[str, Literal] = {}
        self.defined_at: dict[str, int] = {}
        self.set_aside: set[str] = set()
        mentioned = [statement] + [s.conclusion for s in explanation.steps if s.conclusion is not None]
        self.solver = verifier.solver(mentioned)

    def run(self) -> Verification:
        for sentence, reason in self.explanation.unreadable:
            self.errors.append(Diagnosis(Reason.UNPARSEABLE, f"cannot read {sentence!r} ({reason})"))
        for quoted in self.explanation.quoted:
            # A chain of thought may quote a sentence and never use it: it is still a false quotation.
            assert quoted.content is not None
            if self.verifier.sentence_for(quoted.content) is None and quoted.label not in self.set_aside:
                self.set_aside.add(quoted.label)
                what = "rule" if isinstance(quoted.content, Rule) else "fact"
                message = f"{quoted.label!r} is quoted but is not a {what} of the theory"
                self.errors.append(Diagnosis(Reason.UNGROUNDED_PREMISE, message))
        in_cycle = self._check_structure()
        for index, step in enumerate(self.explanation.steps, start=1):
            if index in in_cycle:
                self.verdicts.append(self._verdict(index, step, False))
                continue
            self.verdicts.append(self._check_step(index, step))
        self._check_finals()
        answer = _answer_label(self.explanation.answer)
        return Verification(tuple(self.verdicts), tuple(self.errors), answer)

    # --- structure ------------------------------------------------------------------------

    def _check_structure(self) -> set[int]:
        """Duplicates and cycles among intermediates; returns the steps (1-based) caught in a cycle."""
        edges: list[tuple[str, str]] = []
        for index, step in enumerate(self.explanation.steps, start=1):
            if step.name in self.defined_at:
                message = f"{step.name} is concluded twice (steps {self.defined_at[step.name]} and {index})"
                self.errors.append(Diagnosis(Reason.DUPLICATE_INTERMEDIATE, message, index))
                continue
            self.defined_at[step.name] = index
            for premise in step.premises:
                if premise.kind is PremiseKind.INTERMEDIATE:
                    edges.append((premise.label, step.name))
        in_cycle: set[int] = set()
        if not _has_cycle(edges):
            return in_cycle
        import networkx as nx  # only for an explanation with a cycle: the import costs more than verifying

        graph: nx.DiGraph[str] = nx.DiGraph(edges)
        for cycle in nx.simple_cycles(graph):
            names = " -> ".join([*cycle, cycle[0]])
            steps = sorted(self.defined_at[name] for name in cycle if name in self.defined_at)
            self.errors.append(Diagnosis(Reason.CYCLE, f"intermediates depend on each other: {names}", steps[0]))
            in_cycle.update(steps)
        return in_cycle

    # --- one step -------------------------------------------------------------------------

    def _check_step(self, index: int, step: ClaimedStep) -> StepVerdict:
        if step.unreadable and self.explanation.format is ExplanationFormat.CHAIN_OF_THOUGHT:
            return self._fail(index, step, Diagnosis(Reason.UNPARSEABLE, f"step {index}: {step.unreadable}", index))
        resolved = self._resolve(index, step)
        if resolved is None:
            return self._verdict(index, step, False)
        conclusion = self._conclusion(index, step, resolved)
        if conclusion is None:
            return self._verdict(index, step, False)
        self.concluded[step.name] = conclusion
        check = check_step(self.solver, resolved.premises(), conclusion, self.verifier.semantics)
        if check.accepted:
            assert check.classification is not None
            kind = check.classification
            return self._verdict(index, step, True, kind.multi_hop, kind.semantics)
        assert check.reason is not None
        if check.reason is not Reason.NOT_ENTAILED:
            return self._fail(index, step, Diagnosis(check.reason, check.message, index))
        by_failure = self._by_failure(index, step, conclusion)
        if by_failure is not None:
            return by_failure
        repair = find_repair(self.solver, resolved.sentence_ids, resolved.literals, conclusion, self.solver.quick())
        message = check.message
        unread = repair is not None and repair.literal is None and resolved.unread
        if repair is not None:
            message += f"; it would follow with {describe(repair, self.theory, self.label_prefix)}"
            repair = labelled(repair, self.theory, self.label_prefix)
        diagnosis = Diagnosis(Reason.NOT_ENTAILED, message, index, check.entailment.counter_model, repair)
        if unread:
            # It follows with context the chain may have said in the sentence that did not read: that sentence
            # is the explanation's error, diagnosed where it stands; this step says why it is not valid.
            noted = dataclasses.replace(diagnosis, message=message + _UNREAD_NOTE)
            return self._verdict(index, step, False, error=noted)
        return self._fail(index, step, diagnosis)

    def _by_failure(self, index: int, step: ClaimedStep, conclusion: Literal) -> StepVerdict | None:
        """A chain of thought's negative fact that nothing states and nothing refutes holds by negation as
        failure: a step valid under cwa (as a `naf(...)` premise of a tree is), and under the open world or
        classically one that needs the closed world. None where the step is not such a one."""
        if self.explanation.format is not ExplanationFormat.CHAIN_OF_THOUGHT or conclusion.positive:
            return None
        if not self.verifier.holds_by_failure(conclusion):
            return None
        if self.verifier.semantics is Semantics.CWA:
            return self._verdict(index, step, True, False, Semantics.CWA)
        message = (
            f"{self._english(conclusion)!r} holds only by negation as failure (nothing says "
            f"{self._english(conclusion.negated())!r}): valid under cwa, not under {self.verifier.semantics.value}"
        )
        return self._fail(index, step, Diagnosis(Reason.NEEDS_STRONGER_SEMANTICS, message, index))

    def _resolve(self, index: int, step: ClaimedStep) -> _Resolved | None:
        resolved = _Resolved([], [], [], tuple(p.label for p in step.premises))
        for premise in step.premises:
            problem = self._resolve_one(index, premise, resolved)
            if problem is _RESTS_ON_FAILURE:
                return None  # invalid, but the failure it rests on is already diagnosed
            if problem is _SET_ASIDE:
                continue
            if problem is _UNREAD:
                resolved.unread = True
                continue
            if isinstance(problem, Diagnosis):
                self._fail(index, step, problem)
                return None
        return resolved

    def _resolve_one(self, index: int, premise: Premise, resolved: _Resolved) -> Diagnosis | object | None:
        if premise.kind is PremiseKind.SENTENCE:
            sentence_id = self._sentence_id(premise.label)
            if sentence_id is None:
                return Diagnosis(Reason.UNKNOWN_PREMISE, f"{premise.label} is not a sentence of the context", index)
            resolved.sentence_ids.append(sentence_id)
        elif premise.kind is PremiseKind.QUOTED:
            assert premise.content is not None
            sentence_id = self.verifier.sentence_for(premise.content)
            if sentence_id is None:
                return _SET_ASIDE  # diagnosed once, where it was quoted
            resolved.sentence_ids.append(sentence_id)
        elif premise.kind is PremiseKind.INTERMEDIATE:
            return self._resolve_intermediate(index, premise, resolved)
        elif premise.kind is PremiseKind.UNREAD:
            return _UNREAD
        elif premise.label != "NAF":  # ProofWriter's bare NAF leaf is resolved with its rule
            return self._resolve_naf(index, premise, resolved)
        return None

    def _resolve_intermediate(self, index: int, premise: Premise, resolved: _Resolved) -> Diagnosis | object | None:
        defined = self.defined_at.get(premise.label)
        if defined is None:
            message = f"{premise.label} is used but no step concludes it"
            return Diagnosis(Reason.UNDEFINED_INTERMEDIATE, message, index)
        if defined >= index:
            message = f"{premise.label} is used in step {index} before step {defined} concludes it"
            return Diagnosis(Reason.UNDEFINED_INTERMEDIATE, message, index)
        literal = self.concluded.get(premise.label)
        if literal is None:
            return _RESTS_ON_FAILURE
        resolved.literals.append(literal)
        return None

    def _resolve_naf(self, index: int, premise: Premise, resolved: _Resolved) -> Diagnosis | None:
        literal = premise.content
        if not isinstance(literal, Literal):
            return Diagnosis(Reason.UNPARSEABLE, f"cannot read {premise.label!r}", index)
        if not self.verifier.holds_by_failure(literal):
            message = f"{premise.label}: {literal.negated()} is derivable, so its negation cannot be assumed"
            return Diagnosis(Reason.UNGROUNDED_PREMISE, message, index)
        resolved.literals.append(literal)
        resolved.naf.append(literal)
        return None

    def _sentence_id(self, label: str) -> str | None:
        """The theory id a premise label names: its own id first, else `sentN`/`factN` by place."""
        if label in self.theory:
            return label
        position = sentence_position(label)
        if position is not None and 1 <= position <= len(self.theory):
            return self.theory.sentences[position - 1].id
        return None

    @property
    def label_prefix(self) -> str | None:
        """How this explanation names context sentences in what the verifier tells back: by place with its own
        prefix (`sent`, or FLD's `fact`; a chain of thought gets `sent`), or by the theory's ids (ProofWriter's)."""
        if self.explanation.format is ExplanationFormat.PROOFWRITER:
            return None
        labels = [p.label for s in self.explanation.steps for p in s.premises if p.kind is PremiseKind.SENTENCE]
        by_place = [label for label in labels if label not in self.theory and sentence_position(label) is not None]
        return "fact" if by_place and all(label.startswith("fact") for label in by_place) else "sent"

    def _conclusion(self, index: int, step: ClaimedStep, resolved: _Resolved) -> Literal | None:
        if step.name == HYPOTHESIS and self.explanation.format is ExplanationFormat.ENTAILMENTBANK:
            return self.statement
        if step.unreadable:
            self.errors.append(Diagnosis(Reason.UNPARSEABLE, f"step {index}: {step.unreadable}", index))
            return None
        if step.conclusion is not None:
            return step.conclusion
        return self._apply_named_rule(index, step, resolved)

    def _apply_named_rule(self, index: int, step: ClaimedStep, resolved: _Resolved) -> Literal | None:
        """ProofWriter writes no conclusions: the named rule applied to the premises gives it."""
        assert step.rule is not None
        rule_id = self._sentence_id(step.rule)
        rule = self.theory[rule_id].content if rule_id else None
        if not isinstance(rule, Rule):
            self.errors.append(Diagnosis(Reason.UNKNOWN_PREMISE, f"{step.rule} is not a rule of the theory", index))
            return None
        facts = [c for c in (self.theory[s].content for s in resolved.sentence_ids) if isinstance(c, Literal)]
        naf_count = sum(p.label == "NAF" for p in step.premises)
        try:
            conclusion, assumed = conclude(rule, facts + resolved.literals, naf_count, step.rule)
        except TreeError as error:
            self.errors.append(Diagnosis(Reason.NOT_ENTAILED, str(error), index))
            return None
        for literal in assumed:
            if not self.verifier.holds_by_failure(literal):
                message = f"NAF in step {index}: {literal.negated()} is derivable"
                self.errors.append(Diagnosis(Reason.UNGROUNDED_PREMISE, message, index))
                return None
            resolved.literals.append(literal)
            resolved.naf.append(literal)
        assert rule_id is not None
        resolved.sentence_ids.append(rule_id)
        return conclusion

    # --- the end --------------------------------------------------------------------------

    def _check_finals(self) -> None:
        answer = _answer_label(self.explanation.answer)
        if self.explanation.format is ExplanationFormat.CHAIN_OF_THOUGHT:
            self._check_chain_end(answer)
            return
        expected = self.statement.negated() if answer is Label.FALSE else self.statement
        if not self.explanation.finals:
            self.errors.append(Diagnosis(Reason.WRONG_CONCLUSION, "the explanation concludes nothing"))
        for final in self.explanation.finals:
            if self.explanation.format is ExplanationFormat.ENTAILMENTBANK:
                if HYPOTHESIS not in self.defined_at:
                    self.errors.append(Diagnosis(Reason.WRONG_CONCLUSION, "no step concludes the hypothesis"))
                continue
            literal = self._final_literal(final)
            if literal is not None and literal != expected:
                opposite = " (the opposite of the statement)" if literal == self.statement.negated() else ""
                said = f"; its answer is {answer.value}" if answer is not None else ""
                message = f"the explanation ends with {literal}{opposite}, not {expected}{said}"
                self.errors.append(Diagnosis(Reason.WRONG_CONCLUSION, message))

    def _check_chain_end(self, answer: Label | None) -> None:
        """A chain of thought proves what its answer says: with an answer of True (or none) some step concludes
        the statement, or the chain restates it from the context; with False, its negation. An answer line is
        also held to the statement's label under the semantics asked: an Unknown is checked there, since no
        step can show it, and a chain that proves one thing and answers another is caught."""
        if answer is not None:
            label = self.verifier.label_of(self.statement)
            if label is not None and label is not Label.INCONSISTENT and label is not answer:  # (no answer says it)
                semantics = self.verifier.semantics.value
                message = f"the answer is {answer.value}, but under {semantics} the statement is {label.value}"
                if label in (Label.TRUE, Label.FALSE):
                    proved = self.statement if label is Label.TRUE else self.statement.negated()
                    message += f" (the theory proves {self._english(proved)!r})"
                self.errors.append(Diagnosis(Reason.WRONG_ANSWER, message))
            if answer is Label.UNKNOWN:
                return
        expected = self.statement.negated() if answer is Label.FALSE else self.statement
        if self._said(expected):
            return
        if not self.explanation.steps and not self.explanation.quoted:
            self.errors.append(Diagnosis(Reason.WRONG_CONCLUSION, "the explanation concludes nothing"))
            return
        opposite = self.statement.negated() if expected == self.statement else self.statement
        message = f"the explanation never concludes {self._english(expected)!r}"
        if self._said(opposite):
            message += f"; it concludes {self._english(opposite)!r}, the opposite"
            if answer is not None:
                message += f", and answers {answer.value}"
        self.errors.append(Diagnosis(Reason.WRONG_CONCLUSION, message))

    def _said(self, literal: Literal) -> bool:
        """Whether some step concludes `literal`, or the chain restates it as a sentence of the context."""
        if any(concluded == literal for concluded in self.concluded.values()):
            return True
        return any(q.content == literal and q.label not in self.set_aside for q in self.explanation.quoted)

    def _english(self, literal: Literal) -> str:
        return render_sentence(literal, self.verifier.lexicon)

    def _final_literal(self, final: Premise) -> Literal | None:
        if final.kind is PremiseKind.INTERMEDIATE:
            return self.concluded.get(final.label)
        content = final.content
        if final.kind is PremiseKind.SENTENCE:
            sentence_id = self._sentence_id(final.label)
            if sentence_id is None:
                self.errors.append(Diagnosis(Reason.UNKNOWN_PREMISE, f"{final.label} is not a sentence"))
                return None
            content = self.theory[sentence_id].content
        elif final.kind is PremiseKind.QUOTED and final.label in self.set_aside:
            return None
        return content if isinstance(content, Literal) else None

    # --- verdicts -------------------------------------------------------------------------

    def _fail(self, index: int, step: ClaimedStep, diagnosis: Diagnosis) -> StepVerdict:
        self.errors.append(diagnosis)
        return self._verdict(index, step, False, error=diagnosis)

    def _verdict(
        self,
        index: int,
        step: ClaimedStep,
        valid: bool,
        multi_hop: bool = False,
        semantics: Semantics | None = None,
        error: Diagnosis | None = None,
    ) -> StepVerdict:
        conclusion = self.concluded.get(step.name)
        text = render_sentence(conclusion, self.verifier.lexicon) if conclusion is not None else step.text
        premises = tuple(p.label for p in step.premises)
        return StepVerdict(index, step.name, premises, text, valid, multi_hop, semantics, error)


def _has_cycle(edges: Sequence[tuple[str, str]]) -> bool:
    """Whether the directed graph of `edges` has a cycle (Kahn's algorithm: some node never comes free)."""
    successors: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
        waiting[target] = waiting.get(target, 0) + 1
        waiting.setdefault(source, 0)
    ready = [node for node, count in waiting.items() if count == 0]
    freed = 0
    while ready:
        node = ready.pop()
        freed += 1
        for target in successors.get(node, ()):
            waiting[target] -= 1
            if waiting[target] == 0:
                ready.append(target)
    return freed < len(waiting)


_ANSWERS = {"true": Label.TRUE, "a": Label.TRUE, "false": Label.FALSE, "b": Label.FALSE, "unknown": Label.UNKNOWN}
_ANSWERS["c"] = Label.UNKNOWN  # Logic-LM's options: A) True, B) False, C) Unknown


def _answer_label(answer: str | None) -> Label | None:
    """A chain's answer line as a label (an option letter read as Logic-LM's A/B/C)."""
    return None if answer is None else _ANSWERS.get(answer)


def _settle_restatements(explanation: Explanation, verifier: Verifier) -> Explanation:
    """A chain's fact written with no connective is a restatement when the theory states it (it becomes a
    quoted premise) and a claimed conclusion otherwise (PrOntoQA's chains write both the same way)."""
    if not any(step.restated for step in explanation.steps):
        return explanation
    quotes: dict[str, Premise] = {}
    steps: list[ClaimedStep] = []
    for step in explanation.steps:
        if step.restated and step.conclusion is not None and verifier.sentence_for(step.conclusion) is not None:
            quotes[step.name] = Premise(PremiseKind.QUOTED, step.text, step.conclusion)
            continue
        steps.append(step)

    def settled(premises: tuple[Premise, ...]) -> tuple[Premise, ...]:
        return tuple(quotes.get(p.label, p) if p.kind is PremiseKind.INTERMEDIATE else p for p in premises)

    renamed = [
        ClaimedStep(settled(s.premises), s.name, s.conclusion, s.text, s.rule, s.unreadable, s.restated) for s in steps
    ]
    quoted = tuple(p for p in settled(_all_premises(explanation)) if p.kind is PremiseKind.QUOTED)
    return Explanation(
        explanation.format,
        tuple(renamed),
        settled(explanation.finals),
        explanation.unreadable,
        tuple(dict.fromkeys(quoted)),
        explanation.answer,
    )


def _all_premises(explanation: Explanation) -> tuple[Premise, ...]:
    """Every premise the chain says, in order: the last step's premises, then what came after it."""
    found: dict[str, Premise] = {}
    for step in explanation.steps:
        for premise in step.premises:
            found.setdefault(premise.label + premise.kind.value, premise)
    for premise in (*explanation.quoted, *explanation.finals):
        found.setdefault(premise.label + premise.kind.value, premise)
    return tuple(found.values())
