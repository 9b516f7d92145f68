"""The invented-vocabulary bench set: the shared dev questions with every word replaced by an invented one.

Every entity, attribute and relation of a theory (and its statement) is renamed to a pronounceable word no
English theory uses (`zorv`, `blicket`-like: consonant-vowel syllables, drawn with a seeded generator, none
of them a word of the original theory), consistently within the theory. The logic, and so the gold label and
depth, are unchanged; only the words are new. A step model that learned the words of its training data
fails here; one that learned to reason does not.

    python bench/invented.py [N] > invented.jsonl   # the set as problems: {"id", "theory" (DSL), "statement", "label"}
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator

from figure import DEV_FILE

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.syntax import render_dsl
from proofloom.logic.terms import Atom, Constant, Literal, Rule, Sentence, Term, Theory

GOLD = {"A": "True", "B": "False", "C": "Unknown"}
ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "bl", "dr", "gl", "kr", "pl", "sn")
VOWELS = ("a", "e", "i", "o", "u", "ee", "oo")
CODAS = ("", "", "b", "g", "k", "m", "p", "x", "sh", "rv")


def invented_word(rng: random.Random) -> str:
    """Two or three syllables of consonant + vowel, an optional final consonant: `zorvim`, `plukesh`."""
    syllables = rng.choice((2, 2, 3))
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables)) + rng.choice(CODAS)


def renamed(theory: Theory, statement: Literal, seed: str) -> tuple[Theory, Literal]:
    """The theory and statement with every constant and predicate renamed to invented words, consistently."""
    rng = random.Random(seed)
    words = [str(c) for c in (*theory.constants(), *statement.atom.args)] + [
        *theory.predicates(),
        statement.atom.predicate,
    ]
    taken = set(words)
    mapping: dict[str, str] = {}
    for word in dict.fromkeys(words):
        new = invented_word(rng)
        while new in taken:
            new = invented_word(rng)
        taken.add(new)
        mapping[word] = new

    def literal(lit: Literal) -> Literal:
        args: tuple[Term, ...] = tuple(
            Constant(mapping[a.name]) if isinstance(a, Constant) else a for a in lit.atom.args
        )
        return Literal(Atom(mapping[lit.atom.predicate], args), lit.positive)

    sentences = []
    for sentence in theory.sentences:
        content = sentence.content
        if isinstance(content, Literal):
            sentences.append(Sentence(sentence.id, literal(content)))
        elif isinstance(content, Rule):
            sentences.append(
                Sentence(sentence.id, Rule(tuple(map(literal, content.conditions)), literal(content.head)))
            )
    return Theory(tuple(sentences)), literal(statement)


def invented_questions(limit: int | None = None) -> Iterator[tuple[str, Theory, Literal, str]]:
    """(id, theory, statement, gold label) for the dev questions, renamed: the same question, new words."""
    records = json.loads(DEV_FILE.read_text())
    for number, record in enumerate(records[:limit]):
        theory = read_theory(record["context"])
        statement = read_statement(record["question"].rsplit("? ", 1)[-1])
        new_theory, new_statement = renamed(theory, statement, f"invented:{number}")
        yield record.get("id", str(number)), new_theory, new_statement, GOLD[record["answer"]]


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    for question_id, theory, statement, gold in invented_questions(limit):
        problem = {"id": f"{question_id}-invented", "theory": render_dsl(theory), "statement": str(statement)}
        print(json.dumps({**problem, "label": gold}))


if __name__ == "__main__":
    main()
