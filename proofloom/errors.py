"""The root of proofloom's error types: the CLI turns any of them into one clean line."""

from __future__ import annotations


class ProofloomError(Exception):
    """Anything proofloom reports to a user: bad input, a broken limit, a corrupt file."""


class TheorySyntaxError(ProofloomError, ValueError):
    """DSL text that does not parse; carries where it went wrong and a caret excerpt."""

    def __init__(self, message: str, line: int, column: int, excerpt: str = "", path: str | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.excerpt = excerpt
        self.path = path
        super().__init__(self._format())

    def _format(self) -> str:
        where = f"{self.path or '<text>'}:{self.line}:{self.column}"
        text = f"{where}: {self.message}"
        return f"{text}\n{self.excerpt.rstrip()}" if self.excerpt else text

    def in_field(self, name: str) -> str:
        """The message naming a record's field instead of a file: `field 'theory', column 27: ...` (the line too
        where the field's text has several)."""
        line = f"line {self.line}, " if self.line > 1 else ""
        return f"field {name!r}, {line}column {self.column}: {self.message}"

    def with_path(self, path: str) -> TheorySyntaxError:
        """The same error, naming the file it came from."""
        return TheorySyntaxError(self.message, self.line, self.column, self.excerpt, path)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (TheorySyntaxError, (self.message, self.line, self.column, self.excerpt, self.path))


class EnglishSyntaxError(ProofloomError, ValueError):
    """An English sentence that no surface form reads; names the sentence and its index."""

    def __init__(self, sentence: str, index: int, column: int | None = None, detail: str = "") -> None:
        self.sentence = sentence
        self.index = index
        self.column = column
        self.detail = detail
        place = f"sentence {index}" + (f", column {column}" if column is not None else "")
        extra = f" ({detail})" if detail else ""
        super().__init__(f"{place}: cannot read {sentence!r}{extra}")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (EnglishSyntaxError, (self.sentence, self.index, self.column, self.detail))


class LogicError(ProofloomError, ValueError):
    """Well-formed text whose logic is not allowed (an unsafe rule, a duplicate id, an arity clash)."""


class BadRecordError(ProofloomError):
    """A record that could not be read or answered, raised only to stop a batch at it (`--fail-fast`)."""
