"""EntailmentTree: a proof as a networkx DAG of theory sentences and derived literals.

Leaves are theory sentences (keyed by sentence id) or literals assumed by negation as failure;
every other node is a derived literal, with one step: premises (facts, intermediates and the rule
sentence) entail it under a substitution. Converts to and from EntailmentBank's linearized form
and ProofWriter's proof strings (`prover/proof_strings.py`).
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from proofloom.errors import ProofloomError
from proofloom.logic.terms import Literal, Theory, slot_setters

if TYPE_CHECKING:
    import networkx as nx  # imported where a graph is built: reading and writing proofs never needs it

NodeKey = str | Literal  # a sentence id for a leaf, a literal for a derived or NAF node


class NodeKind(enum.Enum):
    """What a node of an entailment tree stands for."""

    SENTENCE = "sentence"  # a fact or rule of the theory
    DERIVED = "derived"  # a literal concluded by a step
    NAF = "naf"  # a negative literal assumed because its atom is not derivable (closed world only)
    ASSUMED = "assumed"  # a literal taken as given by an explanation (only in verifier input)


class Direction(enum.Enum):
    """How a step used its rule: forward (modus ponens) or backward (contraposition, classical only)."""

    FORWARD = "forward"
    CONTRAPOSITIVE = "contrapositive"


@dataclass(frozen=True, slots=True, init=False)
class Step:
    """One inference: `facts` and the `rule` sentence (if any) entail `conclusion`."""

    conclusion: Literal
    facts: tuple[NodeKey, ...]
    rule: str | None
    substitution: tuple[tuple[str, str], ...] = field(compare=False)
    direction: Direction = field(compare=False)

    def __init__(  # by hand: every proof of every generated question makes its steps
        self,
        conclusion: Literal,
        facts: tuple[NodeKey, ...],
        rule: str | None,
        substitution: tuple[tuple[str, str], ...] = (),
        direction: Direction = Direction.FORWARD,
    ) -> None:
        _step_conclusion(self, conclusion)
        _step_facts(self, facts)
        _step_rule(self, rule)
        _step_substitution(self, substitution)
        _step_direction(self, direction)

    @property
    def premises(self) -> tuple[NodeKey, ...]:
        """Facts first, then the rule sentence: EntailmentBank's premise order."""
        return (*self.facts, self.rule) if self.rule else self.facts


_step_conclusion, _step_facts, _step_rule, _step_substitution, _step_direction = slot_setters(
    Step, "conclusion", "facts", "rule", "substitution", "direction"
)


class TreeError(ProofloomError, ValueError):
    """A malformed tree or proof string: a cycle, a dangling premise, an unknown sentence."""


class EntailmentTree:
    """A proof of `root`; built once from steps and leaves, then only read.

    The nodes and edges are kept as plain dicts, which is all that reading a proof needs; the networkx
    graph they describe is built when a proof has to be checked for cycles (steps not premises first)
    or when `graph` is asked for, so the thousands of trees a generator makes a second do not pay for it.
    """

    def __init__(self, root: NodeKey, steps: tuple[Step, ...], theory: Theory, naf: tuple[Literal, ...] = ()) -> None:
        nodes = _Nodes()
        for literal in naf:
            nodes.add(literal, NodeKind.NAF, literal, None)
        derived = [nodes.conclude(step) for step in steps]
        edges, in_order = _edges(steps, derived, nodes, theory)
        if root not in nodes.position:
            nodes.add_leaf(root, theory)
        position, kinds, literals, node_steps = nodes.position, nodes.kinds, nodes.literals, nodes.steps
        self._position = position
        self._kinds = kinds
        self._literals = literals
        self._node_steps = node_steps
        self._edges = edges  # premise number -> conclusion number, each once
        self._graph: nx.DiGraph[NodeKey] | None = None
        self.root = root
        self.theory = theory
        self._steps: tuple[Step, ...] | None = None
        if not in_order and not _acyclic(self._network()):
            raise TreeError(f"proof of {root} has a cycle")

    def _network(self) -> nx.DiGraph[NodeKey]:
        """The tree as a networkx DAG (node attributes kind, literal and step), built on first use."""
        if self._graph is None:
            import networkx as nx

            graph: nx.DiGraph[NodeKey] = nx.DiGraph()
            nodes = list(self._position)
            for number, node in enumerate(nodes):
                step = self._node_steps[number]
                graph.add_node(
                    node, kind=self._kinds[number], literal=self._literals[number], **({"step": step} if step else {})
                )
            graph.add_edges_from((nodes[premise], nodes[conclusion]) for premise, conclusion in self._edges)
            self._graph = graph
        return self._graph

    @property
    def conclusion(self) -> Literal:
        """The literal the tree proves."""
        literal = self._literals[self._position[self.root]]
        assert isinstance(literal, Literal)
        return literal

    @property
    def graph(self) -> nx.DiGraph[NodeKey]:
        """A read-only view of the tree as a networkx DAG."""
        return self._network().copy(as_view=True)

    def kind(self, node: NodeKey) -> NodeKind:
        return self._kinds[self._position[node]]

    def literal(self, node: NodeKey) -> Literal | None:
        return self._literals[self._position[node]]

    def step(self, node: NodeKey) -> Step | None:
        """The step that concludes `node`; None for a leaf."""
        return self._node_steps[self._position[node]]

    def steps(self) -> tuple[Step, ...]:
        """The steps in an order where every premise comes before its use (ties broken stably)."""
        if self._steps is None:  # the tree never changes: sort once
            order = _lexicographic_order([self._sort_key(node) for node in self._position], self._edges)
            self._steps = tuple(step for n in order if (step := self._node_steps[n]) is not None)
        return self._steps

    def leaves(self) -> tuple[NodeKey, ...]:
        """Sentence and NAF leaves, in theory order."""
        leaves = [n for n in self._position if self.kind(n) is not NodeKind.DERIVED]
        return tuple(sorted(leaves, key=self._sort_key))

    def sentence_ids(self) -> tuple[str, ...]:
        """The theory sentences the proof rests on, in theory order."""
        ids = [n for n in self._position if isinstance(n, str)]
        return tuple(sorted(ids, key=self.theory.index_of))

    @property
    def depth(self) -> int:
        """Height counted in rule applications: a fact is 0 (ProofWriter's QDep)."""
        return _height({node: self._node_steps[n] for node, n in self._position.items()}, self.root, {})

    @property
    def size(self) -> int:
        """The number of steps (a tree that is one theory sentence has none)."""
        return len(self.steps())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EntailmentTree):
            return NotImplemented
        return self.root == other.root and set(self.steps()) == set(other.steps())

    def __hash__(self) -> int:
        return hash((self.root, frozenset(self.steps())))

    def __repr__(self) -> str:
        return f"EntailmentTree({self.conclusion}, depth={self.depth}, steps={self.size})"

    def _sort_key(self, node: NodeKey) -> tuple[int, int, str]:
        """Sentences in theory order, then literals by their text: a stable order for steps."""
        if isinstance(node, str):
            return (0, self.theory.index_of(node), node)
        return (1, 0, str(node))

    def iter_edges(self) -> Iterator[tuple[NodeKey, NodeKey]]:
        nodes = list(self._position)
        return ((nodes[premise], nodes[conclusion]) for premise, conclusion in self._edges)


def collect_tree(
    goal: Literal,
    facts: Mapping[Literal, str],
    step_of: Callable[[Literal], Step],
    theory: Theory,
    naf: frozenset[Literal] = frozenset(),
) -> EntailmentTree:
    """The tree of `goal`: its step, then the steps of every derived premise, down to the facts and to the
    literals assumed by negation as failure (`naf`, closed world only: leaves of their own)."""
    if goal in facts:
        return EntailmentTree(facts[goal], (), theory)
    if goal in naf:
        return EntailmentTree(goal, (), theory, (goal,))
    steps: dict[Literal, Step] = {}
    assumed: dict[Literal, None] = {}
    pending = [goal]
    while pending:
        literal = pending.pop()
        if literal in steps or literal in facts:
            continue
        if literal in naf:
            assumed[literal] = None
            continue
        steps[literal] = step = step_of(literal)
        pending.extend(p for p in step.facts if isinstance(p, Literal))
    return EntailmentTree(goal, tuple(steps.values()), theory, tuple(assumed))


def _lexicographic_order(keys: list[tuple[int, int, str]], edges: tuple[tuple[int, int], ...]) -> list[int]:
    """The topological order of nodes 0..n-1 that always takes the ready node of least key (networkx's
    `lexicographical_topological_sort` gives the same order), read off the edges."""
    waiting = [0] * len(keys)
    successors: list[list[int]] = [[] for _ in keys]
    for premise, conclusion in edges:
        waiting[conclusion] += 1
        successors[premise].append(conclusion)
    ready = [(key, node) for node, key in enumerate(keys) if waiting[node] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, node = heapq.heappop(ready)
        order.append(node)
        for successor in successors[node]:
            waiting[successor] -= 1
            if not waiting[successor]:
                heapq.heappush(ready, (keys[successor], successor))
    return order


def _leaf(node: NodeKey, theory: Theory) -> tuple[NodeKind, Literal | None]:
    """A leaf's kind, and its literal (none for a rule sentence)."""
    if isinstance(node, Literal):
        return NodeKind.ASSUMED, node
    try:
        content = theory[node].content
    except KeyError:
        raise TreeError(f"premise {node!r} is not a sentence of the theory") from None
    return NodeKind.SENTENCE, content if isinstance(content, Literal) else None


def _height(steps: Mapping[NodeKey, Step | None], node: NodeKey, memo: dict[NodeKey, int]) -> int:
    if node not in memo:
        step = steps[node]
        memo[node] = 0 if step is None else 1 + max((_height(steps, p, memo) for p in step.facts), default=0)
    return memo[node]


@dataclass(slots=True)
class _Nodes:
    """A tree's nodes numbered in the order first met, with their kinds, literals and steps by number."""

    position: dict[NodeKey, int] = field(default_factory=dict)
    kinds: list[NodeKind] = field(default_factory=list)
    literals: list[Literal | None] = field(default_factory=list)
    steps: list[Step | None] = field(default_factory=list)

    def add(self, key: NodeKey, kind: NodeKind, literal: Literal | None, step: Step | None) -> int:
        number = self.position[key] = len(self.kinds)
        self.kinds.append(kind)
        self.literals.append(literal)
        self.steps.append(step)
        return number

    def add_leaf(self, key: NodeKey, theory: Theory) -> int:
        kind, literal = _leaf(key, theory)
        return self.add(key, kind, literal, None)

    def conclude(self, step: Step) -> int:
        """The number of the step's conclusion, now a derived node (an assumed literal it concludes included)."""
        number = self.position.get(step.conclusion)
        if number is None:
            return self.add(step.conclusion, NodeKind.DERIVED, step.conclusion, step)
        self.kinds[number], self.literals[number], self.steps[number] = NodeKind.DERIVED, step.conclusion, step
        return number


def _edges(
    steps: tuple[Step, ...], derived: list[int], nodes: _Nodes, theory: Theory
) -> tuple[tuple[tuple[int, int], ...], bool]:
    """Premise-to-conclusion edges by number, each once, adding leaves as met; and whether every derived
    premise was concluded by an earlier step (then there is no cycle and no graph need be built to know)."""
    derived_numbers = set(derived)
    concluded: set[int] = set()
    in_order = True
    edges: dict[tuple[int, int], None] = {}
    for step, conclusion in zip(steps, derived, strict=True):
        for premise in step.premises:
            known = nodes.position.get(premise)
            if known is None:
                known = nodes.add_leaf(premise, theory)
            elif known in derived_numbers and known not in concluded:
                in_order = False
            edges[(known, conclusion)] = None
        concluded.add(conclusion)
    return tuple(edges), in_order


def _acyclic(graph: nx.DiGraph[NodeKey]) -> bool:
    import networkx as nx

    return bool(nx.is_directed_acyclic_graph(graph))
