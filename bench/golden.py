"""The generator's golden hash: `python bench/golden.py [--check FILE]` hashes every shipped recipe's output.

Each shipped recipe is generated at a small size in every output format through the CLI, and every file
but the manifest (which records times) is hashed. A refactor that claims "same bytes" compares this
digest before and after.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("native", "proofwriter", "entailmentbank", "hf")


def recipe_digest(recipe: Path, fmt: str, count: int) -> str:
    """The hash of one recipe's dataset in one format, every file but the manifest."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "data"
        command = [sys.executable, "-m", "proofloom", "generate", str(recipe), "-o", str(out), "-n", str(count)]
        subprocess.run([*command, "--format", fmt], check=True, capture_output=True)
        digest = hashlib.sha256()
        for path in sorted(out.rglob("*")):
            if path.is_file() and path.name not in {"manifest.json"}:
                digest.update(str(path.relative_to(out)).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=40, help="theories per recipe")
    parser.add_argument("--check", type=Path, help="a file of earlier digests to compare against")
    args = parser.parse_args()
    lines = []
    for recipe in sorted((ROOT / "datasets").glob("*.toml")):
        for fmt in FORMATS:
            lines.append(f"{recipe.stem} {fmt} {recipe_digest(recipe, fmt, args.n)}")
            print(lines[-1], flush=True)
    if args.check:
        expected = args.check.read_text().split("\n")
        same = [line for line in lines if line in expected]
        print(f"{len(same)}/{len(lines)} digests unchanged")
        return 0 if len(same) == len(lines) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
