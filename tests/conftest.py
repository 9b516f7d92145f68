"""Shared fixtures: the real ProofWriter dev file beside the checkout (skipped where absent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEV_FILE = SHARED_DATA / "proofwriter-owa-d5" / "dev.json"

# Every wait on a subprocess: far past any run on a loaded machine, so a test fails for what the command does,
# never for how busy the machine is; it only stops a hang. Tests keep their work small instead (timing is bench/'s).
HANG_GUARD = 1800.0


@pytest.fixture(scope="session")
def dev_records() -> list[dict[str, Any]]:
    """The 600 real ProofWriter questions of ../shared/data, in the Logic-LM layout."""
    if not DEV_FILE.exists():
        pytest.skip(f"real ProofWriter data not found at {DEV_FILE} (shared/ must sit beside the checkout)")
    records: list[dict[str, Any]] = json.loads(DEV_FILE.read_text(encoding="utf-8"))
    return records


def statement_of(record: dict[str, Any]) -> str:
    """The statement of a Logic-LM question: the text after its fixed preamble."""
    question: str = record["question"]
    return question.split("? ", 1)[1]
