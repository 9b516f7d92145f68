"""Hypothesis strategies for random theories, in the DSL's vocabulary and in ProofWriter's English one."""

from __future__ import annotations

from hypothesis import strategies as st

from proofloom.logic.terms import Atom, Constant, Content, Literal, Rule, RuleForm, RuleStyle, Theory, Variable

PEOPLE = ("anne", "bob", "charlie", "dave", "erin", "fiona", "gary", "harry")
ANIMALS = ("bald_eagle", "bear", "cat", "cow", "dog", "lion", "mouse", "rabbit", "squirrel", "tiger")
ATTRIBUTES = ("big", "blue", "cold", "furry", "green", "kind", "nice", "quiet", "red", "rough", "round", "young")
RELATIONS = ("chases", "eats", "likes", "needs", "sees", "visits", "watches", "carries")

identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)


def _atoms(
    constants: tuple[Constant, ...],
    variables: tuple[Variable, ...],
    attributes: tuple[str, ...],
    relations: tuple[str, ...],
) -> st.SearchStrategy[Atom]:
    terms = st.sampled_from(constants + variables)
    unary = st.builds(lambda p, t: Atom(p, (t,)), st.sampled_from(attributes), terms)
    binary = st.builds(lambda p, a, b: Atom(p, (a, b)), st.sampled_from(relations), terms, terms)
    return unary | binary


@st.composite
def rules(draw: st.DrawFn, atoms: st.SearchStrategy[Atom], styled: bool = False) -> Rule:
    conditions = tuple(draw(st.lists(st.builds(Literal, atoms, st.booleans()), min_size=1, max_size=3)))
    bound = {v for c in conditions for v in c.atom.variables()}
    head = draw(st.builds(Literal, atoms, st.booleans()).filter(lambda h: set(h.atom.variables()) <= bound))
    style = RuleStyle(draw(st.sampled_from(RuleForm)), draw(st.booleans())) if styled else None
    return Rule(conditions, head, style)


@st.composite
def dsl_theories(draw: st.DrawFn) -> Theory:
    """Any theory the DSL can write: random names, arities, variables, ids."""
    names = draw(st.lists(identifiers, min_size=3, max_size=8, unique=True))
    constants = tuple(Constant(n) for n in names[:2])
    variables = (Variable("X"), Variable("Y"), Variable("Who1"))
    atoms = _atoms(constants, variables, (names[2],), tuple(names[3:]) or ("rel",))
    ground = _atoms(constants, (), (names[2],), tuple(names[3:]) or ("rel",))
    facts = st.builds(Literal, ground, st.booleans())
    contents: list[Content] = draw(st.lists(facts | rules(atoms), max_size=8))
    theory = Theory.of(*contents)
    relabel = draw(st.lists(st.booleans(), min_size=len(contents), max_size=len(contents)))
    pairs = enumerate(zip(theory.sentences, relabel, strict=True))
    sentences = tuple(type(s)(f"s{i}_{s.id}" if flip else s.id, s.content) for i, (s, flip) in pairs)
    return Theory(sentences)


@st.composite
def english_theories(draw: st.DrawFn) -> Theory:
    """Theories ProofWriter's English can say: ProofWriter's vocabulary, one variable `X` per rule."""
    constants = tuple(
        Constant(n) for n in draw(st.lists(st.sampled_from(PEOPLE + ANIMALS), min_size=1, max_size=4, unique=True))
    )
    atoms = _atoms(constants, (Variable("X"),), ATTRIBUTES, RELATIONS)
    ground = _atoms(constants, (), ATTRIBUTES, RELATIONS)
    facts = st.builds(Literal, ground, st.booleans())
    contents = draw(st.lists(facts | rules(atoms, styled=True), min_size=1, max_size=8))
    return Theory.of(*contents)
