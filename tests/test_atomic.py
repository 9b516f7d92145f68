"""Atomic writes: the whole new file or the old one, with the mode a plain `open` would give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from proofloom.atomic import atomic_output, write_text_atomic
from proofloom.cli import main


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_a_written_file_has_the_umasks_mode(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "a.txt", "a\n")
        (tmp_path / "plain.txt").write_text("a\n")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / "a.txt").stat().st_mode == (tmp_path / "plain.txt").stat().st_mode


def test_an_interrupted_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(path) as stream:
        stream.write("half")
        raise RuntimeError
    assert path.read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_the_cli_writes_with_the_umasks_mode(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text('{"id": "a", "theory": "big(bob).", "statement": "big(bob)"}\n')
    (tmp_path / "t.dsl").write_text("big(bob).\n")
    previous = os.umask(0o002)
    try:
        assert main(["solve", str(tmp_path / "q.jsonl"), "-o", str(tmp_path / "a.jsonl")]) == 0
        assert main(["convert", str(tmp_path / "t.dsl"), "--to", "english", "-o", str(tmp_path / "t.txt")]) == 0
    finally:
        os.umask(previous)
    assert {(tmp_path / name).stat().st_mode & 0o777 for name in ("a.jsonl", "t.txt")} == {0o664}
