"""The one module that encodes logic for Z3: theories and literals, grounded or quantified.

Grounded: each ground atom over the theory's constants is a Boolean, each rule one implication per
assignment of constants to its variables. Quantified: constants live in an uninterpreted `Entity`
sort, predicates are functions into Bool and rules are `ForAll`. For these equality-free universal
theories the two agree on ground entailment (Herbrand's theorem); tests hold them to it.
Entailment is "premises and not(goal) is unsat"; premises are tracked so the unsat core names them.

No Z3 state lives at module level: every check runs in a `Z3Session` (a z3.Context of its own with the
declarations made in it), made by its caller or, when none is given, for that one call. A verifier, a
refinement run or a batch holds its own session, so two of them never share a solver or a context
(Z3 contexts are not thread-safe) and nothing lingers in the process after they are gone.
"""

from __future__ import annotations

import ctypes
import enum
import itertools
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import z3

from proofloom.limits import LIMITS
from proofloom.logic.grounding import atoms_in_play, constants_in, domain, every_atom, groundings
from proofloom.logic.quick_entailment import QuickEntailment
from proofloom.logic.terms import Atom, Constant, DisjunctiveRule, Literal, Rule, Sentence, Theory, Variable

Statement = Literal | Rule | DisjunctiveRule  # what a tracker stands for: a theory sentence's logic

# Z3's resource units a step check may spend before it is checked again under the timeout: a few
# milliseconds of search, a hundred times what a step of a real explanation needs.
QUICK_EFFORT = 20_000
_NO_TIMEOUT = 4_294_967_295  # Z3's "no timeout" (UINT_MAX)


class Encoding(enum.Enum):
    """How rules reach Z3: instantiated over the constants, or universally quantified."""

    GROUNDED = "grounded"
    QUANTIFIED = "quantified"


class Outcome(enum.Enum):
    """Z3's answer to "do the premises entail the goal?"; a timeout is its own outcome."""

    ENTAILED = "entailed"
    NOT_ENTAILED = "not_entailed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Entailment:
    """An entailment check's answer: the premises used (unsat core) or a counter-model."""

    outcome: Outcome
    core: tuple[str, ...] = ()
    counter_model: tuple[Literal, ...] = ()

    @property
    def holds(self) -> bool:
        return self.outcome is Outcome.ENTAILED


class Z3Session:
    """A z3.Context of one's own and the declarations made in it, each made once and cached.

    Everything Z3 builds for one verifier or run lives here, passed explicitly. A context is cheap to
    make; what is worth keeping is the declarations and encoded clauses repeated checks reuse, so hold
    one session for as long as its checks belong together (a verifier, a run, a batch).
    """

    def __init__(self) -> None:
        self.context = z3.Context()
        self.entity = z3.DeclareSort("Entity", self.context)
        self._constants: dict[Constant, z3.ExprRef] = {}
        self._functions: dict[tuple[str, int], z3.FuncDeclRef] = {}
        self._propositions: dict[Atom, z3.BoolRef] = {}

    def proposition(self, atom: Atom) -> z3.BoolRef:
        """A ground atom as a Boolean variable named like the atom (grounded encoding)."""
        found = self._propositions.get(atom)
        if found is None:
            found = self._propositions[atom] = self.boolean(str(atom))
        return found

    def boolean(self, name: str) -> z3.BoolRef:
        """`z3.Bool(name)` in this context, made through the C API: the same term, without the wrappers' costs."""
        ref = self.context.ref()
        made = z3.Z3_mk_const(ref, z3.Z3_mk_string_symbol(ref, name), z3.Z3_mk_bool_sort(ref))
        return z3.BoolRef(made, self.context)  # holds a reference from here on

    def constant(self, constant: Constant) -> z3.ExprRef:
        if constant not in self._constants:
            self._constants[constant] = z3.Const(constant.name, self.entity)
        return self._constants[constant]

    def function(self, predicate: str, arity: int) -> z3.FuncDeclRef:
        key = (predicate, arity)
        if key not in self._functions:
            sorts = [self.entity] * arity + [z3.BoolSort(self.context)]
            self._functions[key] = z3.Function(predicate, *sorts)
        return self._functions[key]

    def atom(self, atom: Atom, bound: dict[Variable, z3.ExprRef] | None = None) -> z3.BoolRef:
        """An atom in the quantified encoding; variables must be in `bound`."""
        bound = bound or {}
        args = [bound[a] if isinstance(a, Variable) else self.constant(a) for a in atom.args]
        return self.function(atom.predicate, atom.arity)(*args)

    def literal(
        self, literal: Literal, encoding: Encoding, bound: dict[Variable, z3.ExprRef] | None = None
    ) -> z3.BoolRef:
        grounded = encoding is Encoding.GROUNDED
        expression = self.proposition(literal.atom) if grounded else self.atom(literal.atom, bound)
        return expression if literal.positive else z3.Not(expression)

    def rule_quantified(self, rule: Rule | DisjunctiveRule) -> z3.BoolRef:
        bound = {v: z3.Const(v.name, self.entity) for v in rule.variables()}
        body = z3.Implies(
            z3.And([self.literal(c, Encoding.QUANTIFIED, bound) for c in rule.conditions]),
            self._head(rule, Encoding.QUANTIFIED, bound),
        )
        return z3.ForAll(list(bound.values()), body) if bound else body

    def rule_grounded(self, rule: Rule | DisjunctiveRule, constants: Sequence[Constant]) -> list[z3.BoolRef]:
        return [
            z3.Implies(
                z3.And([self.literal(c, Encoding.GROUNDED) for c in instance.conditions]),
                self._head(instance, Encoding.GROUNDED),
            )
            for instance in groundings(rule, constants)
        ]

    def _head(
        self, rule: Rule | DisjunctiveRule, encoding: Encoding, bound: dict[Variable, z3.ExprRef] | None = None
    ) -> z3.BoolRef:
        """A rule's head; a disjunctive head is the Or of its disjuncts (classical reading by cases)."""
        if isinstance(rule, Rule):
            return self.literal(rule.head, encoding, bound)
        return z3.Or([self.literal(h, encoding, bound) for h in rule.heads])

    def sentence(self, sentence: Sentence, encoding: Encoding, constants: Sequence[Constant]) -> z3.BoolRef:
        """One sentence as a single Z3 formula (a grounded rule is the conjunction of its instances)."""
        content = sentence.content
        if isinstance(content, Literal):
            return self.literal(content, encoding)
        if encoding is Encoding.QUANTIFIED:
            return self.rule_quantified(content)
        return z3.And(self.rule_grounded(content, constants), self.context)  # no instances: True, in this context


def encode_theory(
    theory: Theory, session: Z3Session, encoding: Encoding, constants: Sequence[Constant] | None = None
) -> dict[str, z3.BoolRef]:
    """Each sentence id mapped to its Z3 formula."""
    constants = domain(theory) if constants is None else constants
    return {s.id: session.sentence(s, encoding, constants) for s in theory.sentences}


def check_entailment(
    theory: Theory,
    goal: Literal,
    encoding: Encoding = Encoding.GROUNDED,
    timeout_ms: int = LIMITS.z3_timeout_ms,
    session: Z3Session | None = None,
) -> Entailment:
    """Does `theory` classically entail the ground literal `goal`? Unsat core or counter-model says why."""
    session = session or Z3Session()
    solver, trackers = _tracked_solver(theory, session, encoding, domain(theory, [goal]), timeout_ms)
    solver.add(z3.Not(session.literal(goal, encoding)))
    result = solver.check()
    if result == z3.unsat:
        return Entailment(Outcome.ENTAILED, core=_core(solver, trackers, theory))
    if result == z3.sat:
        model = _true_literals(theory, goal, solver.model(), session, encoding)
        return Entailment(Outcome.NOT_ENTAILED, counter_model=model)
    return Entailment(Outcome.UNKNOWN)


def _true_literals(
    theory: Theory, goal: Literal, model: z3.ModelRef, session: Z3Session, encoding: Encoding
) -> tuple[Literal, ...]:
    """The model restricted to the atoms the theory and goal mention, grounded: a readable counter-model."""
    literals = []
    for atom in every_atom(theory, goal):
        value = model.eval(session.literal(Literal(atom), encoding), model_completion=True)
        literals.append(Literal(atom, z3.is_true(value)))
    return tuple(literals)


@dataclass(frozen=True, slots=True)
class ClassicalVerdict:
    """Z3's three questions about a statement: is the theory consistent, does it entail s, does it entail not s."""

    consistent: Outcome  # ENTAILED here means "has a model"
    entails: Entailment
    refutes: Entailment


def _tracked_solver(
    theory: Theory, session: Z3Session, encoding: Encoding, constants: Sequence[Constant], timeout_ms: int
) -> tuple[z3.Solver, dict[int, str]]:
    """A solver holding every sentence behind a tracker (by AST id), so unsat cores name sentences."""
    solver = z3.Solver(ctx=session.context)
    solver.set("timeout", timeout_ms)
    trackers: dict[int, str] = {}
    for sentence_id, formula in encode_theory(theory, session, encoding, constants).items():
        tracker = z3.Bool(f"premise:{sentence_id}", session.context)
        trackers[tracker.get_id()] = sentence_id
        solver.assert_and_track(formula, tracker)
    return solver, trackers


def _core(solver: z3.Solver, trackers: dict[int, str], theory: Theory) -> tuple[str, ...]:
    return tuple(sorted((trackers[t.get_id()] for t in solver.unsat_core()), key=theory.index_of))


def classical_verdict(
    theory: Theory,
    statement: Literal,
    timeout_ms: int = LIMITS.z3_timeout_ms,
    encoding: Encoding = Encoding.GROUNDED,
    session: Z3Session | None = None,
) -> ClassicalVerdict:
    """One incremental solver answers all three questions; each check is bounded by `timeout_ms`."""
    session = session or Z3Session()
    solver, trackers = _tracked_solver(theory, session, encoding, domain(theory, [statement]), timeout_ms)
    base = solver.check()
    consistent = _outcome(base, when_sat=Outcome.ENTAILED, when_unsat=Outcome.NOT_ENTAILED)

    def entails(goal: Literal) -> Entailment:
        if consistent is not Outcome.ENTAILED:
            return Entailment(Outcome.UNKNOWN)
        solver.push()
        solver.add(z3.Not(session.literal(goal, encoding)))
        result = solver.check()
        core = _core(solver, trackers, theory) if result == z3.unsat else ()
        solver.pop()
        outcome = _outcome(result, when_sat=Outcome.NOT_ENTAILED, when_unsat=Outcome.ENTAILED)
        return Entailment(outcome, core=core)

    return ClassicalVerdict(consistent, entails(statement), entails(statement.negated()))


def _outcome(result: z3.CheckSatResult, when_sat: Outcome, when_unsat: Outcome) -> Outcome:
    if result == z3.sat:
        return when_sat
    if result == z3.unsat:
        return when_unsat
    return Outcome.UNKNOWN


class ClausePool:
    """The Z3 session a verifier, run or batch holds, and one incremental solver the theories it checks take
    turns in.

    The theory being checked holds the solver's top scope (`TheoryClauses`): its clauses stay there for every
    step and record of that theory in a row, so a check searches only that theory's clauses and a counter-model
    assigns only its atoms. Another theory's check pops that scope and encodes its own sentences as its steps
    need them: a fresh solver per theory costs more to make than many checks, and one holding every theory at
    once would search them all. What each of the `theories` most recently checked knows (its verdicts, kept by
    `StepSolver`) survives its turn; memory stays flat however long the batch. Literals are built once per
    session (Z3's Python wrappers cost more than the solving), and checks go through Z3's C API with them. A
    theory past `limit` encoded clauses starts its scope afresh at its next check: that costs only encoding
    again the sentences still in use, where a scope that only grew would slow every later check.
    """

    def __init__(
        self,
        timeout_ms: int = LIMITS.z3_timeout_ms,
        limit: int = 2_000,
        session: Z3Session | None = None,
        theories: int = 1_024,
    ) -> None:
        self.timeout_ms = timeout_ms
        self.limit = limit
        self.session = session or Z3Session()
        self.theories = theories
        self.undecided = 0  # checks Z3 left undecided within the timeout, so far
        self._solver: z3.Solver | None = None
        self._holder: TheoryClauses | None = None  # the theory in the solver's top scope
        self._literals: dict[Literal, z3.BoolRef] = {}
        self._ground: dict[tuple[str, tuple[Constant, ...], bool], z3.BoolRef] = {}  # `ground_literal`'s
        self._terms: dict[Literal, _Term] = {}
        self._trackers: dict[str, tuple[z3.BoolRef, z3.BoolRef, _Term]] = {}
        self._templates: dict[Statement, _Template] = {}
        self._clauses: OrderedDict[Theory, TheoryClauses] = OrderedDict()

    def clauses_for(self, theory: Theory) -> TheoryClauses:
        """What the theory has encoded in the pool's solver, made on first use and kept while recently used."""
        found = self._clauses.get(theory)
        if found is None:
            found = self._clauses[theory] = TheoryClauses(self, theory)
            if len(self._clauses) > self.theories:
                self._clauses.popitem(last=False)
        else:
            self._clauses.move_to_end(theory)
        return found

    def solver_for(self, clauses: TheoryClauses) -> z3.Solver:
        """The pool's one solver, its top scope holding `clauses`' theory: a theory's solver costs more to make
        than many checks, and a solver holding every theory would search them all, so theories take turns."""
        if self._solver is None:
            self._solver = self.new_solver()
        if self._holder is not clauses:
            self.release(self._holder)
            self._solver.push()
            self._holder = clauses
        return self._solver

    def release(self, clauses: TheoryClauses | None) -> None:
        """`clauses`' scope popped, if it holds the solver; what it had encoded is forgotten."""
        if clauses is not None and clauses is self._holder:
            assert self._solver is not None
            self._solver.pop()
            self._holder = None
            clauses.forget()

    def new_solver(self) -> z3.Solver:
        """A fresh incremental solver in this pool's session, its checks bounded by the quick effort budget."""
        solver = z3.Solver(ctx=self.session.context)
        solver.set("rlimit", QUICK_EFFORT)
        return solver

    def check(self, solver: z3.Solver, assumptions: Sequence[z3.BoolRef]) -> z3.CheckSatResult:
        """`solver.check(assumptions)`: within the quick effort budget, else again bounded by the timeout only."""
        array = (z3.Ast * len(assumptions))(*(a.as_ast() for a in assumptions))
        return z3.CheckSatResult(self.check_terms(solver, array))

    def check_terms(self, solver: z3.Solver, assumptions: ctypes.Array[Any]) -> int:
        """Z3's C API check of a solver under `assumptions` (a ctypes array of terms): Z3's lbool (1 sat, -1
        unsat, 0 unknown), within the quick effort budget, else again bounded by the timeout only.

        A timeout costs a timer thread per check (about three times the cost of a small check), so a check
        gets one only when the budget did not decide it; what either decides is Z3's answer all the same.
        The C call skips the Python wrappers' coercions, which cost more than a small check.
        """
        context = self.session.context.ref()
        result: int = z3.Z3_solver_check_assumptions(context, solver.solver, len(assumptions), assumptions)
        if result != _UNKNOWN:
            return result
        solver.set("rlimit", 0)  # no budget: the timeout alone bounds this check
        solver.set("timeout", self.timeout_ms)
        try:
            again: int = z3.Z3_solver_check_assumptions(context, solver.solver, len(assumptions), assumptions)
            self.undecided += again == _UNKNOWN
            return again
        finally:
            solver.set("timeout", _NO_TIMEOUT)
            solver.set("rlimit", QUICK_EFFORT)

    def core_ids(self, solver: z3.Solver) -> list[int]:
        """The AST ids of the last unsat check's core, in Z3's order, read through the C API."""
        context = self.session.context
        core = z3.AstVector(z3.Z3_solver_get_unsat_core(context.ref(), solver.solver), context)  # owns a reference
        raw, vector = context.ref(), core.vector
        return [z3.Z3_get_ast_id(raw, z3.Z3_ast_vector_get(raw, vector, i)) for i in range(len(core))]

    def literal(self, literal: Literal) -> z3.BoolRef:
        """A ground literal in the grounded encoding, built once per session."""
        found = self._literals.get(literal)
        if found is None:
            atom = self.session.proposition(literal.atom)
            found = atom if literal.positive else _not(atom)
            self._literals[literal] = found
        return found

    def ground_literal(self, predicate: str, args: tuple[Constant, ...], positive: bool) -> z3.BoolRef:
        """`literal` of the literal with these parts, looked up without making the literal once it was made."""
        key = (predicate, args, positive)
        found = self._ground.get(key)
        if found is None:
            found = self._ground[key] = self.literal(Literal(Atom(predicate, args), positive))
        return found

    def tracker(self, sentence_id: str) -> tuple[z3.BoolRef, z3.BoolRef, _Term]:
        """The tracker literal of the sentences with this id, its negation and its term: one term for the session
        (Z3 makes one term of one name), whichever theory's solver it guards."""
        found = self._trackers.get(sentence_id)
        if found is None:
            tracker = self.session.boolean(f"use:{sentence_id}")
            found = self._trackers[sentence_id] = (tracker, _not(tracker), _Term(tracker.as_ast(), tracker.get_id()))
        return found

    def template(self, content: Statement) -> _Template:
        """The sentence's clause as a template (`_Template`), made once per session for each sentence's logic."""
        found = self._templates.get(content)
        if found is None:
            found = self._templates[content] = _Template.of(content)
        return found

    def term(self, literal: Literal) -> _Term:
        """A ground literal's term and AST id, for the C API (the `BoolRef` in `literal` keeps it alive)."""
        found = self._terms.get(literal)
        if found is None:
            expression = self.literal(literal)
            found = self._terms[literal] = _Term(expression.as_ast(), expression.get_id())
        return found

    def assert_clause(self, solver: z3.Solver, literals: Sequence[z3.BoolRef]) -> None:
        """Assert a disjunction, built and asserted with Z3's C API: the Python wrappers' coercions cost more
        than the solving. The new term is asserted before any other call, so Z3 owns it at once."""
        context = self.session.context.ref()
        array = (z3.Ast * len(literals))(*(literal.as_ast() for literal in literals))
        z3.Z3_solver_assert(context, solver.solver, z3.Z3_mk_or(context, len(literals), array))


_SAT, _UNSAT, _UNKNOWN = 1, -1, 0  # Z3's lbool


@dataclass(frozen=True, slots=True)
class _Term:
    """A Z3 term as the C API takes it, and its AST id (how an unsat core names it)."""

    ast: Any
    id: int


def _not(expression: z3.BoolRef) -> z3.BoolRef:
    context = expression.ctx
    return z3.BoolRef(z3.Z3_mk_not(context.ref(), expression.as_ast()), context)


class TheoryClauses:
    """One theory's clauses in the pool's solver (its top scope, while this theory holds it): each sentence
    behind a tracker literal, its instances encoded once for each set of constants steps ground it over, then
    kept for every later step while the theory keeps the solver."""

    def __init__(self, pool: ClausePool, theory: Theory) -> None:
        self.pool = pool
        self.contents = {s.id: s.content for s in theory.sentences}
        self.constants_of = {s.id: constants_in([s.content]) for s in theory.sentences}
        self._templates: dict[str, _Template] = {}
        self.forget()

    def activate(self) -> z3.Solver:
        """The pool's solver, with this theory's clauses in its top scope (encoded afresh as steps need them
        if another theory held it since)."""
        return self.pool.solver_for(self)

    def reset(self) -> None:
        """Nothing encoded: the pool's solver starts this theory's scope afresh."""
        self.pool.release(self)
        self.forget()

    def forget(self) -> None:
        """The record of what is encoded, cleared: the solver's scope holding it is gone."""
        self.trackers: dict[str, tuple[z3.BoolRef, z3.BoolRef]] = {}  # sentence id: tracker, its negation
        # (sentence id, the constants its variables take) for each instance behind its tracker: one key per
        # instance, as every variable of a rule occurs in it
        self.encoded: set[tuple[str, tuple[Constant, ...]]] = set()
        self.grounded: set[tuple[str, int]] = set()  # (sentence id, `constants_key` of the constants) done
        self.covered: dict[str, list[frozenset[Constant]]] = {}  # each sentence's sets of constants grounded over
        self._keys: dict[tuple[Constant, ...], int] = {}

    def constants_key(self, constants: tuple[Constant, ...]) -> int:
        """A small number for these constants (in this order), so the sentences of a check look them up cheaply:
        a tuple of constants hashes each constant again at every lookup."""
        found = self._keys.get(constants)
        if found is None:
            found = self._keys[constants] = len(self._keys)
        return found

    def tracker_term(self, sentence_id: str, constants: tuple[Constant, ...], key: int) -> _Term:
        """`tracker`'s term for the C API; `key` is `constants_key(constants)`."""
        if (sentence_id, key) not in self.grounded:
            self.tracker(sentence_id, constants)
        return self.pool.tracker(sentence_id)[2]

    def tracker(self, sentence_id: str, constants: tuple[Constant, ...]) -> z3.BoolRef:
        """The sentence's tracker, with its instances over `constants` encoded behind it.

        Only the constants of a step are needed (Herbrand: a ground goal follows from universal premises
        iff it follows from their instances over the constants the premises and goal mention), so
        instances are added as steps need them and kept for later steps. Instances come in the order of
        `groundings` (each assignment of `constants` to the variables), their literals in the rule's order;
        constants within a set already grounded over (in any order) add none, and are not gone through again.
        """
        found = self.trackers.get(sentence_id)
        if found is None:
            made = self.pool.tracker(sentence_id)
            found = self.trackers[sentence_id] = (made[0], made[1])
        key = (sentence_id, self.constants_key(constants))
        if key in self.grounded:
            return found[0]
        self.grounded.add(key)
        template = self._templates.get(sentence_id)
        if template is None:  # looked up by id: hashing a rule costs more than its lookup
            template = self._templates[sentence_id] = self.pool.template(self.contents[sentence_id])
        wanted = frozenset(constants) if template.variables else frozenset()  # a fact: one instance, whatever the set
        covered = self.covered.setdefault(sentence_id, [])
        if any(wanted <= done for done in covered):
            return found[0]
        covered.append(wanted)
        encoded, ground = self.encoded, self.pool.ground_literal
        for values in itertools.product(constants, repeat=template.variables):
            if (sentence_id, values) in encoded:
                continue
            encoded.add((sentence_id, values))
            # tracker -> (conditions -> head), written as one clause: fewer Z3 terms to build.
            body = [found[1]]
            for predicate, places, positive in template.literals:
                args = tuple([values[p] if isinstance(p, int) else p for p in places])
                body.append(ground(predicate, args, positive))
            self.pool.assert_clause(self.pool.solver_for(self), body)
        return found[0]


@dataclass(frozen=True, slots=True)
class _Template:
    """A sentence as the clause `conditions -> heads` with its variables as places: each literal of the clause
    (conditions negated, then the heads) as predicate, arguments (a constant, or the index of a variable in
    `Rule.variables`) and sign. A fact is a clause of one literal and no variables."""

    variables: int
    literals: tuple[tuple[str, tuple[Constant | int, ...], bool], ...]

    @staticmethod
    def of(content: Statement) -> _Template:
        if isinstance(content, Literal):
            return _Template(0, (_place(content, {}, True),))
        index = {v: i for i, v in enumerate(content.variables())}
        heads = (content.head,) if isinstance(content, Rule) else content.heads
        literals = [_place(c, index, False) for c in content.conditions] + [_place(h, index, True) for h in heads]
        return _Template(len(index), tuple(literals))


def _place(literal: Literal, index: dict[Variable, int], keep: bool) -> tuple[str, tuple[Constant | int, ...], bool]:
    """A literal of a template: its variables as their indices, negated unless `keep`."""
    args = tuple(index[a] if isinstance(a, Variable) else a for a in literal.atom.args)
    return literal.atom.predicate, args, literal.positive if keep else not literal.positive


# A solver's verdicts kept for steps asked again (records sharing a context repeat steps); past this many it
# starts afresh, so memory stays flat.
VERDICTS_KEPT = 20_000


class StepSolver:
    """Checks many steps against one theory with the incremental solver of a pool (shared or its own).

    Each theory sentence sits behind a tracker literal, so a step's premises are just assumptions (and
    its negated goal one more): nothing is re-encoded between steps or between records of the same
    theory in a row, and the unsat core names the premises a step really used. A counter-model is read only when
    a step does not follow. A step asked again (the same premises and goal) is answered from the verdicts
    kept, one dictionary lookup. Pass the pool of the verifier or run this solver belongs to; without one
    it makes its own.
    """

    def __init__(
        self,
        theory: Theory,
        constants: Sequence[Constant],
        timeout_ms: int = LIMITS.z3_timeout_ms,
        pool: ClausePool | None = None,
    ) -> None:
        self.theory = theory
        self.constants = tuple(constants)
        self.pool = pool or ClausePool(timeout_ms)
        self._clauses = self.pool.clauses_for(theory)
        self._contents = self._clauses.contents
        self._verdicts: dict[tuple[tuple[str, ...], tuple[Literal, ...], Literal, bool], Entailment] = {}
        self._quick: QuickEntailment | None = None

    def _constants_in_play(
        self, sentence_ids: Sequence[str], literals: Sequence[Literal], goal: Literal
    ) -> tuple[Constant, ...]:
        """The constants the sentences, literals and goal mention, in order of first mention (`constants_in`)."""
        constants_of = self._clauses.constants_of
        found = dict.fromkeys(c for s in sentence_ids for c in constants_of[s])
        for literal in (*literals, goal):
            found.update(dict.fromkeys(literal.atom.constants()))
        return tuple(found) or self.constants[:1]

    def check(
        self, sentence_ids: Sequence[str], literals: Sequence[Literal], goal: Literal, *, counter_model: bool = True
    ) -> Entailment:
        """Do these theory sentences and assumed literals entail `goal`? The core lists what was needed; a
        counter-model says why not (unless `counter_model` is false: a search for a repair needs none)."""
        key = (tuple(sentence_ids), tuple(literals), goal, counter_model)
        found = self._verdicts.get(key)
        if found is None:
            found = self._check(key[0], key[1], goal, counter_model)
            if found.outcome is not Outcome.UNKNOWN:  # a timeout may decide another time: asked again, it is
                if len(self._verdicts) >= VERDICTS_KEPT:
                    self._verdicts.clear()
                self._verdicts[key] = found
        return found

    def _check(
        self, sentence_ids: tuple[str, ...], literals: tuple[Literal, ...], goal: Literal, counter_model: bool
    ) -> Entailment:
        clauses = self._clauses
        solver = clauses.activate()
        if len(clauses.encoded) > self.pool.limit:  # before anything is encoded: the one safe moment
            clauses.reset()
            solver = clauses.activate()
        names: dict[int, str] = {}  # by AST id: printing Z3 terms would cost more than solving
        terms = []
        constants = self._constants_in_play(sentence_ids, literals, goal)
        key = clauses.constants_key(constants)
        for sentence_id in sentence_ids:
            term = clauses.tracker_term(sentence_id, constants, key)
            names[term.id] = sentence_id
            terms.append(term.ast)
        for literal in literals:
            term = self.pool.term(literal)
            names[term.id] = str(literal)
            terms.append(term.ast)
        terms.append(self.pool.term(goal.negated()).ast)
        result = self.pool.check_terms(solver, (z3.Ast * len(terms))(*terms))
        if result == _UNSAT:
            core = tuple(names[i] for i in self.pool.core_ids(solver) if i in names)
            return Entailment(Outcome.ENTAILED, core=core)
        if result == _SAT:
            if not counter_model:
                return Entailment(Outcome.NOT_ENTAILED)
            contents = [*(self._contents[s] for s in sentence_ids), *literals]
            atoms = atoms_in_play(contents, goal)
            premises = (sentence_ids, (*literals, goal.negated()))
            return Entailment(Outcome.NOT_ENTAILED, counter_model=self._canonical_model(terms, atoms, premises))
        return Entailment(Outcome.UNKNOWN)

    def quick(self) -> QuickEntailment:
        """The theory's rule instances over this solver's constants, for what chaining decides without Z3."""
        if self._quick is None:
            self._quick = QuickEntailment(self.theory, self.constants)
        return self._quick

    def _canonical_model(
        self, assumptions: list[Any], atoms: Sequence[Atom], premises: tuple[tuple[str, ...], tuple[Literal, ...]]
    ) -> tuple[Literal, ...]:
        """The counter-model that makes each atom in play false where it can, in order: the theory's solver has
        seen other checks, and the model it would give depends on them (on one process or split over many).

        Each atom is false where the checks so far leave it free: `chosen` and it false satisfiable. A model of
        `chosen` that makes it false already shows that, so only an atom the model makes true costs a check; the
        answer is the one a check per atom gives. The model is first one chaining finds (`QuickEntailment.model`:
        `premises`, sentence ids and literals, hold the step's premises and its goal's negation), where an atom
        chaining derives is true in every model; only where chaining finds none is Z3 asked, from that atom on."""
        sentence_ids, literals = premises
        quick, chosen_literals = self.quick(), list(literals)
        plain = quick.model(sentence_ids, chosen_literals)
        found: list[Literal] = []
        for number, atom in enumerate(atoms):
            if plain is None:
                break
            if atom in plain.true and Literal(atom) not in plain.derived:  # true here: is it free elsewhere?
                plain = quick.model(sentence_ids, [*chosen_literals, Literal(atom, False)])
                if plain is None:  # chaining finds no model: Z3 decides from this atom on
                    chosen = [*assumptions, *(self.pool.term(c).ast for c in found)]
                    return (*found, *self._canonical_by_z3(chosen, atoms[number:], None))
            value = Literal(atom, atom in plain.true)
            chosen_literals.append(value)
            found.append(value)
        if plain is not None:
            return tuple(found)
        solver = self._clauses.activate()
        model = _Model(self.pool.session.context, solver)  # the step's own check was satisfiable
        return self._canonical_by_z3(list(assumptions), atoms, model)

    def _canonical_by_z3(self, chosen: list[Any], atoms: Sequence[Atom], model: _Model | None) -> tuple[Literal, ...]:
        """`_canonical_model` by Z3 checks: `chosen` the assumptions so far, `model` one of them (or None)."""
        solver = self._clauses.activate()
        found = []
        for atom in atoms:
            false = self.pool.term(Literal(atom, False)).ast
            if model is not None and model.is_false(self.pool.term(Literal(atom)).ast):
                free = True
            else:
                array = (z3.Ast * (len(chosen) + 1))(*chosen, false)
                result = self.pool.check_terms(solver, array)
                free = result == _SAT
                model = _Model(self.pool.session.context, solver) if free else model
                if result == _UNKNOWN:
                    model = None  # `chosen` now holds a guess no model was seen to satisfy: ask for every atom
            if free:
                chosen.append(false)
                found.append(Literal(atom, False))
            else:
                chosen.append(self.pool.term(Literal(atom, True)).ast)
                found.append(Literal(atom, True))
        return tuple(found)


class _Model:
    """The model of a solver's last satisfiable check, read through the C API (it holds a reference to it)."""

    def __init__(self, context: z3.Context, solver: z3.Solver) -> None:
        self._model = z3.ModelRef(z3.Z3_solver_get_model(context.ref(), solver.solver), context)
        self._out = (z3.Ast * 1)()

    def is_false(self, term: Any) -> bool:
        """Whether the model, completed, makes the Boolean `term` false."""
        context = self._model.ctx.ref()
        if not z3.Z3_model_eval(context, self._model.model, term, True, self._out):
            return False
        return bool(z3.Z3_get_bool_value(context, self._out[0]) == _FALSE)


_FALSE = -1  # Z3_L_FALSE, a Boolean value's lbool
