"""Semi-naive, indexed forward chaining with provenance, under explicit negation or negation as failure.

Each round joins every rule against the literals new in the previous round (one condition from the
new ones, the earlier conditions from older ones, the later from all), so cost grows with rule
firings, not with the square of the theory. Every derivation is kept, so the closure can give the
shallowest proof of a literal, or all of them.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from proofloom.errors import LogicError
from proofloom.limits import check
from proofloom.logic.terms import Atom, Constant, Literal, Rule, Theory, Variable, slot_setters


@dataclass(frozen=True, slots=True, init=False)
class Derivation:
    """One way a literal follows: `rule` applied to `premises` (in condition order) under `substitution`."""

    rule: str
    premises: tuple[Literal, ...]
    substitution: tuple[tuple[str, str], ...]

    def __init__(self, rule: str, premises: tuple[Literal, ...], substitution: tuple[tuple[str, str], ...]) -> None:
        _derivation_rule(self, rule)  # by hand: every firing of every closure makes one
        _derivation_premises(self, premises)
        _derivation_substitution(self, substitution)


_derivation_rule, _derivation_premises, _derivation_substitution = slot_setters(
    Derivation, "rule", "premises", "substitution"
)


class UnstratifiedError(LogicError):
    """Negation as failure needs a stratified theory: no predicate may depend negatively on itself."""


_Binding = dict[str, Constant]  # variable name -> value: names hash in C, terms in Python


class _Index:
    """Known literals by (predicate, polarity), and by (predicate, polarity, argument position, constant name)."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, bool], list[Literal]] = defaultdict(list)
        self.by_argument: dict[tuple[str, bool, int, str], list[Literal]] = defaultdict(list)
        self.round: dict[Literal, int] = {}

    def add(self, literal: Literal, round_number: int) -> None:
        known = len(self.round)
        self.round.setdefault(literal, round_number)
        if len(self.round) == known:  # known already
            return
        atom = literal.atom
        predicate, positive = atom.predicate, literal.positive
        self.by_key[(predicate, positive)].append(literal)
        by_argument = self.by_argument
        for position, argument in enumerate(atom.args):
            by_argument[(predicate, positive, position, argument.name)].append(literal)

    def candidates(self, pattern: Literal, binding: _Binding) -> list[Literal]:
        """Known literals that might match `pattern`, narrowed by its first bound argument."""
        atom = pattern.atom
        for position, term in enumerate(atom.args):
            value = binding.get(term.name) if isinstance(term, Variable) else term
            if value is not None:
                return self.by_argument.get((atom.predicate, pattern.positive, position, value.name), [])
        return self.by_key.get((atom.predicate, pattern.positive), [])


# Told each round's new literals (round 0: the facts) and the round's number; False stops the chaining.
Watch = Callable[[Sequence[Literal], int], bool]


class Closure:
    """Everything a theory derives, with every derivation, and the height of each literal's shallowest proof.

    Under the open world a `watch` can stop the chaining early (`stopped`: the closure is then partial), for a
    caller that only wants it where a condition holds throughout: the generator's re-check, which discards
    an attempt as soon as a round shows a statement's label or depth has moved."""

    def __init__(
        self, theory: Theory, closed_world: bool, watch: Watch | None = None, constants: Sequence[Constant] = ()
    ) -> None:
        if watch is not None and closed_world:
            raise ValueError("a watch reads rounds as heights: the open world's only")
        self.theory = theory
        self.closed_world = closed_world
        self.stopped = False
        self._watch = watch
        self.facts: dict[Literal, str] = {}
        self.derivations: dict[Literal, list[Derivation]] = defaultdict(list)
        self.assumed: set[Literal] = set()  # negative literals taken by negation as failure
        self._index = _Index()
        # what rules with variables only in negated conditions range over: the theory's names, and any a question
        # names that the theory does not (`Dave is red.` where `If someone is not kind then they are red.`)
        own = theory.constants()
        self.domain = own + tuple(dict.fromkeys(c for c in constants if c not in own))
        self._conditions: dict[str, tuple[Sequence[Literal], Sequence[Literal]]] = {}
        self._chain()
        # Breadth-first rounds find each literal first in the round equal to its shallowest proof's height;
        # the strata of the closed world restart that count, so there heights are computed apart.
        self.height = self._heights() if closed_world else dict(self._index.round)

    def holds(self, literal: Literal) -> bool:
        """Derived or given; under the closed world a negative literal holds when its atom does not."""
        if self.closed_world and not literal.positive:
            return literal.negated() not in self._index.round
        return literal in self._index.round

    def known(self) -> tuple[Literal, ...]:
        """Every literal given or derived, in the order found."""
        return tuple(self._index.round)

    # --- chaining ---------------------------------------------------------------------------

    def _chain(self) -> None:
        for sentence in self.theory.facts:
            literal = sentence.content
            assert isinstance(literal, Literal)
            if self.closed_world and not literal.positive:
                raise LogicError(f"{sentence.id}: closed-world theories state positive facts only ({literal})")
            self.facts.setdefault(literal, sentence.id)
            self._index.add(literal, 0)
        if self._watch is not None and not self._watch(list(self.facts), 0):
            self.stopped = True
            return
        rules = [(s.id, s.content) for s in self.theory.rules if isinstance(s.content, Rule)]
        strata = stratify(rules) if self.closed_world else [rules]
        round_number = 0
        for stratum in strata:
            round_number = self._saturate(stratum, round_number)

    def _saturate(self, rules: Sequence[tuple[str, Rule]], round_number: int) -> int:
        """Fire `rules` to a fixpoint; the first round joins against everything, later ones against news."""
        newest = round_number
        delta: dict[tuple[str, bool], list[Literal]] | None = None  # None: everything is new
        listening: dict[tuple[str, bool], list[int]] = defaultdict(list)  # key -> rules with a condition of it
        for number, (rule_id, rule) in enumerate(rules):
            for condition in self._split(rule_id, rule)[0]:
                listening[(condition.atom.predicate, condition.positive)].append(number)
        while True:
            found: dict[Literal, None] = {}
            if delta is None:
                awake: Sequence[int] = range(len(rules))
            else:  # only rules with a condition that can use a literal of the last round, in theory order
                awake = sorted({number for key in delta for number in listening.get(key, ())})
            for number in awake:
                rule_id, rule = rules[number]
                for premises, binding in self._firings(rule_id, rule, newest, delta):
                    self._record(_ground(rule.head, binding), rule_id, premises, binding, found)
            if not found:
                return newest
            newest += 1
            check("forward chaining's derivation depth", newest, "proof_depth")
            delta = defaultdict(list)
            for literal in found:
                self._index.add(literal, newest)
                delta[(literal.atom.predicate, literal.positive)].append(literal)
            if self._watch is not None and not self._watch(list(found), newest):
                self.stopped = True
                return newest

    def _record(
        self,
        head: Literal,
        rule_id: str,
        premises: tuple[Literal, ...],
        binding: _Binding,
        found: dict[Literal, None],
    ) -> None:
        """Keep one derivation; each is found once (first round: one pivot; later ones: earlier conditions
        from older rounds only), so none is checked against those already kept."""
        if len(binding) == 1:  # most rules have one variable
            ((name, value),) = binding.items()
            substitution: tuple[tuple[str, str], ...] = ((name, value.name),)
        else:
            substitution = tuple(sorted([(name, c.name) for name, c in binding.items()]))
        self.derivations[head].append(Derivation(rule_id, premises, substitution))
        if head not in self._index.round:
            found[head] = None

    def _split(self, rule_id: str, rule: Rule) -> tuple[Sequence[Literal], Sequence[Literal]]:
        """The rule's conditions matched against known literals, and those taken by failure (closed world)."""
        if not self.closed_world:  # the open world takes nothing by failure
            return rule.conditions, ()
        if rule_id not in self._conditions:
            self._conditions[rule_id] = (
                [c for c in rule.conditions if c.positive],
                [c for c in rule.conditions if not c.positive],
            )
        return self._conditions[rule_id]

    def _firings(
        self, rule_id: str, rule: Rule, newest: int, delta: dict[tuple[str, bool], list[Literal]] | None
    ) -> list[tuple[tuple[Literal, ...], _Binding]]:
        """(premises, binding) for each way the rule fires using at least one literal of round `newest`.

        In the first round every literal is new, so pivoting on the first condition alone finds every
        firing (the other pivots would find the same ones again). Conditions are joined one at a time,
        keeping every partial match, in the order a depth-first search would find them."""
        first = delta is None
        matched, failed = self._split(rule_id, rule)
        if not matched:
            return list(self._with_failures(rule, failed, {}, ())) if first else []
        if len(matched) == 1 and not failed:  # one condition: every match is a firing (half the rules)
            pattern = matched[0]
            key = (pattern.atom.predicate, pattern.positive)
            pool = self._index.candidates(pattern, {}) if delta is None else delta.get(key, ())
            return [((literal,), binding) for literal in pool if (binding := _extend(pattern, literal, {})) is not None]
        firings: list[tuple[tuple[Literal, ...], _Binding]] = []
        rounds = self._index.round
        for pivot in range(1 if first else len(matched)):
            pattern = matched[pivot]
            key = (pattern.atom.predicate, pattern.positive)
            pool = self._index.candidates(pattern, {}) if delta is None else delta.get(key, ())
            partial: list[tuple[_Binding, tuple[Literal, ...]]] = []
            for literal in pool:
                binding = _extend(pattern, literal, {})
                if binding is not None:
                    partial.append((binding, (literal,)))
            for position in range(len(matched)):
                if position == pivot or not partial:
                    continue
                condition = matched[position]
                older_only = not first and position < pivot  # semi-naive: each firing is found once
                extended: list[tuple[_Binding, tuple[Literal, ...]]] = []
                for binding, picked in partial:
                    for literal in self._index.candidates(condition, binding):
                        if older_only and rounds[literal] >= newest:
                            continue
                        grown = _extend(condition, literal, binding)
                        if grown is not None:
                            extended.append((grown, (*picked, literal)))
                partial = extended
            for binding, picked in partial:  # picked: the pivot's literal, then the others in order
                premises = (*picked[1 : pivot + 1], picked[0], *picked[pivot + 1 :]) if pivot else picked
                if failed:
                    firings.extend(self._with_failures(rule, failed, binding, premises))
                else:
                    firings.append((premises, binding))
        return firings

    def _with_failures(
        self,
        rule: Rule,
        failed: Sequence[Literal],
        binding: _Binding,
        matched_premises: tuple[Literal, ...],
    ) -> Iterator[tuple[tuple[Literal, ...], _Binding]]:
        """Bind what the failed (NAF) conditions leave open over the domain; keep bindings where they hold."""
        open_variables = [v.name for v in rule.variables() if v.name not in binding]
        for values in itertools.product(self.domain, repeat=len(open_variables)):
            full = {**binding, **dict(zip(open_variables, values, strict=True))}
            assumptions = [_ground(c, full) for c in failed]
            if all(a.negated() not in self._index.round for a in assumptions):
                self.assumed.update(assumptions)
                matched_iter = iter(matched_premises)
                failed_iter = iter(assumptions)
                premises = tuple(
                    next(failed_iter) if self.closed_world and not c.positive else next(matched_iter)
                    for c in rule.conditions
                )
                yield premises, full

    # --- heights ----------------------------------------------------------------------------

    def _heights(self) -> dict[Literal, int]:
        """Height of each literal's shallowest proof: facts and NAF assumptions 0, a step adds 1."""
        height = dict.fromkeys(self.facts, 0) | dict.fromkeys(self.assumed, 0)
        changed = True
        while changed:
            changed = False
            for literal, derivations in self.derivations.items():
                for derivation in derivations:
                    if all(p in height for p in derivation.premises):
                        candidate = 1 + max((height[p] for p in derivation.premises), default=0)
                        if candidate < height.get(literal, candidate + 1):
                            height[literal] = candidate
                            changed = True
        return height


def _ground(literal: Literal, binding: _Binding) -> Literal:
    """`literal` with every variable replaced by its value in `binding` (which binds them all)."""
    atom = literal.atom
    args = [binding[a.name] if isinstance(a, Variable) else a for a in atom.args]
    return Literal(Atom(atom.predicate, tuple(args)), literal.positive)


def _extend(pattern: Literal, ground: Literal, binding: _Binding) -> _Binding | None:
    """`binding` extended so that `pattern` becomes `ground`, or None; the index has already matched
    predicate and polarity (`logic.matching.match_literal` checks them too, for callers without one)."""
    values = ground.atom.args
    terms = pattern.atom.args
    if len(terms) != len(values):
        return None
    extended = dict(binding)
    for term, value in zip(terms, values, strict=True):
        if term.__class__ is Variable:
            bound = extended.setdefault(term.name, value)  # type: ignore[arg-type]
            if bound is not value and bound != value:
                return None
        elif term is not value and term != value:
            return None
    return extended


def stratify(rules: Sequence[tuple[str, Rule]]) -> list[list[tuple[str, Rule]]]:
    """Rules grouped into strata so that negated predicates are complete before use; else an error."""
    import networkx as nx  # here, not above: only the closed world stratifies, and the import costs 0.2 s

    graph: nx.DiGraph[str] = nx.DiGraph()
    for rule_id, rule in rules:
        head = rule.head.atom.predicate
        graph.add_node(head)
        for condition in rule.conditions:
            negative = not condition.positive
            previous = graph.get_edge_data(condition.atom.predicate, head, {"negative": False, "rule": rule_id})
            graph.add_edge(condition.atom.predicate, head, negative=negative or previous["negative"], rule=rule_id)
    components = nx.condensation(graph)
    for source, target, data in graph.edges(data=True):
        mapping = components.graph["mapping"]
        if data["negative"] and mapping[source] == mapping[target]:
            raise UnstratifiedError(
                f"{data['rule']}: {target!r} depends on the negation of {source!r} in a cycle; "
                "negation as failure needs a stratified theory"
            )
    stratum_of = {node: i for i, node in enumerate(nx.topological_sort(components))}
    strata: list[list[tuple[str, Rule]]] = [[] for _ in stratum_of]
    for rule_id, rule in rules:
        strata[stratum_of[components.graph["mapping"][rule.head.atom.predicate]]].append((rule_id, rule))
    return [stratum for stratum in strata if stratum]
