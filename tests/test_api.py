"""The public API: the names in `proofloom.__all__`, loaded lazily, each typed and each used in a running doctest."""

from __future__ import annotations

import ast
import doctest
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import proofloom
from tests.conftest import HANG_GUARD

HEAVY = ("lark", "z3", "torch", "transformers", "networkx", "numpy")
LAZY: dict[str, str] = proofloom._HOMES  # the table under test: name -> the module it is loaded from


def test_every_public_name_resolves_to_its_home() -> None:
    for name in proofloom.__all__:
        value = getattr(proofloom, name)
        if name in LAZY:
            assert value is getattr(importlib.import_module(LAZY[name]), name)


def test_public_names_are_the_eager_ones_and_the_lazy_ones() -> None:
    eager = {"__version__", "ProofloomError", "TheorySyntaxError", "EnglishSyntaxError", "LogicError"}
    assert set(proofloom.__all__) == eager | set(LAZY)
    assert len(proofloom.__all__) == len(set(proofloom.__all__))
    assert set(proofloom.__all__) <= set(dir(proofloom))


def test_type_checkers_see_every_lazy_name() -> None:
    """mypy reads the `if TYPE_CHECKING:` imports; each lazy name must be there, from the same home."""
    source = ast.parse(Path(proofloom.__file__).read_text(encoding="utf-8"))
    block = next(node for node in source.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    typed = {alias.name: node.module for node in block.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert typed == LAZY


def test_every_public_name_is_used_in_a_doctest() -> None:
    assert proofloom.__doc__ is not None
    examples = doctest.DocTestParser().get_examples(proofloom.__doc__)
    source = "\n".join(example.source for example in examples)
    unused = [name for name in proofloom.__all__ if f"proofloom.{name}" not in source]
    assert unused == []


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = proofloom.nothing_here


@pytest.mark.parametrize("code", ["import proofloom", "from proofloom import ProofloomError, __version__"])
def test_importing_the_front_door_stays_light(tmp_path: Path, code: str) -> None:
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=HANG_GUARD
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_star_import_gives_every_public_name(tmp_path: Path) -> None:
    probe = "from proofloom import *\nimport proofloom\nnames = dir()\nprint(set(proofloom.__all__) <= set(names))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=HANG_GUARD
    )
    assert result.stdout.strip() == "True", result.stderr
