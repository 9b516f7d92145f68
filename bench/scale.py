"""Scaling out: 1 worker vs Ray on this machine (whole processes), then a model of internet-scale runs built on
per-shard figures measured here.

`python bench/scale.py [-n 20000] [--cpus 2]` (needs `pip install 'proofloom[ray]'`). First the two
`proofloom generate` runs side by side, timed as whole processes (Ray's start included), and their shards
compared byte for byte; then one shard's compute time, its bytes, the driver's time for it (writing it, then
reading it back for the manifest) and its manifest entry; then, from those, the wall time, driver memory, manifest
size and object-store traffic of 10^6, 10^7 and 10^8 theories on N nodes (docs/scaling.md reads the table).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from proofloom.atomic import write_text_atomic
from proofloom.generator.dataset import Shard, _manifest, shard_text
from proofloom.generator.recipe import Recipe

RECIPE = Path(__file__).resolve().parents[1] / "datasets" / "proofwriter-owa-d5.toml"
CORES_PER_NODE = 32  # an assumed cluster node, not this machine
NETWORK = 1.25e9  # bytes/s into the driver: 10 GbE, assumed
RAY_TASK_S = 0.001  # Ray's own cost a task (scheduling, a small result): about a millisecond, Ray's docs


@dataclass(frozen=True, slots=True)
class ShardFigures:
    """What one 1,000-theory shard costs: compute (one core), bytes, the driver's seconds writing it and reading it
    back for the manifest (after the last shard), its manifest entry's bytes."""

    theories: int
    compute_s: float
    size: int
    write_s: float
    manifest_s: float
    entry: int


def whole_process(count: int, cpus: int, folder: Path) -> tuple[float, float, float]:
    """Seconds of `proofloom generate` with 1 worker, with `--ray --workers cpus` and with `--workers cpus`
    (local processes: what Ray's own cost is measured against), run one after the other."""
    times = []
    runs = (
        ("one", ["--workers", "1"]),
        ("ray", ["--ray", "--workers", str(cpus)]),
        ("local", ["--workers", str(cpus)]),
    )
    for name, extra in runs:
        command = [sys.executable, "-m", "proofloom", "generate", str(RECIPE), "-n", str(count), "-o"]
        started = time.perf_counter()
        subprocess.run([*command, str(folder / name), *extra], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    one = b"".join(p.read_bytes() for p in sorted((folder / "one").glob("shard-*")))
    ray = b"".join(p.read_bytes() for p in sorted((folder / "ray").glob("shard-*")))
    assert one == ray, "Ray's shards differ from one worker's"
    return times[0], times[1], times[2]


def shard_figures(folder: Path) -> ShardFigures:
    """One shard timed: made on one core (CPU seconds), then what the driver does with it (wall seconds)."""
    recipe = Recipe.load(RECIPE)
    shard = Shard(0, recipe.shard_size)
    started = time.process_time()
    text = shard_text(recipe, shard.start, shard.stop)
    compute = time.process_time() - started
    (folder / "driver").mkdir()
    started = time.perf_counter()
    write_text_atomic(folder / "driver" / shard.name, text)
    written = time.perf_counter()
    manifest = _manifest(recipe, folder / "driver", [shard], shard.stop)  # reads, hashes and parses it back
    read = time.perf_counter()
    entry = len(json.dumps(manifest["shards"][0], indent=2)) + 6
    assert manifest["shards"][0]["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    size = len(text.encode("utf-8"))
    return ShardFigures(shard.stop, compute, size, written - started, read - written, entry)


def model(figures: ShardFigures, theories: int, nodes: int) -> dict[str, float]:
    """The expected run of `theories` on `nodes` nodes of CORES_PER_NODE cores, the driver writing every shard."""
    shards = theories / figures.theories
    cores = nodes * CORES_PER_NODE
    compute = shards * figures.compute_s / cores
    driver = shards * (figures.write_s + RAY_TASK_S)  # overlaps the compute: shards written as they come
    network = shards * figures.size / NETWORK
    manifest = shards * figures.manifest_s  # after the last shard: every shard read back, hashed, parsed
    window = 4 * cores  # shards in flight (`scale/shards.py`): their results wait in the object store
    return {
        "compute_h": compute / 3600,
        "driver_h": driver / 3600,
        "network_h": network / 3600,
        "manifest_h": manifest / 3600,
        "wall_h": (max(compute, driver, network) + manifest) / 3600,
        "driver_mb": (min(window, shards) * 64 + shards * figures.entry) / 1e6,  # refs in flight + manifest entries
        "manifest_mb": shards * figures.entry / 1e6,
        "traffic_gb": shards * figures.size / 1e9,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=20000, help="theories for the side-by-side runs")
    parser.add_argument("--cpus", type=int, default=2, help="Ray's CPUs for its run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        one, ray, local = whole_process(args.n, args.cpus, folder)
        print(
            f"{args.n} theories, whole process: 1 worker {one:.1f}s, Ray {args.cpus} CPUs {ray:.1f}s, "
            f"{args.cpus} local processes {local:.1f}s"
        )
        print(f"   ratio 1 worker / Ray = {one / ray:.2f} (reference: {args.cpus:.2f} if Ray cost nothing); same bytes")
        print(f"   ratio 1 worker / {args.cpus} processes = {one / local:.2f} (the same split without Ray)")
        figures = shard_figures(folder)
    print(
        f"one shard of {figures.theories} theories: {figures.compute_s:.2f} CPU s to make, "
        f"{figures.size / 1e6:.2f} MB; the driver {figures.write_s * 1000:.0f} ms writing it, "
        f"{figures.manifest_s * 1000:.0f} ms reading it back for the manifest; {figures.entry} B of manifest"
    )
    print(f"model: nodes of {CORES_PER_NODE} cores, {NETWORK / 1e9:.2f} GB/s into the driver, the driver writes shards")
    columns = ("theories", "nodes", "compute h", "driver h", "net h", "manifest h", "wall h", "driver MB")
    print(" ".join(f"{c:>11}" for c in (*columns, "manifest MB", "traffic GB")))
    for theories in (10**6, 10**7, 10**8):
        for nodes in (1, 10, 100):
            row = model(figures, theories, nodes)
            cells = [f"{theories:.0e}", str(nodes), *(f"{row[k]:.2f}" for k in ("compute_h", "driver_h", "network_h"))]
            cells += [f"{row[k]:.2f}" for k in ("manifest_h", "wall_h")]
            cells += [f"{row[k]:.1f}" for k in ("driver_mb", "manifest_mb", "traffic_gb")]
            print(" ".join(f"{c:>11}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
