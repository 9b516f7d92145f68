"""ProofWriter's proof strings, both ways: `[(((triple1) -> rule3))]` and `(rule3 % int1)` intermediates.

Written as ProofWriter's meta files write them (alternatives in one group, `[(P1 OR P2)]`; an intermediates
representation bare, `((triple1) -> (rule1 % int1))`); read in that form and in the one proofloom wrote
before (`[(P1) OR (P2)]`, `(((triple1) -> (rule1 % int1)))`), with cwa's numbered `naf1` premises too.

A step's conclusion is not written in a proof string: reading one applies each rule to its premises
(checked against the intermediates' text when given). Intermediates are numbered from the root down.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedInput, VisitError

from proofloom.logic.english import Lexicon, read_statement, render_sentence
from proofloom.logic.matching import Binding, bindings_for, match_literal
from proofloom.logic.terms import Content, Literal, Rule, Theory
from proofloom.prover.proof.tree import EntailmentTree, NodeKey, NodeKind, Step, TreeError

_PARSER = Lark.open_from_package(
    "proofloom.prover.proof", "proof_strings.lark", parser="lalr", start="proofs", cache=True
)
NAF_LEAF = "NAF"
_NAF_NAMED = re.compile(r"naf[0-9]+")  # ProofWriter's cwa intermediates name each NAF premise: naf1, naf2, ...


def is_naf_leaf(name: str) -> bool:
    """`NAF`, or a closed-world proof's numbered `naf1`: a premise assumed by failure."""
    return name == NAF_LEAF or _NAF_NAMED.fullmatch(name) is not None


# --- writing ----------------------------------------------------------------------------------


def to_proofwriter(trees: tuple[EntailmentTree, ...]) -> str:
    """`[(proof OR proof ...)]` without intermediates, as ProofWriter's meta files write them (one group of
    alternatives: `[(((triple4) -> rule8) OR ((triple6) -> rule7))]`, a fact alone `[(triple2)]`)."""
    return "[(" + " OR ".join(_node(t, t.root, None) for t in trees) + ")]"


def to_proofwriter_with_intermediates(
    tree: EntailmentTree, lexicon: Lexicon | None = None
) -> tuple[str, dict[str, str]]:
    """One proof with `(rule % intK)` references, and each intermediate's English text."""
    names: dict[Literal, str] = {}
    written = _node(tree, tree.root, names)
    # as ProofWriter's: a rule's application bare, `((triple1) -> (rule1 % int1))`; a leaf in brackets, `(triple5)`
    representation = written if written.startswith("(") else f"({written})"
    return representation, {name: render_sentence(literal, lexicon) for literal, name in names.items()}


def _node(tree: EntailmentTree, node: NodeKey, names: dict[Literal, str] | None) -> str:
    if isinstance(node, str):  # a theory sentence: the only nodes named by strings
        return node
    kind = tree.kind(node)
    if kind is NodeKind.NAF:
        return NAF_LEAF
    step = tree.step(node)
    if step is None:
        raise TreeError(f"{node} is neither a theory sentence nor derived: ProofWriter strings cannot say it")
    rule = step.rule or "?"
    if names is not None:
        assert isinstance(node, Literal)
        name = names.setdefault(node, f"int{len(names) + 1}")
        rule = f"({rule} % {name})"
    premises = " ".join([_node(tree, p, names) for p in step.facts])
    return f"(({premises}) -> {rule})"


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProofLeaf:
    """A sentence id (or NAF) standing as a proof."""

    name: str


@dataclass(frozen=True, slots=True)
class RuleApplication:
    """A rule applied to sub-proofs; `intermediate` is its `% intK` name when written."""

    premises: tuple[ProofLeaf | RuleApplication, ...]
    rule: str
    intermediate: str | None


class _ToProofs(Transformer[Token, object]):
    @v_args(inline=True)
    def leaf(self, name: Token) -> ProofLeaf:
        return ProofLeaf(str(name))

    def application(self, children: list[object]) -> RuleApplication:
        reference = children[-1]
        assert isinstance(reference, tuple)
        premises = tuple(c for c in children[:-1] if isinstance(c, ProofLeaf | RuleApplication))
        return RuleApplication(premises, str(reference[0]), None if reference[1] is None else str(reference[1]))

    @v_args(inline=True)
    def plain_rule(self, rule: Token) -> tuple[str, None]:
        return str(rule), None

    @v_args(inline=True)
    def named_rule(self, rule: Token, intermediate: Token) -> tuple[str, str]:
        return str(rule), str(intermediate)

    @v_args(inline=True)
    def proof(self, node: object) -> object:
        return node

    def proofs(self, children: list[object]) -> list[object]:
        return [c for c in children if isinstance(c, ProofLeaf | RuleApplication)]


def parse_proofs(text: str) -> list[ProofLeaf | RuleApplication]:
    """The proofs of a proof string as written (nothing checked against a theory yet)."""
    return list(_proofs_cached(text))


@lru_cache(maxsize=65536)
def _proofs_cached(text: str) -> tuple[ProofLeaf | RuleApplication, ...]:
    """A proof string read once (files repeat them: one theory, many questions): by `_PlainReader` where it
    reads it, else by lark, which also raises the errors with their column. The values are frozen, so shared."""
    found = _PlainReader(text).proofs()
    return tuple(_parsed_proofs(text) if found is None else found)


def _parsed_proofs(text: str) -> list[ProofLeaf | RuleApplication]:
    try:
        parsed = _ToProofs().transform(_PARSER.parse(text))
    except UnexpectedInput as error:
        raise TreeError(f"proof string, column {error.column}: cannot read {text.strip()!r}") from None
    except VisitError as error:
        raise TreeError(f"proof string {text!r}: {error.orig_exc}") from None
    assert isinstance(parsed, list)
    return parsed


# The grammar's terminals, white space (`common.WS`) between them skipped; ID as the grammar writes it.
_PLAIN_TOKEN = re.compile(r"[ \t\f\r\n]*(?:(->|[\[\]()%])|((?!OR\b)[A-Za-z_][A-Za-z0-9_]*)|(OR\b))")
_SPACE = re.compile(r"[ \t\f\r\n]*")


class _PlainReader:
    """The grammar read by recursive descent, one token ahead (each choice is made by the next token: `node`
    is an ID or `(`, a run of nodes ends at `)`), making what `_ToProofs` makes; `proofs()` is None at the
    first thing it does not expect, and lark reads the text instead. Lark built and walked a tree for every
    proof string, about a fifth of verifying ProofWriter proofs."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []  # (kind, text): kind "", "ID" or "OR" for punctuation, ids, OR
        position, end = 0, len(text)
        while True:
            position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
            if position >= end:
                break
            found = _PLAIN_TOKEN.match(text, position)
            if found is None:
                self.tokens = [("?", "")]
                break
            position = found.end()
            if found[1] is not None:
                self.tokens.append(("", found[1]))
            elif found[2] is not None:
                self.tokens.append(("ID", found[2]))
            else:
                self.tokens.append(("OR", "OR"))
        self.tokens.append(("$END", ""))
        self.at = 0

    def proofs(self) -> list[ProofLeaf | RuleApplication] | None:
        try:
            found: list[ProofLeaf | RuleApplication] = []
            if self._next_is("", "["):
                self._take("", "[")
                if not self._next_is("", "]"):
                    found = self._alternatives()
                self._take("", "]")
            else:
                found = self._alternatives()
            self._take("$END", "")
            return found
        except _NotPlain:
            return None

    def _alternatives(self) -> list[ProofLeaf | RuleApplication]:
        found = self._proof()
        while self._next_is("OR", "OR"):
            self._take("OR", "OR")
            found += self._proof()
        return found

    def _proof(self) -> list[ProofLeaf | RuleApplication]:
        """One parenthesised group of alternatives, as ProofWriter writes them (`(P1 OR P2)`, `(P)`), or one
        bare proof, as its intermediates' representations are (`((triple1) -> (rule1 % int1))`)."""
        start = self.at
        try:
            self._take("", "(")
            found = [self._node()]
            while self._next_is("OR", "OR"):
                self._take("OR", "OR")
                found.append(self._node())
            self._take("", ")")
            return found
        except _NotPlain:
            self.at = start
        return [self._node()]

    def _node(self) -> ProofLeaf | RuleApplication:
        kind, value = self.tokens[self.at]
        if kind == "ID":
            self.at += 1
            return ProofLeaf(value)
        self._take("", "(")
        self._take("", "(")
        premises = [self._node()]
        while not self._next_is("", ")"):
            premises.append(self._node())
        self._take("", ")")
        self._take("", "->")
        if self._next_is("", "("):
            self._take("", "(")
            rule = self._take("ID", None)
            self._take("", "%")
            intermediate: str | None = self._take("ID", None)
            self._take("", ")")
        else:
            rule, intermediate = self._take("ID", None), None
        self._take("", ")")
        return RuleApplication(tuple(premises), rule, intermediate)

    def _next_is(self, kind: str, value: str) -> bool:
        return self.tokens[self.at] == (kind, value)

    def _take(self, kind: str, value: str | None) -> str:
        found_kind, found = self.tokens[self.at]
        if found_kind != kind or (value is not None and found != value):
            raise _NotPlain
        self.at += 1
        return found


class _NotPlain(Exception):
    """Something `_PlainReader` does not expect: lark reads the text (and raises, if it cannot either)."""


def from_proofwriter(
    text: str, theory: Theory, intermediates: Mapping[str, str] | None = None, proves: Literal | None = None
) -> tuple[EntailmentTree, ...]:
    """Every proof in a ProofWriter proof string, as entailment trees over `theory`.

    `proves` is what each proof concludes (the question's statement, or its negation for False) and the
    intermediates' texts what its inner steps do: a step whose facts leave a variable open, as
    `((NAF) -> rule7)` with `~needs(X, lion) -> quiet(X)` under closed-world semantics, is read by them.
    """
    return tuple(_Builder(theory, intermediates or {}).tree(proof, proves) for proof in parse_proofs(text))


class _Builder:
    """Turns one parsed proof into a tree, concluding each step by applying its rule."""

    def __init__(self, theory: Theory, intermediates: Mapping[str, str]) -> None:
        self.theory = theory
        self.intermediates = intermediates
        self.steps: dict[Literal, Step] = {}
        self.naf: list[Literal] = []

    def tree(self, proof: ProofLeaf | RuleApplication, proves: Literal | None = None) -> EntailmentTree:
        if isinstance(proof, ProofLeaf) and is_naf_leaf(proof.name):  # `[(NAF)]`: the statement holds by failure alone
            if proves is None or proves.positive:
                said = f"not {proves}" if proves is not None else "but none is given"
                raise TreeError(f"a proof by failure alone (NAF) proves a negated statement, {said}")
            return EntailmentTree(proves, (), self.theory, (proves,))
        if isinstance(proof, ProofLeaf):
            self._sentence(proof.name)
            return EntailmentTree(proof.name, (), self.theory)
        root = self._apply(proof, proves)
        return EntailmentTree(root, tuple(self.steps.values()), self.theory, tuple(self.naf))

    def _sentence(self, name: str) -> Content:
        try:
            return self.theory[name].content
        except KeyError:
            raise TreeError(f"proof names {name!r}, which is not a sentence of the theory") from None

    def _apply(self, application: RuleApplication, proves: Literal | None = None) -> Literal:
        rule = self._sentence(application.rule)
        if isinstance(rule, Literal):
            raise TreeError(f"{application.rule} is applied as a rule but is a fact")
        if not isinstance(rule, Rule):
            raise TreeError(f"{application.rule} has a disjunctive head: no chaining step applies it")
        premises: list[NodeKey | None] = []  # None: a NAF slot, filled with what the step assumes, in order
        literals: list[Literal] = []
        for premise in application.premises:
            if isinstance(premise, ProofLeaf) and is_naf_leaf(premise.name):
                premises.append(None)
                continue
            node, literal = self._premise(premise)
            premises.append(node)
            literals.append(literal)
        text = self.intermediates.get(application.intermediate or "")
        said = read_statement(text) if text is not None else None
        conclusion, assumed = conclude(rule, literals, premises.count(None), application.rule, said or proves)
        self.naf.extend(a for a in assumed if a not in self.naf)
        slots = iter(assumed)
        facts = tuple(next(slots) if node is None else node for node in premises)
        if said is not None and said != conclusion:
            raise TreeError(f"{application.intermediate} says {text!r} but {application.rule} concludes {conclusion}")
        self.steps.setdefault(conclusion, Step(conclusion, facts, application.rule))
        return conclusion

    def _premise(self, premise: ProofLeaf | RuleApplication) -> tuple[NodeKey, Literal]:
        if isinstance(premise, RuleApplication):
            literal = self._apply(premise)
            return literal, literal
        content = self._sentence(premise.name)
        if not isinstance(content, Literal):
            raise TreeError(f"{premise.name} is a rule but stands where a fact belongs")
        return premise.name, content


def conclude(
    rule: Rule, premises: list[Literal], naf_count: int, rule_id: str, proves: Literal | None = None
) -> tuple[Literal, tuple[Literal, ...]]:
    """The head `rule` gives on `premises`, and the negative conditions left to negation as failure.

    `proves`, when known, binds the variables the premises leave open (a rule whose conditions are all negated)."""
    matched = [c for c in rule.conditions if c.positive] if naf_count else list(rule.conditions)
    failed = [c for c in rule.conditions if not c.positive] if naf_count else []
    if len(failed) != naf_count:
        raise TreeError(f"{rule_id} has {len(failed)} negated condition(s) but the proof gives {naf_count} NAF")
    # A binding that uses every premise comes first: with `kind(bald_eagle), kind(X)` on the premises
    # kind(bald_eagle) and kind(rabbit), X = bald_eagle also matches each condition but leaves kind(rabbit) unused.
    fitting = []
    open_ended = False
    for found in bindings_for(matched, premises):
        binding: Binding | None = found
        if proves is not None and not rule.head.substitute(found).is_ground:  # `proves` settles what facts leave open
            binding = match_literal(rule.head, proves, found)
        if binding is None:
            continue
        head = rule.head.substitute(binding)
        assumed = tuple(c.substitute(binding) for c in failed)
        if not (head.is_ground and all(a.is_ground for a in assumed)):
            open_ended = True
            continue
        if set(premises) <= {c.substitute(binding) for c in matched}:
            return head, assumed
        fitting.append((head, assumed))
    if fitting:
        return fitting[0]
    shown = ", ".join(map(str, premises)) or "no facts"
    said = f" to conclude {proves}" if proves is not None else ""
    hint = "; its facts leave a variable open: give the intermediates' text" if open_ended else ""
    raise TreeError(f"{rule_id} ({rule}) does not apply to {shown}{said}{hint}")
