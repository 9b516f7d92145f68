"""Without Ray installed, `--ray` is one line saying how to install it, and nothing else imports Ray."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from proofloom.cli import main
from tests.conftest import HANG_GUARD


@pytest.mark.parametrize("verb", ["generate", "prove", "verify"])
def test_ray_missing_is_one_line_saying_how_to_install_it(
    verb: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError, as where it is not installed
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "context": "Bob is big.", "statement": "Bob is big.", "explanation": "x"}\n')
    arguments = ["proofwriter-owa-d5", "-n", "4"] if verb == "generate" else [str(source)]
    assert main([verb, *arguments, "-o", str(tmp_path / "out"), "--ray"]) == 2  # a usage error
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "pip install 'proofloom[ray]'" in error
    assert not (tmp_path / "out").exists()


def test_workers_for_prove_and_verify_need_ray(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out"), "--workers", "2"]) == 2
    assert "needs --ray" in capsys.readouterr().err


def test_a_run_without_ray_never_imports_it(tmp_path: Path) -> None:
    code = (
        "import sys; from proofloom.cli import main; "
        f"main(['generate', 'proofwriter-owa-d5', '-n', '2', '-o', {str(tmp_path / 'out')!r}]); "
        "assert 'ray' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=HANG_GUARD)
