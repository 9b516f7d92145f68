"""Named semantics and answer labels: closed sets as enums, never bare strings past the CLI."""

from __future__ import annotations

import enum


class Semantics(enum.Enum):
    """How negation and missing knowledge are read when answering a question."""

    OWA = "owa"
    """ProofWriter's open world: negative literals are explicit facts; what is not derived is Unknown."""
    CWA = "cwa"
    """Closed world: negation as failure over a stratified theory; what is not derived is false."""
    CLASSICAL = "classical"
    """First-order entailment as Z3 decides it, contrapositives and reasoning by cases included."""

    @classmethod
    def parse(cls, text: str) -> Semantics:
        """The semantics named by `text` (case-insensitive), or a ValueError listing the choices."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown semantics {text!r}; choose one of {choices}") from None


class Label(enum.Enum):
    """The answer to a question about a theory."""

    TRUE = "True"
    FALSE = "False"
    UNKNOWN = "Unknown"
    INCONSISTENT = "Inconsistent"
    """Only under classical semantics: the theory itself has no model."""

    @classmethod
    def parse(cls, text: str) -> Label:
        """The label spelled `text` in any case ("true", "False", "unknown", ...)."""
        for label in cls:
            if label.value.lower() == text.strip().lower():
                return label
        choices = ", ".join(label.value for label in cls)
        raise ValueError(f"unknown label {text!r}; choose one of {choices}")

    def negated(self) -> Label:
        """The label of the negated statement: True and False swap, the others stay."""
        swap = {Label.TRUE: Label.FALSE, Label.FALSE: Label.TRUE}
        return swap.get(self, self)
