"""PrOntoQA-style questions: a fictional class hierarchy, a chain of 1, 3 or 5 hops from a named member to a
property, True/False questions, and PrOntoQA's own gold chains of thought, in Logic-LM's layout.

`python -m proofloom.generator.prontoqa datasets/prontoqa/prontoqa-style.toml -o out.json` writes one JSON array.
Each context says, in forms drawn from the recipe (`Wumpuses are impuses.`, `Every wumpus is an impus.`,
`Each wumpus is not shy.`), a chain of classes `c0 -> c1 -> ... -> c_hops`, a property of the last class,
the opposite property on a distractor class, and a few distractor subclasses; the label is the reasoner's,
checked against the construction. Every random choice flows from the recipe's seed and the example's index.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proofloom.atomic import write_text_atomic
from proofloom.logic.english import Lexicon, read_english, render_sentence
from proofloom.logic.semantics import Label, Semantics
from proofloom.logic.terms import Atom, Constant, Content, Literal, Rule, RuleForm, RuleStyle, Variable
from proofloom.prover.proof.explanation import ChainStyle, to_chain_of_thought
from proofloom.prover.reasoning.reasoner import Reasoner

_X = Variable("X")
CLASS_NOUNS = (
    "wumpus", "yumpus", "zumpus", "dumpus", "rompus", "numpus", "tumpus", "vumpus", "impus", "jompus",
    "gorpus", "shumpus", "lempus", "sterpus", "grimpus", "lorpus", "brimpus", "zorpus", "flumpus", "quompus",
)  # fmt: skip
PROPERTIES = (
    "shy", "sour", "bright", "dull", "loud", "fruity", "liquid", "wooden", "metallic", "opaque", "happy", "cold",
)  # fmt: skip
NAMES = ("max", "sam", "alex", "fae", "polly", "rex", "sally", "stella", "wren")


@dataclass(frozen=True, slots=True)
class ProntoRecipe:
    """Everything that decides a PrOntoQA-style set: with the same recipe, the same bytes."""

    name: str = "prontoqa-style"
    seed: int = 0
    count: int = 30
    hops: tuple[int, ...] = (1, 3, 5)  # drawn in turn: example i has hops[i % len(hops)]
    distractor_classes: int = 2
    forms: tuple[str, ...] = ("generic", "every", "each")  # how a subclass rule is written
    negated_property_rate: float = 0.5  # the property the chain reaches is a negative one (`... are not shy`)
    false_rate: float = 0.5  # the statement asked is the opposite of what follows

    @classmethod
    def load(cls, path: Path) -> ProntoRecipe:
        table: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        known = set(cls.__dataclass_fields__)
        unknown = set(table) - known
        if unknown:
            raise ValueError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})")
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in table.items()}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class _Built:
    contents: list[Content] = field(default_factory=list)
    statement: Literal | None = None


def _is(predicate: str, term: Constant | Variable, positive: bool = True) -> Literal:
    return Literal(Atom(predicate, (term,)), positive)


def example(recipe: ProntoRecipe, index: int) -> dict[str, Any]:
    """Example `index`: its Logic-LM record with the gold chain of thought beside it."""
    rng = random.Random(f"{recipe.seed}:{index}")
    hops = recipe.hops[index % len(recipe.hops)]
    classes = rng.sample(CLASS_NOUNS, hops + 1 + recipe.distractor_classes)
    chain, distractors = classes[: hops + 1], classes[hops + 1 :]
    prop = rng.choice(PROPERTIES)
    positive = rng.random() >= recipe.negated_property_rate
    name = Constant(rng.choice(NAMES))

    def style() -> RuleStyle:
        return RuleStyle(RuleForm(rng.choice(recipe.forms)))

    contents: list[Content] = [
        Rule((_is(a, _X),), _is(b, _X), style()) for a, b in zip(chain[:-1], chain[1:], strict=True)
    ]
    contents.append(Rule((_is(chain[-1], _X),), _is(prop, _X, positive), style()))
    contents.append(Rule((_is(distractors[0], _X),), _is(prop, _X, not positive), style()))  # the near miss
    for extra in distractors[1:]:
        contents.append(Rule((_is(extra, _X),), _is(rng.choice(chain[1:]), _X), style()))
    rng.shuffle(contents)
    contents.append(_is(chain[0], name))
    asked_true = rng.random() >= recipe.false_rate
    statement = _is(prop, name, positive if asked_true else not positive)
    lexicon = Lexicon(frozenset({name.name}), frozenset(classes))
    context = " ".join(render_sentence(c, lexicon) for c in contents)
    reading = read_english(context)
    answer = Reasoner(reading.theory, Semantics.OWA).answer(statement)
    expected = Label.TRUE if asked_true else Label.FALSE
    if answer.label is not expected or answer.proof is None:
        raise AssertionError(f"example {index}: the reasoner says {answer.label.value}, built {expected.value}")
    chain_text = to_chain_of_thought(answer.proof, reading.lexicon, ChainStyle.PRONTOQA)
    return {
        "id": f"{recipe.name}_{index}",
        "context": context,
        "question": f"Is the following statement true or false? {render_sentence(statement, lexicon)}",
        "options": ["A) True", "B) False"],
        "answer": "A" if asked_true else "B",
        "hops": hops,
        "chain_of_thought": chain_text,
    }


def generate(recipe: ProntoRecipe) -> list[dict[str, Any]]:
    return [example(recipe, i) for i in range(recipe.count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m proofloom.generator.prontoqa", description=__doc__)
    parser.add_argument("recipe", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("-n", "--count", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        recipe = ProntoRecipe.load(args.recipe)
    except (OSError, ValueError, TypeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.count is not None:
        recipe = dataclasses.replace(recipe, count=args.count)
    write_text_atomic(args.output, json.dumps(generate(recipe), indent=1) + "\n")
    print(f"{recipe.count} PrOntoQA-style questions in {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
