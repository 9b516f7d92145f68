"""A lean loop over a lark LALR parser's own tables, contextual lexers and callbacks.

lark's `parse` spends about a third of a short sentence's time in its general machinery (lexer states, line
counting, interactive-parser bookkeeping). This loop does the same steps with the same parts: each token is
lexed by the lexer of the state the parser is in (lark's contextual lexing), shifted or reduced by lark's parse
table, and each reduction calls lark's callback (the inline transformer), so the language and the values are
lark's. It answers None where lark would raise (a character or token it does not expect): the caller then asks
lark itself, which raises its own error, so error messages are lark's too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lark import Lark, Token
from lark.parsers.lalr_analysis import Shift


class LeanParser:
    """`parse(text, start)`: lark's parse of `text` from `start`, or None where lark would raise."""

    def __init__(self, parser: Lark) -> None:
        frontend = parser.parser
        inner = frontend.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table = inner.parse_table
        self._states: dict[Any, dict[str, tuple[Any, Any]]] = table.states
        self._start_states: dict[str, Any] = table.start_states
        self._end_states: dict[str, Any] = table.end_states
        self._callbacks: dict[Any, Callable[[list[Any]], Any]] = inner.callbacks
        self._lexers: dict[Any, Any] = frontend.lexer.lexers
        self._scanners: dict[Any, tuple[tuple[Any, ...], frozenset[str]] | None] = {}
        if any(isinstance(key, str) for key in self._callbacks):
            raise ValueError("LeanParser needs a grammar without token callbacks")

    def _scanner(self, state: Any) -> tuple[tuple[Any, ...], frozenset[str]] | None:
        """A state's terminal patterns and ignored terminals, built on first use as lark builds them; None
        for a lexer with terminal callbacks (lark's `unless`), which this loop does not apply."""
        if state not in self._scanners:
            lexer = self._lexers[state]
            scanner = lexer.scanner  # builds it, and with it the lexer's terminal callbacks
            self._scanners[state] = None if lexer.callback else (tuple(scanner._mres), lexer.ignore_types)
        return self._scanners[state]

    def parse(self, text: str, start: str) -> object | None:
        states, callbacks, scanners = self._states, self._callbacks, self._scanners
        stack = [self._start_states[start]]
        values: list[Any] = []
        end_state = self._end_states[start]
        position, end = 0, len(text)
        while True:
            token = _END
            if position < end:
                scanner = scanners.get(stack[-1]) or self._scanner(stack[-1])
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
                        token = Token(kind, found.group(0))
                        break
            at_end = token is _END
            while True:
                action = states[stack[-1]].get(token.type)
                if action is None:
                    return None  # a token this state does not expect: lark raises
                step, argument = action
                if step is Shift:
                    if at_end:
                        return None
                    stack.append(argument)
                    values.append(token)
                    break
                size = len(argument.expansion)
                children: list[Any] = []
                if size:
                    children = values[-size:]
                    del stack[-size:]
                    del values[-size:]
                values.append(callbacks[argument](children))
                stack.append(states[stack[-1]][argument.origin.name][1])
                if at_end and stack[-1] == end_state:
                    result: object = values[-1]
                    return result


_END = Token("$END", "")
