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
        self._scanners = {}
        for state, lexer in frontend.lexer.lexers.items():
            scanner = lexer.scanner  # builds it, and with it the lexer's terminal callbacks
            self._scanners[state] = (tuple(scanner._mres), lexer.ignore_types)
            if lexer.callback:  # terminal callbacks (lark's `unless`): this loop does not apply them
                raise ValueError("LeanParser needs a grammar without terminal callbacks")
        if any(isinstance(key, str) for key in self._callbacks):
            raise ValueError("LeanParser needs a grammar without token callbacks")

    def parse(self, text: str, start: str) -> object | None:
        states, callbacks, scanners = self._states, self._callbacks, self._scanners
        stack = [self._start_states[start]]
        values: list[Any] = []
        end_state = self._end_states[start]
        position, end = 0, len(text)
        while True:
            token = _END
            if position < end:
                patterns, ignored = scanners[stack[-1]]
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
