"""The verbs as a user runs them: whole processes, wall and CPU time and peak memory, beside a reference.

`python bench/bench_verbs.py` (or `python bench/run.py verbs`; `--large` adds generate at -n 20,000) times,
each beside its reference in the same run, interleaved, so a shared machine slows both alike:

- `generate <recipe> -n 2000 --format F --workers 1` in every format, beside the inner loop alone as a process
  (`shard_text`: generate and write the native lines, nothing else) -- the speed the command should reach;
- `solve` on a 3,600-question Logic-LM file (the dev file's 600 questions six times, ids made unique),
  beside `bench/reference_solve.py` (regular expressions and forward chaining, no proof trees);
- `verify` on gold explanations, on the same with one premise swapped in every step's record (so a step
  fails), and on both mixed, in EntailmentBank, ProofWriter and chain-of-thought form, beside the issue's
  goal of 5,000 steps/s and the raw Z3 push/pop ceiling measured in the same run (`z3_ceiling.py`);
- `--help` and `--version` beside a bare `python -c pass`.

`--baseline DIR` also times every `proofloom` command from another checkout (say `git worktree add --detach
../base main`), interleaved with this one's, prints the ratio, and says whether the two wrote the same bytes;
`--keep DIR` leaves the inputs and outputs there (to profile one command, or diff outputs).

Inner-loop figures (`bench_generate`, `bench_solve`, `bench_verify`) are in-process; these are not.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figure import DEV_FILE, Figure  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RECIPE = "proofwriter-owa-d5"
FORMATS = ("native", "proofwriter", "entailmentbank", "hf", "logiclm")
VERIFY_GOAL = 5000.0


@dataclass(frozen=True, slots=True)
class Run:
    """One whole process: wall seconds, CPU seconds (user + system) and peak resident memory."""

    wall: float
    cpu: float
    peak_mb: float


def run(command: list[str]) -> Run:
    """Start `command`, wait for it with wait4 so its own rusage (not all children's) is read."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=_env())
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: some records bad, as the mutated explanations may be
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {errors.decode()[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _env() -> dict[str, str]:
    """This environment, with the checkout first on the path and bytecode caching on, as a user's Python has it
    (an installed package comes compiled; a checkout writes `__pycache__` on first import). A shell that sets
    PYTHONDONTWRITEBYTECODE would otherwise have every proofloom module compiled from source in every run,
    about 0.2 s of a command that the reference, a single script over the standard library, never pays."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


BASELINE: Path | None = None  # another checkout, timed beside this one (`--baseline`)


def proofloom(*args: str, root: Path | None = None) -> list[str]:
    """`python -m proofloom ARGS`, from this checkout or (`root`) another, run from that checkout's folder."""
    command = [sys.executable, "-m", "proofloom", *args]
    if root is None:
        return command
    return ["env", "-C", str(root), f"PYTHONPATH={root}", *command]  # its own folder first on sys.path


def with_baseline(commands: dict[str, Callable[[], list[str]]], **outputs: Callable[[Path | None], list[str]]) -> None:
    """Add to `commands` each of `outputs` (a name: the command given a root) from this checkout and, with
    `--baseline`, from the baseline checkout as `NAME (baseline)`."""
    for name, command in outputs.items():
        commands[name] = lambda command=command: command(None)
        if BASELINE is not None:
            commands[f"{name} (baseline)"] = lambda command=command: command(BASELINE)


def baseline_note(found: dict[str, Run], name: str, ours: Path, theirs: Path) -> str:
    """'; 1.85x the baseline's speed, same bytes': this checkout's time beside the baseline's, when one ran."""
    base = found.get(f"{name} (baseline)")
    if base is None:
        return ""
    same = "same bytes" if ours.read_bytes() == theirs.read_bytes() else "OUTPUT DIFFERS from the baseline's"
    return f"; {base.wall / found[name].wall:.2f}x the baseline's speed ({base.wall:.2f} s wall), {same}"


def side_by_side(repeats: int, commands: dict[str, Callable[[], list[str]]]) -> dict[str, Run]:
    """Each command `repeats` times, interleaved; the fastest wall time of each (the least disturbed run)."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            runs[name].append(run(command()))
    return {name: min(found, key=lambda r: r.wall) for name, found in runs.items()}


def generate_figures(folder: Path, count: int) -> list[Figure]:
    inner = (
        "from proofloom.generator.dataset import shard_text; from proofloom.cli.recipes import load_recipe; "
        f"r = load_recipe({RECIPE!r}); [shard_text(r, s, min(s + r.shard_size, {count})) "
        f"for s in range(0, {count}, r.shard_size)]"
    )
    commands: dict[str, Callable[[], list[str]]] = {"inner loop": lambda: [sys.executable, "-c", inner]}
    for fmt in FORMATS:
        out = folder / f"gen-{fmt}-{count}"
        commands[fmt] = lambda out=out, fmt=fmt: proofloom(
            "generate", RECIPE, "-n", str(count), "--format", fmt, "--workers", "1", "-o", str(out), "--overwrite"
        )
        # a second run resumes a finished folder: remove it so every run makes every shard
        commands[fmt] = _fresh(out, commands[fmt])
    two = folder / f"gen-proofwriter-{count}-two-workers"  # what a second core buys (the bytes are the same)
    commands["proofwriter, 2 workers"] = _fresh(
        two,
        lambda: proofloom(
            "generate", RECIPE, "-n", str(count), "--format", "proofwriter", "--workers", "2", "-o", str(two)
        ),
    )
    found = side_by_side(1, commands)
    two_workers = found.pop("proofwriter, 2 workers")
    reference = found.pop("inner loop")
    figures = [_figure(f"generate -n {count}: inner loop alone (shard_text in one process)", count, reference, "")]
    for fmt, timing in found.items():
        ratio = reference.wall / timing.wall
        figures.append(
            _figure(
                f"generate -n {count} --format {fmt} --workers 1",
                count,
                timing,
                f"{ratio:.2f}x the inner loop's speed (goal >= 500 theories/s, 1,000 the inner loop)",
            )
        )
    figures.append(
        _figure(
            f"generate -n {count} --format proofwriter --workers 2",
            count,
            two_workers,
            f"{found['proofwriter'].wall / two_workers.wall:.2f}x one worker's speed (CPU: the driver's and "
            "the workers' it waited for)",
        )
    )
    return figures


def _fresh(folder: Path, command: Callable[[], list[str]]) -> Callable[[], list[str]]:
    def fresh() -> list[str]:
        subprocess.run(["rm", "-rf", str(folder)], check=True)
        return command()

    return fresh


def _figure(name: str, items: int, timing: Run, reference: str, unit: str = "theories/s") -> Figure:
    detail = f"{timing.wall:.2f} s wall, {timing.cpu:.2f} s CPU, peak {timing.peak_mb:,.0f} MB"
    return Figure(name, items / timing.wall, unit, f"{detail}; {reference}" if reference else detail)


def solve_figures(folder: Path) -> list[Figure]:
    records = json.loads(DEV_FILE.read_text(encoding="utf-8"))
    big = [dict(r, id=f"{r['id']}-copy{k}") for k in range(6) for r in records]
    path = folder / "questions-3600.json"
    path.write_text(json.dumps(big), encoding="utf-8")
    # the 3,600 file asks each dev question six times (a repeat is one lookup); the dev file alone repeats none
    return _solve_figures(folder, path, len(big), "") + _solve_figures(folder, DEV_FILE, len(records), " (dev alone)")


def _solve_figures(folder: Path, path: Path, count: int, which: str) -> list[Figure]:
    commands: dict[str, Callable[[], list[str]]] = {
        "reference": lambda: [sys.executable, str(HERE / "reference_solve.py"), str(path), str(folder / "ref.jsonl")]
    }
    ours, theirs = folder / "answers.jsonl", folder / "answers.base.jsonl"
    with_baseline(
        commands,
        solve=lambda root: proofloom("solve", str(path), "-o", str(theirs if root else ours), root=root),
    )
    found = side_by_side(2, commands)
    answers = [json.loads(line) for line in (folder / "answers.jsonl").read_text().splitlines()]
    right = sum(a.get("label") == a.get("gold") for a in answers)
    with_proof = sum(bool(a.get("proof")) for a in answers if a.get("label") in ("True", "False"))
    reference = found["reference"]
    solve = found["solve"]
    return [
        _figure(f"solve reference{which} (regex + forward chaining, no trees)", count, reference, "", "questions/s"),
        _figure(
            f"solve {count} Logic-LM questions{which}",
            count,
            solve,
            f"ratio to the reference {solve.wall / reference.wall:.2f} (goal <= 1.0); {right}/{count} gold, "
            f"{with_proof} True/False answers with a proof{baseline_note(found, 'solve', ours, theirs)}",
            "questions/s",
        ),
    ]


def verify_figures(folder: Path) -> list[Figure]:
    from proofloom.logic.english import read_statement, read_theory, render_english, render_sentence
    from proofloom.prover.proof.entailmentbank import to_entailmentbank
    from proofloom.prover.proof.explanation import to_chain_of_thought
    from proofloom.prover.proof.proof_strings import to_proofwriter
    from proofloom.prover.reasoning.reasoner import Reasoner

    items = []
    for record in json.loads(DEV_FILE.read_text(encoding="utf-8")):
        theory = read_theory(record["context"])
        tree = Reasoner(theory).answer(read_statement(record["question"].rsplit("? ", 1)[-1])).proof
        if tree is not None and tree.size > 0:
            items.append((record["id"], record["context"], theory, tree))
    writers = {
        "entailmentbank": to_entailmentbank,
        "proofwriter": lambda tree: to_proofwriter((tree,)),
        "chain of thought": to_chain_of_thought,
    }
    from z3_ceiling import checks_per_second

    ceiling = checks_per_second()  # measured in this run, beside the verify figures it bounds
    figures = [
        Figure(
            "verify ceiling: raw Z3 push/pop checks of step-sized entailments (inner loop, bench/z3_ceiling.py)",
            ceiling,
            "checks/s",
            "nothing read, grounded or diagnosed",
        )
    ]
    for name, write in writers.items():
        gold, mutated = [], []
        steps = 0
        for k in range(3):  # 3 x the solved dev proofs: records sharing contexts, as a real file has
            for qid, context, theory, tree in items:
                text = write(tree)
                base = {
                    "id": f"{qid}-{k}",
                    "context": render_english(theory),
                    "statement": render_sentence(tree.conclusion),
                }
                gold.append(dict(base, explanation=text))
                mutated.append(dict(base, id=base["id"] + "-swapped", explanation=_swap_premise(text, context, name)))
                steps += tree.size
        files = {}
        for label, records in (
            ("gold", gold),
            ("mutated", mutated),
            ("mixed", [r for pair in zip(gold, mutated, strict=True) for r in pair]),
        ):
            path = folder / f"verify-{name.replace(' ', '-')}-{label}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
            files[label] = path
        commands: dict[str, Callable[[], list[str]]] = {}
        for label, p in files.items():
            with_baseline(
                commands,
                **{
                    label: lambda root, p=p: proofloom(
                        "verify", str(p), "-o", str(p.with_suffix(".base.out" if root else ".out")), root=root
                    )
                },
            )
        found = side_by_side(1, commands)
        for label in files:
            timing = found[label]
            count = steps * (2 if label == "mixed" else 1)
            out = files[label].with_suffix(".out")
            rejected = sum(not json.loads(line).get("valid", False) for line in out.read_text().splitlines())
            figures.append(
                _figure(
                    f"verify {name}, {label} ({count} steps, {rejected} records not valid)",
                    count,
                    timing,
                    f"{count / timing.cpu:,.0f} steps per CPU s; {count / timing.wall / ceiling:.2f} of the Z3 "
                    f"ceiling ({ceiling:,.0f}/s); goal {VERIFY_GOAL:,.0f} steps/s mixed"
                    + baseline_note(found, label, out, out.with_suffix(".base.out")),
                    "steps/s",
                )
            )
    return figures


def _swap_premise(text: str, context: str, name: str) -> str:
    """The explanation with its first premise replaced by another sentence of the context, so a step fails."""
    sentences = re.split(r"(?<=\.)\s+", context.strip())
    if name == "chain of thought":
        first = re.split(r"(?<=\.)\s+", text)[0]
        other = next(s for s in sentences if s != first and s not in text)
        return text.replace(first, other, 1)
    pattern = r"sent(\d+)" if name == "entailmentbank" else r"triple(\d+)"
    found = re.search(pattern, text)
    if found is None:
        return text
    used = {int(n) for n in re.findall(pattern, text)}
    limit = len(sentences) if name == "entailmentbank" else sum(1 for s in sentences if not s.startswith(("If", "All")))
    other = next((n for n in range(1, limit + 1) if n not in used), None)
    if other is None:
        return text
    return text[: found.start(1)] + str(other) + text[found.end(1) :]


def startup_figures() -> list[Figure]:
    commands = {
        "proofloom --help": proofloom("--help"),
        "proofloom --version": proofloom("--version"),
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(9):
        for name, command in commands.items():
            runs[name].append(run(command))
    median = {name: statistics.median(r.wall for r in found) for name, found in runs.items()}
    bare = median.pop("python -c pass")
    return [
        Figure(
            f"{name} (median of 9, whole process)",
            seconds * 1000,
            "ms",
            f"goal <= 200 ms; python -c pass {bare * 1000:.0f} ms",
        )
        for name, seconds in median.items()
    ]


def measure(large: bool = False, only: tuple[str, ...] = (), keep: Path | None = None) -> list[Figure]:
    if not DEV_FILE.exists():
        return [Figure("verbs (skipped: no ../shared data)", 0, "", "")]
    figures = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) if keep is None else keep
        folder.mkdir(parents=True, exist_ok=True)
        parts: dict[str, Callable[[], list[Figure]]] = {
            "startup": startup_figures,
            "solve": lambda: solve_figures(folder),
            "verify": lambda: verify_figures(folder),
            "generate": lambda: generate_figures(folder, 2000) + (generate_figures(folder, 20000) if large else []),
        }
        for part, figures_of in parts.items():
            if not only or part in only:
                figures.extend(figures_of())
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", action="store_true", help="also generate at -n 20,000 in every format")
    parser.add_argument("--baseline", type=Path, metavar="DIR", help="another checkout to time beside this one")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="leave the inputs and outputs in DIR")
    parser.add_argument("parts", nargs="*", help="startup, solve, verify, generate (default all)")
    args = parser.parse_args()
    global BASELINE
    BASELINE = args.baseline.resolve() if args.baseline else None
    print(f"== verbs (whole processes; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})")
    for figure in measure(args.large, tuple(args.parts), args.keep):
        print(f"   {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
