"""Run proofloom's benchmarks: `python bench/run.py [NAME ...]` prints each figure beside its reference.

Each `bench/bench_*.py` defines `measure() -> list[Figure]`; figures measured side by side in one
process, so their ratios hold on a shared, noisy machine where absolute times do not.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figure import Figure  # noqa: E402

HERE = Path(__file__).resolve().parent


def _load(path: Path) -> list[Figure]:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses and worker processes look the module up by its name
    spec.loader.exec_module(module)
    figures: list[Figure] = module.measure()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (file stems without bench_); default all")
    args = parser.parse_args()
    paths = sorted(HERE.glob("bench_*.py"))
    chosen = [p for p in paths if not args.names or p.stem.removeprefix("bench_") in args.names]
    if not chosen:
        print(f"no benchmark matches {args.names}; have {[p.stem.removeprefix('bench_') for p in paths]}")
        return 2
    for path in chosen:
        print(f"== {path.stem.removeprefix('bench_')}")
        for figure in _load(path):
            print(f"   {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
