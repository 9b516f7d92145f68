"""One import namespace: proofloom's subpackages, no bare `logic`/`prover`, HuggingFace's `datasets` unshadowed."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import proofloom
from tests.conftest import HANG_GUARD

REPO = Path(__file__).resolve().parents[1]


def test_subpackages_live_under_proofloom() -> None:
    for name in ("logic", "generator", "prover"):
        spec = importlib.util.find_spec(f"proofloom.{name}")
        assert spec is not None and spec.origin is not None
        assert Path(spec.origin).resolve() == REPO / name / "__init__.py" or "site-packages" in spec.origin


@pytest.mark.parametrize("bare", ["logic", "generator", "prover"])
def test_no_bare_top_level_package_is_installed(tmp_path: Path, bare: str) -> None:
    probe = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({bare!r}) is not None)"
    # installed means found without help: a PYTHONPATH naming a checkout's root (as in a worktree) is no install
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=environment, timeout=HANG_GUARD)
    assert run.returncode == 0


def test_datasets_is_huggingface_not_our_folder() -> None:
    spec = importlib.util.find_spec("datasets")
    if spec is None:
        pytest.skip("HuggingFace datasets is not installed (the `hf` extra)")
    assert spec.origin is not None and Path(spec.origin).parent != REPO / "datasets"
    assert not (REPO / "datasets" / "__init__.py").exists()


def test_grammars_and_samples_are_package_data() -> None:
    logic = resources.files("proofloom.logic")
    assert logic.joinpath("theory.lark").is_file() and logic.joinpath("english.lark").is_file()
    assert resources.files("proofloom").joinpath("datasets/samples/tiny.dsl").is_file()


def test_version_is_public() -> None:
    assert proofloom.__version__.count(".") == 2
    assert "__version__" in proofloom.__all__
