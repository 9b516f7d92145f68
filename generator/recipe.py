"""Recipes: every knob of the generator in one frozen value that round-trips to TOML.

An unknown key or a bad value is an error naming the key (`rules.negation_rate: expected a number
from 0 to 1, got 'x'`). Defaults reproduce ProofWriter's OWA depth-5 family. Closed sets are read
into their enums (semantics, labels, built-in vocabularies) and weight tables keyed by number get
integer keys; TOML spells them all as strings.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from proofloom.errors import ProofloomError
from proofloom.generator.vocabulary import BuiltIn, Vocabulary
from proofloom.logic.semantics import Label, Semantics

MAX_DEPTH = 20  # the deepest proof a recipe may ask for


def _choices(*values: Any) -> dict[str, Any]:
    """Field metadata: the values a field (or a weight table's keys) may take."""
    return {"choices": values}


_SINCE_DEFAULT = {"omit_default": True}  # a field added later: written only when set, so old recipes keep bytes


class RecipeError(ProofloomError, ValueError):
    """A recipe that cannot be used, naming the file and key."""


@dataclass(frozen=True, slots=True)
class VocabularySection:
    """Which words: a built-in vocabulary, with any list replaced by the recipe's own."""

    builtin: BuiltIn = BuiltIn.PROOFWRITER
    people: tuple[str, ...] = ()
    animals: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    relation_rate: float = 0.5  # share of theories over animals with relations (ProofWriter's Rel* families)

    def resolve(self) -> Vocabulary:
        """The words, checked (a ValueError names a bad list); made once per section, since every example asks."""
        return _resolve(self)


@functools.lru_cache(maxsize=64)
def _resolve(section: VocabularySection) -> Vocabulary:
    base = section.builtin.vocabulary
    return Vocabulary(
        section.people or base.people,
        section.animals or base.animals,
        section.attributes or base.attributes,
        section.relations or base.relations,
    )


@dataclass(frozen=True, slots=True)
class TheorySection:
    """Sizes: entities per theory, and distractor facts and rules added after the proofs are built."""

    entities: tuple[int, int] = (2, 4)
    distractor_facts: tuple[int, int] = (1, 4)
    distractor_rules: tuple[int, int] = (1, 3)
    max_attempts: int = 400


@dataclass(frozen=True, slots=True)
class RulesSection:
    """Rule shapes: how many conditions, how often ground, negated, or concluding about another constant."""

    conditions: dict[int, float] = field(default_factory=lambda: {1: 0.5, 2: 0.4, 3: 0.1}, metadata=_choices(1, 2, 3))
    ground_rate: float = 0.1
    other_constant_head_rate: float = 0.15
    ground_condition_rate: float = 0.0  # chance a side condition is about another constant (`the mouse visits the dog`)
    negation_rate: float = 0.3  # chance a fact, condition or head is negated; 0 for the *Noneg families
    negation_share: float = 0.5  # share of theories that use negation at all (ProofWriter's *Neg families)


@dataclass(frozen=True, slots=True)
class QuestionsSection:
    """What to ask: weights over depths and labels, and what each question carries."""

    per_theory: int = 6
    depths: dict[int, float] = field(
        default_factory=lambda: dict.fromkeys(range(6), 1.0), metadata=_choices(*range(MAX_DEPTH + 1))
    )
    labels: dict[Label, float] = field(
        default_factory=lambda: dict.fromkeys((Label.TRUE, Label.FALSE, Label.UNKNOWN), 1.0),
        metadata=_choices(Label.TRUE, Label.FALSE, Label.UNKNOWN),
    )
    all_proofs: bool = True
    classical: bool = False  # also label under classical semantics (Z3) and name the differences
    drop_semantic_gaps: bool = False  # with classical: skip questions whose classical label differs
    certificates: bool = False  # a Z3 counter-model for each Unknown
    abduction: bool = False  # for each Unknown: the single missing facts that would prove it
    step_supervision: bool = False  # valid next steps and typed invalid ones along each proof


@dataclass(frozen=True, slots=True)
class SurfaceSection:
    """How rules read in English: template shares and `someone`/`people` rather than `something`/`things`."""

    if_rate: float = 0.5
    all_rate: float = 0.25
    person_rate: float = 0.5
    # The share of sentences written in a paraphrase from the bank (`generator/paraphrase.py`) instead of
    # their template; 0 writes today's templates, and a recipe that leaves it at 0 keeps its bytes.
    paraphrase_rate: float = field(default=0.0, metadata=_SINCE_DEFAULT)


@dataclass(frozen=True, slots=True)
class SplitsSection:
    """The share of theories in each split; theory i's split depends only on the seed and i (`generator.splits`),
    so every worker count and every shard size gives the same split. The shares sum to 1."""

    train: float = 0.8
    dev: float = 0.1
    test: float = 0.1


@dataclass(frozen=True, slots=True)
class AuditSection:
    """What the dataset card's shortcut audit must show: with `max_edge` (a fraction, 0.03 = 3 points) set,
    generation fails where the audit's best classifier beats the majority label by more; unset, it only reports."""

    max_edge: float | None = field(default=None, metadata=_SINCE_DEFAULT)


@dataclass(frozen=True, slots=True)
class TrainingSection:
    """How `proofloom train` trains a step model on this recipe's step supervision: how much data, the model's
    size and the schedule. Every knob of a run is here, so the recipe alone reproduces a model (the command's
    options only override); the defaults are the shipped model's. Generation never reads it."""

    theories: int = 12000  # theories generated for training pairs
    d_model: int = 128  # the model's width (heads and feed-forward size follow from it)
    layers: int = 6
    epochs: int = 2
    batch_size: int = 32
    learning_rate: float = 0.001  # AdamW's peak, after a linear warm-up
    warmup_share: float = 0.03  # of all steps
    eval_pairs: int = 800  # held out from the pairs, never trained on
    eval_every: int = 200  # steps between held-out evaluations
    patience: int = 4  # evaluations without improvement before stopping
    seed: int = 0  # initial weights, the held-out draw and the batch order
    # what the model is asked: "rule" (what does this rule yield now?, the loop choosing the rules) or "state"
    # (the goal and the whole state: the next step toward the goal, in one decode a round); the card's `prompt`
    # (`prover.neural.text.RULE_PROMPT`, `STATE_PROMPT`)
    prompt: str = field(default="rule", metadata={**_choices("rule", "state"), **_SINCE_DEFAULT})


@dataclass(frozen=True, slots=True)
class Recipe:
    """Everything that decides a dataset; with the same recipe the generator gives the same bytes."""

    name: str = "proofwriter-owa-d5"
    seed: int = 0
    # classical labels are an extra a question can carry (`questions.classical`), never what a theory is built under
    semantics: Semantics = field(default=Semantics.OWA, metadata=_choices(Semantics.OWA, Semantics.CWA))
    shard_size: int = 1000
    vocabulary: VocabularySection = field(default_factory=VocabularySection)
    theory: TheorySection = field(default_factory=TheorySection)
    rules: RulesSection = field(default_factory=RulesSection)
    questions: QuestionsSection = field(default_factory=QuestionsSection)
    surface: SurfaceSection = field(default_factory=SurfaceSection)
    splits: SplitsSection = field(default_factory=SplitsSection)
    audit: AuditSection = field(default_factory=AuditSection, metadata=_SINCE_DEFAULT)
    training: TrainingSection = field(default_factory=TrainingSection, metadata=_SINCE_DEFAULT)

    def __post_init__(self) -> None:
        _check(self)

    def with_seed(self, seed: int) -> Recipe:
        return dataclasses.replace(self, seed=seed)

    def to_toml(self) -> str:
        return tomli_w.dumps(_to_table(self))

    @classmethod
    def from_toml(cls, text: str, source: str = "<recipe>") -> Recipe:
        try:
            table = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise RecipeError(f"{source}: {error}") from None
        recipe: Recipe = _from_table(cls, table, source, "")
        return recipe

    @classmethod
    def load(cls, path: Path) -> Recipe:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise RecipeError(f"{path}: cannot read ({error.strerror})") from None
        return cls.from_toml(text, str(path))


# --- TOML <-> dataclasses -----------------------------------------------------------------------


def _spell(value: Any) -> Any:
    """How TOML writes a value or key: enums by their value, integer keys as strings."""
    return value.value if isinstance(value, enum.Enum) else value


def _to_table(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {
            f.name: _to_table(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not (f.metadata.get("omit_default") and getattr(value, f.name) == _default(f))
        }
    if isinstance(value, tuple):
        return [_to_table(v) for v in value]
    if isinstance(value, dict):
        return {str(_spell(k)): _to_table(v) for k, v in value.items()}
    return _spell(value)


def _default(f: dataclasses.Field[Any]) -> Any:
    """A field's default value, made by its factory where it has one."""
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def _from_table(cls: type, table: dict[str, Any], source: str, prefix: str) -> Any:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in table:
        if key not in fields:
            raise RecipeError(f"{source}: unknown key {prefix}{key} (known: {', '.join(sorted(fields))})")
    values = {
        key: _coerce(value, hints[key], source, f"{prefix}{key}", fields[key].metadata.get("choices"))
        for key, value in table.items()
    }
    try:
        return cls(**values)
    except RecipeError as error:
        raise RecipeError(f"{source}: {error}") from None


def _coerce(value: Any, annotation: Any, source: str, key: str, choices: tuple[Any, ...] | None = None) -> Any:
    """The TOML value as the field's type; `choices`, where the field has them, are all it may be."""
    origin = typing.get_origin(annotation)
    if origin is types.UnionType:  # `float | None`: TOML has no null, so a written value is the other type
        (written,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _coerce(value, written, source, key, choices)
    if dataclasses.is_dataclass(annotation):
        if not isinstance(value, dict):
            raise RecipeError(f"{source}: {key}: expected a table")
        return _from_table(annotation, value, source, f"{key}.")  # type: ignore[arg-type]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _choose(value, choices or tuple(annotation), source, key)
    if annotation is bool:
        return _expect(value, isinstance(value, bool), "true or false", source, key)
    if annotation is int:
        return _expect(value, isinstance(value, int) and not isinstance(value, bool), "an integer", source, key)
    if annotation is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(_expect(value, ok, "a number", source, key))
    if annotation is str:
        return _expect(value, isinstance(value, str), "a string", source, key)
    if origin is tuple:
        _expect(value, isinstance(value, list), "a list", source, key)
        args = typing.get_args(annotation)
        inner = args[0]
        if len(args) == 2 and args[1] is not Ellipsis and len(value) != 2:
            raise RecipeError(f"{source}: {key}: expected [min, max], got {value!r}")
        return tuple(_coerce(v, inner, source, f"{key}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        _expect(value, isinstance(value, dict), "a table", source, key)
        inner = typing.get_args(annotation)[1]
        keys = {k: _key(k, choices, source, f"{key}.{k}") for k in value}
        return {keys[k]: _coerce(v, inner, source, f"{key}.{k}") for k, v in value.items()}
    raise RecipeError(f"{source}: {key}: unsupported type {annotation}")


def _choose(value: Any, choices: tuple[Any, ...], source: str, key: str) -> Any:
    """The choice TOML spells `value`, or an error listing them."""
    by_spelling = {_spell(choice): choice for choice in choices}
    if isinstance(value, str) and value in by_spelling:
        return by_spelling[value]
    raise RecipeError(f"{source}: {key}: expected one of {_listed(choices)}, got {value!r}")


def _key(text: str, choices: tuple[Any, ...] | None, source: str, key: str) -> Any:
    """A weight table's key: one of its choices (a label, a depth), or plain text where it has none."""
    if choices is None:
        return str(text)
    by_spelling = {str(_spell(choice)): choice for choice in choices}
    if text not in by_spelling:
        raise RecipeError(f"{source}: {key}: not one of {_listed(choices)}")
    return by_spelling[text]


def _listed(choices: tuple[Any, ...]) -> str:
    return ", ".join(str(_spell(choice)) for choice in choices)


def _expect(value: Any, ok: bool, what: str, source: str, key: str) -> Any:
    if not ok:
        raise RecipeError(f"{source}: {key}: expected {what}, got {value!r}")
    return value


def _check(recipe: Recipe) -> None:
    """Values that parse but cannot be used; each error names its key."""
    _check_rates(recipe)
    _check_choices(recipe, "")
    _check_weights("rules.conditions", recipe.rules.conditions)
    _check_weights("questions.depths", recipe.questions.depths)
    _check_weights("questions.labels", recipe.questions.labels)
    _check_sizes(recipe)
    try:
        recipe.vocabulary.resolve()
    except ValueError as error:
        raise RecipeError(str(error)) from None


def _check_rates(recipe: Recipe) -> None:
    rates = {
        "vocabulary.relation_rate": recipe.vocabulary.relation_rate,
        "rules.ground_rate": recipe.rules.ground_rate,
        "rules.other_constant_head_rate": recipe.rules.other_constant_head_rate,
        "rules.ground_condition_rate": recipe.rules.ground_condition_rate,
        "rules.negation_rate": recipe.rules.negation_rate,
        "rules.negation_share": recipe.rules.negation_share,
        "surface.if_rate": recipe.surface.if_rate,
        "surface.all_rate": recipe.surface.all_rate,
        "surface.person_rate": recipe.surface.person_rate,
        "surface.paraphrase_rate": recipe.surface.paraphrase_rate,
    }
    for key, rate in rates.items():
        if not 0.0 <= rate <= 1.0:
            raise RecipeError(f"{key}: expected a number from 0 to 1, got {rate}")
    max_edge = recipe.audit.max_edge
    if max_edge is not None and not 0.0 <= max_edge <= 1.0:
        raise RecipeError(f"audit.max_edge: expected a number from 0 to 1 (0.03 is 3 points), got {max_edge}")
    if recipe.surface.if_rate + recipe.surface.all_rate > 1.0:
        raise RecipeError("surface.if_rate + surface.all_rate: must not exceed 1")
    splits = recipe.splits
    for key, share in (("train", splits.train), ("dev", splits.dev), ("test", splits.test)):
        if not 0.0 <= share <= 1.0:
            raise RecipeError(f"splits.{key}: expected a number from 0 to 1, got {share}")
    if abs(splits.train + splits.dev + splits.test - 1.0) > 1e-9:
        raise RecipeError(f"splits: train + dev + test must be 1, got {splits.train + splits.dev + splits.test:g}")


def _check_choices(value: Any, prefix: str) -> None:
    """Fields with choices hold one of them (or, for weight tables, are keyed by them), however made."""
    for f in dataclasses.fields(value):
        held = getattr(value, f.name)
        if dataclasses.is_dataclass(held):
            _check_choices(held, f"{prefix}{f.name}.")
        choices = f.metadata.get("choices")
        if choices is None:
            continue
        for item in held if isinstance(held, dict) else (held,):
            if item not in choices:
                raise RecipeError(f"{prefix}{f.name}: expected one of {_listed(choices)}, got {_spell(item)!r}")


def _check_sizes(recipe: Recipe) -> None:
    for key, (low, high) in {
        "theory.entities": recipe.theory.entities,
        "theory.distractor_facts": recipe.theory.distractor_facts,
        "theory.distractor_rules": recipe.theory.distractor_rules,
    }.items():
        if not 0 <= low <= high:
            raise RecipeError(f"{key}: expected [min, max] with 0 <= min <= max, got [{low}, {high}]")
    if recipe.theory.entities[0] < 1:
        raise RecipeError("theory.entities: a theory needs at least one entity")
    training = recipe.training
    for key, number in {
        "shard_size": recipe.shard_size,
        "questions.per_theory": recipe.questions.per_theory,
        "theory.max_attempts": recipe.theory.max_attempts,
        "training.theories": training.theories,
        "training.d_model": training.d_model,
        "training.layers": training.layers,
        "training.epochs": training.epochs,
        "training.batch_size": training.batch_size,
        "training.eval_pairs": training.eval_pairs,
        "training.eval_every": training.eval_every,
        "training.patience": training.patience,
    }.items():
        if number < 1:
            raise RecipeError(f"{key}: expected a positive integer, got {number}")
    if not training.learning_rate > 0:
        raise RecipeError(f"training.learning_rate: expected a positive number, got {training.learning_rate}")
    if not 0.0 <= training.warmup_share < 1.0:
        raise RecipeError(f"training.warmup_share: expected a number from 0 up to 1, got {training.warmup_share}")


def _check_weights(key: str, weights: dict[Any, float]) -> None:
    for name, weight in weights.items():
        if weight < 0:
            raise RecipeError(f"{key}.{_spell(name)}: a weight must not be negative, got {weight}")
    if not any(w > 0 for w in weights.values()):
        raise RecipeError(f"{key}: at least one weight must be positive")
