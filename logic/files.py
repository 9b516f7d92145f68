"""Theory text in either of its two formats: files read from disk (naming the file in every error), and text given
inline, whose format is told by the one rule `TheoryFormat.of_text`."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterator
from pathlib import Path

from proofloom.errors import EnglishSyntaxError, ProofloomError, TheorySyntaxError
from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.logic.terms import Literal, Theory


class TheoryFormat(enum.Enum):
    """The two ways a theory is written: proofloom's DSL, or ProofWriter English."""

    DSL = "dsl"
    ENGLISH = "english"

    @classmethod
    def detect(cls, path: Path, text: str) -> TheoryFormat:
        """By extension (`.dsl`, `.pl`; `.txt`, `.en`), else by content: the DSL writes atoms with parentheses."""
        suffix = path.suffix.lower()
        if suffix in {".dsl", ".pl", ".logic"}:
            return cls.DSL
        if suffix in {".txt", ".en"}:
            return cls.ENGLISH
        return cls.of_text(text)

    @classmethod
    def of_text(cls, text: str) -> TheoryFormat:
        """By content alone: the DSL writes every atom with parentheses, ProofWriter English never does."""
        return cls.DSL if "(" in text else cls.ENGLISH


def theory_from_text(text: str) -> Theory:
    """A theory written in the DSL or in English, told apart by `TheoryFormat.of_text`; syntax errors as the
    parser raises them (no file to name: text given inline, as `verify` and a batch record give it)."""
    return parse_theory(text) if TheoryFormat.of_text(text) is TheoryFormat.DSL else read_theory(text)


def statement_from_text(text: str) -> Literal:
    """A statement written in the DSL (`red(bob)`) or in English (`Bob is red.`), told apart as a theory is."""
    return parse_literal(text) if TheoryFormat.of_text(text) is TheoryFormat.DSL else read_statement(text)


class TheoryFileError(ProofloomError, ValueError):
    """A theory file that cannot be read, with the file named."""


class FieldSyntaxError(ProofloomError, ValueError):
    """A record's field whose text does not parse, with the field named (`field 'theory', column 27: ...`)."""


@contextlib.contextmanager
def naming_field(name: str) -> Iterator[None]:
    """Parse a record's field inside this block: a syntax error in it names the field, not a file (there is none:
    the text came inside a record, whose reader names the file and line)."""
    try:
        yield
    except TheorySyntaxError as error:
        raise FieldSyntaxError(error.in_field(name)) from None
    except EnglishSyntaxError as error:
        raise FieldSyntaxError(f"field {name!r}, {error}") from None


def parse_theory_text(text: str, theory_format: TheoryFormat, source: str = "<text>") -> Theory:
    """Theory text in either format; errors name `source`."""
    if theory_format is TheoryFormat.DSL:
        try:
            return parse_theory(text, path=source)
        except TheorySyntaxError as error:
            raise error.with_path(source) from None
    try:
        return read_theory(text)
    except EnglishSyntaxError as error:
        raise TheoryFileError(f"{source}: {error}") from None


def load_theory(path: Path, theory_format: TheoryFormat | None = None) -> Theory:
    """Read a theory file, detecting its format unless one is given; a missing file is the FileNotFoundError that
    says so (the CLI words it as for every other input)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as error:
        raise TheoryFileError(f"{path}: cannot read ({error.__class__.__name__}: {error})") from None
    return parse_theory_text(text, theory_format or TheoryFormat.detect(path, text), str(path))
