"""Entailment trees out of a forward-chaining closure: the shallowest proof, or all proofs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from proofloom.limits import LIMITS
from proofloom.logic.terms import Literal, slot_setters
from proofloom.prover.proof.tree import EntailmentTree, NodeKey, Step
from proofloom.prover.reasoning.chaining import Closure, Derivation


@dataclass(frozen=True, slots=True, init=False)
class _Proof:
    """A proof as nested derivations: a fact, a NAF assumption, or a derivation over sub-proofs."""

    literal: Literal
    derivation: Derivation | None
    parts: tuple[_Proof, ...]

    def __init__(self, literal: Literal, derivation: Derivation | None, parts: tuple[_Proof, ...] = ()) -> None:
        _proof_literal(self, literal)  # by hand: enumerating proofs makes them by the dozen a question
        _proof_derivation(self, derivation)
        _proof_parts(self, parts)


_proof_literal, _proof_derivation, _proof_parts = slot_setters(_Proof, "literal", "derivation", "parts")


def shallowest_tree(closure: Closure, literal: Literal) -> EntailmentTree | None:
    """The proof of least height (ties go to the derivation found first), or None if none exists."""
    if literal not in closure.height:
        return None
    return _to_tree(closure, _shallowest(closure, literal))


def _shallowest(closure: Closure, literal: Literal) -> _Proof:
    height = closure.height[literal]
    if height == 0:
        return _Proof(literal, None)
    for derivation in closure.derivations[literal]:
        heights = [closure.height.get(p) for p in derivation.premises]
        if all(h is not None and h < height for h in heights) and 1 + max(h or 0 for h in heights) == height:
            return _Proof(literal, derivation, tuple(_shallowest(closure, p) for p in derivation.premises))
    raise AssertionError(f"no derivation of {literal} has height {height}")


_Collected = tuple[int, int, NodeKey, dict[Literal, Step], dict[Literal, None]]  # height, size, root, steps, naf


def all_trees(closure: Closure, literal: Literal, limit: int = LIMITS.proofs) -> tuple[EntailmentTree, ...]:
    """Every proof without a repeated literal on a branch, shallowest first, at most `limit`.

    Two proofs can merge into one tree (a literal proved twice keeps its first step), so proofs are
    collected as steps, told apart by their step sets, and sorted before any tree is built."""
    collected: list[tuple[NodeKey, dict[Literal, Step], dict[Literal, None]]] = []
    for proof in itertools.islice(_proofs(closure, literal, frozenset()), limit):
        steps: dict[Literal, Step] = {}
        naf: dict[Literal, None] = {}
        collected.append((_node(closure, proof, steps, naf), steps, naf))
    if len(collected) == 1:  # the usual case: nothing to tell apart or sort
        root, steps, naf = collected[0]
        return (EntailmentTree(root, tuple(steps.values()), closure.theory, tuple(naf)),)
    found: dict[tuple[NodeKey, frozenset[Step]], _Collected] = {}
    for root, steps, naf in collected:
        key = (root, frozenset(steps.values()))
        if key not in found:
            found[key] = (_height(steps), len(steps), root, steps, naf)
    ordered = sorted(found.values(), key=lambda entry: entry[:2])  # stable: ties keep the order found
    return tuple(
        EntailmentTree(root, tuple(steps.values()), closure.theory, tuple(naf)) for _, _, root, steps, naf in ordered
    )


def _height(steps: dict[Literal, Step]) -> int:
    """The height of the tree these steps make, premises first as `_node` records them (0 without steps)."""
    heights: dict[object, int] = {}
    for step in steps.values():
        heights[step.conclusion] = 1 + max((heights.get(p, 0) for p in step.facts), default=0)
    return max(heights.values(), default=0)


def _proofs(closure: Closure, literal: Literal, path: frozenset[Literal]) -> Iterator[_Proof]:
    if _is_leaf(closure, literal):
        yield _Proof(literal, None)
    derivations = closure.derivations.get(literal)
    if not derivations:
        return
    inner = path | {literal}
    for derivation in derivations:
        if any(p in inner for p in derivation.premises):
            continue
        options = [
            list(_proofs(closure, p, inner)) if p in closure.derivations else _leaf_only(closure, p)
            for p in derivation.premises
        ]
        for parts in itertools.product(*options):
            yield _Proof(literal, derivation, tuple(parts))


def _is_leaf(closure: Closure, literal: Literal) -> bool:
    """A stated fact, or (closed world) a negative literal assumed by failure."""
    return literal in closure.facts or (closure.closed_world and literal in closure.assumed and not literal.positive)


def _leaf_only(closure: Closure, literal: Literal) -> list[_Proof]:
    """The proofs of a literal nothing derives, without a recursive generator: most premises are facts."""
    return [_Proof(literal, None)] if _is_leaf(closure, literal) else []


def _to_tree(closure: Closure, proof: _Proof) -> EntailmentTree:
    steps: dict[Literal, Step] = {}
    naf: dict[Literal, None] = {}
    root = _node(closure, proof, steps, naf)
    return EntailmentTree(root, tuple(steps.values()), closure.theory, tuple(naf))


def _node(closure: Closure, part: _Proof, steps: dict[Literal, Step], naf: dict[Literal, None]) -> NodeKey:
    """The tree node of a sub-proof; its steps are recorded after those of its parts (premises first).

    A plain function, not a closure over `steps`: a recursive inner function is a reference cycle, and
    thousands of them a second keep the garbage collector busy.
    """
    if part.derivation is None:
        if part.literal in closure.facts:
            return closure.facts[part.literal]
        naf[part.literal] = None
        return part.literal
    if part.literal not in steps:
        facts = tuple(_node(closure, p, steps, naf) for p in part.parts)
        derivation = part.derivation
        steps[part.literal] = Step(part.literal, facts, derivation.rule, derivation.substitution)
    return part.literal
