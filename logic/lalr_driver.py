"""A lean loop over a lark LALR parser's own tables, contextual lexers and callbacks.

lark's `parse` spends most of a short sentence's time in its general machinery (lexer states, line counting,
interactive-parser bookkeeping, a Tree for every inlined `_rule` and `?rule`). This loop does the same steps
with the same parts: each token is lexed by the lexer of the state the parser is in (lark's contextual
lexing), shifted or reduced by lark's parse table, and each reduction calls lark's callback (the inline
transformer), so the language and the values are lark's. Three of lark's wrappers are done in place, with
the same result: a `?rule` of one child is that child (`ExpandSingleChild`), a rule's anonymous tokens are
filtered out (`ChildFilterLALR_NoPlaceholders`), and a `_rule` that lark would build as a Tree only for its
parent to splice in its children is kept as that list of children. It answers None where lark would raise
(a character or token it does not expect): the caller then asks lark itself, which raises its own error, so
error messages are lark's too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from lark import Lark, Token, Tree
from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders, ExpandSingleChild
from lark.parsers.lalr_analysis import Shift

# A reduction, made once per rule: how many values it takes, what it makes of them, and the rule's name.
# `make` None: the rule is a `?rule` of one child, which is its value. `include` None: every child is passed
# as it is; else (index, splice) per kept child, a splice's value (a `_rule`'s children) spliced in.
_Reduction = tuple[int, Callable[[list[Any]], Any] | None, tuple[tuple[int, bool], ...] | None, str]
_TOKENS_KEPT = 1 << 16  # distinct (terminal, text) tokens kept for reuse before the store starts afresh


class LeanParser:
    """`parse(text, start)`: lark's parse of `text` from `start`, or None where lark would raise."""

    def __init__(self, parser: Lark) -> None:
        frontend = parser.parser
        inner = frontend.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table = inner.parse_table
        callbacks: dict[Any, Callable[[list[Any]], Any]] = inner.callbacks
        if any(isinstance(key, str) for key in callbacks):
            raise ValueError("LeanParser needs a grammar without token callbacks")
        transformer = parser.options.transformer
        reductions = {rule: _reduction(rule, callback, transformer) for rule, callback in callbacks.items()}
        # state -> terminal -> a shift's next state (an int) or a reduction; state -> rule name -> next state
        # (terminals are upper case, rule names lower case, so the gotos among the actions are never looked up)
        self._actions: dict[int, dict[str, int | _Reduction]] = {
            state: {
                kind: (argument if step is Shift else reductions[argument]) for kind, (step, argument) in row.items()
            }
            for state, row in table.states.items()
        }
        self._gotos: dict[int, dict[str, int]] = {
            state: {kind: argument for kind, (step, argument) in row.items() if step is Shift}
            for state, row in table.states.items()
        }
        self._start_states: dict[str, int] = table.start_states
        self._end_states: dict[str, int] = table.end_states
        self._lexers: dict[Any, Any] = frontend.lexer.lexers
        self._scanners: dict[Any, tuple[tuple[Any, ...], frozenset[str]] | None] = {}
        self._tokens: dict[tuple[str, str], Token] = {}

    def _scanner(self, state: Any) -> tuple[tuple[Any, ...], frozenset[str]] | None:
        """A state's terminal patterns and ignored terminals, built on first use as lark builds them; None
        for a lexer with terminal callbacks (lark's `unless`), which this loop does not apply."""
        if state not in self._scanners:
            lexer = self._lexers[state]
            scanner = lexer.scanner  # builds it, and with it the lexer's terminal callbacks
            self._scanners[state] = None if lexer.callback else (tuple(scanner._mres), lexer.ignore_types)
        return self._scanners[state]

    def _token(self, kind: str, value: str) -> Token:
        """lark's token for `value` as terminal `kind`, one object per (kind, value): tokens carry no position
        here, and the callbacks only read them, so a word met again is the token made before."""
        tokens = self._tokens
        if len(tokens) >= _TOKENS_KEPT:
            tokens.clear()
        token = tokens[kind, value] = Token(kind, value)
        return token

    def parse(self, text: str, start: str) -> object | None:
        actions, gotos, scanners, tokens = self._actions, self._gotos, self._scanners, self._tokens
        state = self._start_states[start]
        stack = [state]
        values: list[Any] = []
        end_state = self._end_states[start]
        position, end = 0, len(text)
        while True:
            kind = "$END"
            token: Any = None
            if position < end:
                scanner = scanners.get(state) or self._scanner(state)
                if scanner is None:
                    return None
                patterns, ignored = scanner
                while position < end:
                    for pattern in patterns:
                        found = pattern.match(text, position)
                        if found:
                            break
                    else:
                        return None  # no terminal of this state matches here: lark raises
                    position = found.end()
                    kind = found.lastgroup
                    if kind not in ignored:
                        value = found.group()
                        token = tokens.get((kind, value)) or self._token(kind, value)
                        break
                else:
                    kind = "$END"  # only ignored text (spaces) was left
            row = actions[state]
            while True:
                action = row.get(kind)
                if action is None:
                    return None  # a token this state does not expect: lark raises
                if type(action) is int:
                    if token is None:
                        return None
                    state = action
                    stack.append(state)
                    values.append(token)
                    break
                size, make, include, origin = action  # type: ignore[misc]  # a reduction: not an int
                if make is None:  # a `?rule` of one child: its value is the child's
                    stack.pop()
                else:
                    if size:
                        children = values[-size:]
                        del stack[-size:]
                        del values[-size:]
                    else:
                        children = []
                    if include is not None:
                        kept: list[Any] = []
                        for index, splice in include:
                            if splice:
                                kept.extend(children[index])
                            else:
                                kept.append(children[index])
                        children = kept
                    values.append(make(children))
                state = gotos[stack[-1]][origin]
                stack.append(state)
                if token is None and state == end_state:
                    result: object = values[-1]
                    return result
                row = actions[state]


def _reduction(rule: Any, callback: Callable[[list[Any]], Any], transformer: object) -> _Reduction:
    """What reducing `rule` does, the same as lark's `callback` for it (a chain of lark's wrappers over the
    transformer's method or lark's default Tree), with the wrappers that only move children done in place."""
    size = len(rule.expansion)
    origin = rule.origin.name
    make: Callable[[list[Any]], Any] | None = callback
    include: tuple[tuple[int, bool], ...] | None = None
    if isinstance(callback, ExpandSingleChild) and size == 1:
        return size, None, None, origin  # one child always: lark returns it
    if isinstance(callback, ChildFilterLALR_NoPlaceholders):
        include = tuple((index, bool(splice)) for index, splice in callback.to_include)
        make = callback.node_builder
    if origin.startswith("_"):  # lark builds Tree(origin, children) only for the parent to splice them in
        if not _is_default_tree(make, origin, transformer):
            raise ValueError(f"LeanParser needs the inlined rule {origin} without a callback of its own")
        make = list
    return size, make, include, origin


def _is_default_tree(make: object, origin: str, transformer: object) -> bool:
    """Whether `make` is lark's default for a rule the transformer has no method for: a Tree of the children,
    made by the transformer's `__default__` (lark's `default_callback`) or, with no transformer, by Tree."""
    return (
        isinstance(make, partial)
        and make.args == (origin,)
        and not make.keywords
        and (make.func is Tree or getattr(make.func, "__name__", "") == "default_callback")
        and getattr(transformer, origin, None) is None
    )
