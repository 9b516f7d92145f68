"""The one-way imports hold at run time too: importing a part loads nothing above it.

`lint-imports` checks the static imports; this checks what a process really loads, which also catches an
import made by name (importlib) that a static linter cannot see.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

ABOVE = {
    "proofloom.logic": ("proofloom.prover", "proofloom.generator", "proofloom.explorer", "proofloom.cli", "z3"),
    "proofloom.prover": ("proofloom.generator", "proofloom.explorer", "proofloom.cli", "torch", "transformers"),
    "proofloom.generator": ("proofloom.explorer", "proofloom.cli", "proofloom.prover.neural", "torch", "transformers"),
    "proofloom.explorer": ("proofloom.demo", "proofloom.cli", "proofloom.prover.neural", "torch", "transformers"),
}


def _loaded_after(module: str) -> set[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout))


@pytest.mark.parametrize("part", sorted(ABOVE))
def test_importing_a_part_loads_nothing_above_it(part: str) -> None:
    loaded = _loaded_after(part)
    assert part in loaded
    above = sorted(m for m in loaded if any(m == a or m.startswith(a + ".") for a in ABOVE[part]))
    assert above == [], f"importing {part} loaded {above}"
