"""The `proofloom` command as a user meets it: help, version, the main job, one-line errors."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from proofloom import __version__
from proofloom.cli import main
from proofloom.cli.progress import Progress
from proofloom.generator.recipe import Recipe, TrainingSection
from proofloom.logic.english import read_theory
from proofloom.logic.syntax import parse_theory
from tests.conftest import HANG_GUARD

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


def run_cli(*args: str, cwd: Path | None = None, timeout: float = HANG_GUARD) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proofloom", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout
    )


def test_help_and_version(tmp_path: Path) -> None:
    assert run_cli("--version", cwd=tmp_path).stdout.strip() == f"proofloom {__version__}"
    helped = run_cli("--help", cwd=tmp_path)
    assert helped.returncode == 0
    assert all(verb in helped.stdout for verb in ("convert", "solve", "verify", "generate", "demo"))


def test_demo_runs_the_main_job(tmp_path: Path) -> None:
    # A small demo, so that the test depends on what the demo finds, not on how busy the machine is: the
    # timeout (HANG_GUARD) only stops a hang.
    result = run_cli("demo", "-n", "4", "--neural", "2", "-o", "data", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    generated, proved, verified, neural = result.stdout.splitlines()[:4]
    assert generated == "1. generated 4 theories, 24 questions (recipe proofwriter-owa-d5)"
    assert proved == "2. proved: 24/24 labels equal the generator's (symbolic reasoner, owa)"
    valid = re.fullmatch(r"3\. verified: (\d+)/(\d+) proofs valid, every step checked by Z3", verified)
    assert valid is not None and valid[1] == valid[2] != "0"
    tried = re.fullmatch(
        r"4\. neural: \d/2 labels equal .* step model .*, beside \d/2 for the do-nothing floor \(facts alone\); "
        r"(\d)/(\d) proofs verified",
        neural,
    )
    assert tried is not None and tried[1] == tried[2]
    assert "For example: " in result.stdout and "Proof: sent" in result.stdout
    from proofloom.generator.dataset import read_examples

    deepest = max(q.depth or 0 for e in read_examples(tmp_path / "data") for q in e.questions if q.proofs)
    assert deepest > 0 and f"(depth {deepest})\nProof: sent" in result.stdout  # the deepest proof is the example


def test_convert_round_trips_through_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "t.dsl"
    source.write_text("big(bob).\n~kind(charlie).\nr1: quiet(X), cold(X) -> smart(X).\n")
    english = tmp_path / "t.txt"
    assert main(["convert", str(source), "--to", "english", "-o", str(english)]) == 0
    assert english.read_text() == "Bob is big. Charlie is not kind. If something is quiet and cold then it is smart.\n"
    assert main(["convert", str(english), "--to", "dsl"]) == 0
    assert parse_theory(capsys.readouterr().out) == read_theory(english.read_text())


def test_a_verb_runs_with_fewer_collections_and_puts_the_collector_back(tmp_path: Path) -> None:
    import gc

    from proofloom.cli import app

    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with app._fewer_collections():
        assert gc.get_threshold() == (max(app.GC_FIRST_THRESHOLD, before[0]), *before[1:])
    assert gc.get_threshold() == before
    source = tmp_path / "t.dsl"
    source.write_text("big(bob).\n")
    assert main(["convert", str(source), "--to", "english", "-o", str(tmp_path / "t.txt")]) == 0
    assert main(["convert", str(tmp_path / "missing.dsl"), "--to", "english"]) == 2  # an error puts it back too
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen  # main(argv) is called from a process that goes on: nothing frozen
    ended = subprocess.run(
        [sys.executable, "-c", "import gc, sys\nfrom proofloom.cli import main\nmain()\nprint(gc.get_freeze_count())"]
        + ["convert", str(source), "--to", "english"],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert int(ended.stdout.splitlines()[-1]) > 0  # as the command, the run ends frozen for the shutdown


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bad.dsl", "big(bob).\nbig(bob\n", "bad.dsl:2:8: unexpected end of text"),
        ("bad.txt", "Bob is big. Bob is a big dog.", "bad.txt: sentence 2, column 14: cannot read 'Bob is a big dog.'"),
    ],
)
def test_errors_are_one_line_naming_the_place(tmp_path: Path, name: str, text: str, expected: str) -> None:
    (tmp_path / name).write_text(text)
    result = run_cli("convert", name, cwd=tmp_path)
    assert result.returncode == 2  # unreadable input
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert expected in result.stderr


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run_cli("convert", "nowhere.dsl", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "proofloom: error: nowhere.dsl: no such file\n")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.dsl").write_text("big(")
    assert "Traceback" in run_cli("--debug", "convert", "bad.dsl", cwd=tmp_path).stderr


def test_failed_output_keeps_the_old_file(tmp_path: Path) -> None:
    (tmp_path / "bad.dsl").write_text("big(")
    out = tmp_path / "out.txt"
    out.write_text("precious\n")
    assert main(["convert", str(tmp_path / "bad.dsl"), "-o", str(out)]) == 2  # unreadable input
    assert out.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_solve_answers_the_real_dev_file(tmp_path: Path) -> None:
    from tests.conftest import DEV_FILE

    if not DEV_FILE.exists():
        pytest.skip("no ../shared data")
    out = tmp_path / "answers.jsonl"
    result = run_cli("solve", str(DEV_FILE), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "accuracy 600/600 = 100.00%" in result.stdout
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 600 and all(r["label"] == r["gold"] for r in records)
    assert all((r["proof"] is None) == (r["label"] == "Unknown") for r in records)


def test_solve_never_imports_torch(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text('{"id": "a", "theory": "big(bob).", "statement": "big(bob)"}\n')
    probe = (
        "import sys; from proofloom.cli import main; main(['solve', 'q.jsonl', '-o', 'a.jsonl']); "
        "sys.exit('torch' in sys.modules or 'transformers' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True).returncode == 0


def test_solve_goes_past_bad_records_unless_told_to_stop(tmp_path: Path) -> None:
    lines = ['{"id": "good", "theory": "big(bob).", "statement": "~big(bob)"}', '{"id": "bad", "theory": "big("}', "{"]
    (tmp_path / "q.jsonl").write_text("\n".join(lines) + "\n")
    result = run_cli("solve", "q.jsonl", "-o", "a.jsonl", "--semantics", "classical", cwd=tmp_path)
    assert result.returncode == 1 and "2 bad records" in result.stdout  # 1: some records bad, the rest answered
    good, bad, broken = (json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines())
    assert good["label"] == "False" and good["semantics"] == "classical"
    assert bad["id"] == "bad" and "q.jsonl:2" in bad["error"]
    assert "q.jsonl:3" in broken["error"]
    (tmp_path / "a.jsonl").write_text("kept\n")
    stopped = run_cli("solve", "q.jsonl", "-o", "a.jsonl", "--fail-fast", cwd=tmp_path)
    assert stopped.returncode == 1 and stopped.stderr.count("\n") == 1 and "q.jsonl:2" in stopped.stderr
    assert (tmp_path / "a.jsonl").read_text() == "kept\n"


def test_verify_batch_with_pictures_and_bad_records(tmp_path: Path) -> None:
    context = "Bob is big. If something is big then it is red. Red things are round."
    lines = [
        {
            "id": "good",
            "context": context,
            "statement": "Bob is round.",
            "explanation": "sent1 & sent2 -> int1: Bob is red.; int1 & sent3 -> hypothesis;",
        },
        {"id": "wrong", "context": context, "statement": "Bob is red.", "explanation": "sent2 -> hypothesis;"},
        {
            "id": "dsl",
            "context": "big(bob). big(X) -> red(X).",
            "statement": "red(bob)",
            "explanation": "[(((triple1) -> rule1))]",
            "format": "proofwriter",
        },
        {"id": "unreadable", "context": "Bob is a big dog.", "statement": "Bob is red.", "explanation": "x"},
    ]
    source = tmp_path / "explanations.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines) + "{broken\n")
    result = run_cli("verify", "explanations.jsonl", "-o", "verdicts.jsonl", "--html", "pictures", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # two records not read: bad, and every verdict still written
    assert "verified 5 explanations" in result.stdout and "2 valid (40.00%)" in result.stdout
    assert "not_entailed 1" in result.stdout and "unparseable 2" in result.stdout
    verdicts = [json.loads(line) for line in (tmp_path / "verdicts.jsonl").read_text().splitlines()]
    assert [v["valid"] for v in verdicts] == [True, False, True, False, False]
    wrong = verdicts[1]["errors"][0]
    # the repair in the explanation's own names: `sent1`, the context's first sentence (the theory's triple1)
    assert wrong["type"] == "not_entailed" and wrong["repair"] == {"add_sentences": ["sent1"]}
    assert "Bob is not red." in wrong["counter_model"]
    assert "sentence 1" in verdicts[3]["errors"][0]["message"] and verdicts[4]["id"].endswith(":5")
    assert sorted(p.name for p in (tmp_path / "pictures").iterdir()) == ["dsl.html", "good.html", "wrong.html"]
    stopped = run_cli("verify", "explanations.jsonl", "-o", "verdicts.jsonl", "--fail-fast", cwd=tmp_path)
    assert stopped.returncode == 1 and "sentence 1" in stopped.stderr and stopped.stderr.count("\n") == 1


@pytest.mark.slow
def test_train_then_prove_from_the_command_line(tmp_path: Path) -> None:
    trained = run_cli(
        "train",
        "step-model",
        "-o",
        "model",
        "-n",
        "6",
        "--epochs",
        "1",
        "--d-model",
        "32",
        "--layers",
        "1",
        cwd=tmp_path,
    )
    assert trained.returncode == 0, trained.stderr
    assert "training pairs from 6 theories" in trained.stdout and "parameters" in trained.stdout
    # the rule can fire (Bob is big), so the model is asked about it, over a prompt past the model's length
    huge = " ".join(f"Bob is big{i}." for i in range(400)) + " Bob is big. If something is big then it is red."
    (tmp_path / "q.jsonl").write_text(
        '{"id": "a", "context": "Bob is big. If something is big then it is red.", "statement": "Bob is red."}\n'
        '{"id": "bad", "context": "Bob is bigger than the dog.", "statement": "Bob is red."}\n'
        + json.dumps({"id": "huge", "context": huge, "statement": "Bob is red."})
        + "\n"
    )
    proved = run_cli("prove", "q.jsonl", "-o", "out.jsonl", "--model", "model", "--max-rounds", "2", cwd=tmp_path)
    assert proved.returncode == 1, proved.stderr  # two bad records among the questions
    good, bad, too_long = (json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines())
    assert good["rounds"] >= 1 and good["label"] in ("True", "Unknown")
    assert good["verified"] is (True if good["label"] == "True" else None)  # an Unknown claims no proof
    assert "error" in bad and "`model_tokens`" in too_long["error"]
    free = run_cli("prove", "q.jsonl", "-o", "free.jsonl", "--model", "model", "--unconstrained", cwd=tmp_path)
    unconstrained = json.loads((tmp_path / "free.jsonl").read_text().splitlines()[0])
    assert free.returncode == 1 and unconstrained["verified"] is (True if unconstrained["proof"] else None)
    stopped = run_cli("prove", "q.jsonl", "-o", "out.jsonl", "--model", "model", "--fail-fast", cwd=tmp_path)
    assert stopped.returncode == 1 and stopped.stderr.count("\n") == 1


class _Terminal(io.StringIO):
    """A stream that says it is a terminal, keeping what was drawn on it."""

    def isatty(self) -> bool:
        return True


def test_progress_draws_in_place_on_a_terminal_and_blanks_its_line() -> None:
    screen = _Terminal()
    with Progress("theories", screen, interval=3600) as progress:
        progress.update(1, 30)
        progress.update(2, 30)  # within the interval: not drawn
        progress.update(30, 30, bad=1)  # the last count is always drawn
        drawn = screen.getvalue()
    assert drawn.startswith("\r1/30 theories (") and "2/30" not in drawn
    assert "\r30/30 theories, 1 bad (" in drawn and "\n" not in screen.getvalue()
    assert screen.getvalue().endswith("\r" + " " * len(drawn.rsplit("\r", 1)[1]) + "\r")  # blanked on exit
    assert list(Progress("questions", _Terminal()).track("abc")) == ["a", "b", "c"]


def test_progress_is_silent_when_not_a_terminal() -> None:
    piped = io.StringIO()
    with Progress("theories", piped) as progress:
        progress.update(30, 30)
        assert list(progress.track(range(3), 3)) == [0, 1, 2]
    assert piped.getvalue() == ""


def run_on_terminal(*args: str, cwd: Path) -> tuple[int, str]:
    """Run the CLI with standard error on a pseudo-terminal, as a person would; (exit status, what it drew)."""
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "proofloom", *args]
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other side closed: the process is done writing
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    return process.wait(timeout=HANG_GUARD), drawn.decode()


@pytest.mark.parametrize(
    ("verb", "counted", "exit_status"),
    [
        (("generate", "proofwriter-owa-d5", "-o", "data", "-n", "12", "--shard-size", "4"), "12/12 theories", 0),
        (("solve", "q.jsonl", "-o", "a.jsonl"), "1 questions, 1 bad", 1),  # the first drawn: the bad record came first
        (("verify", "e.jsonl", "-o", "v.jsonl"), "1 explanations", 0),
    ],
)
def test_long_verbs_show_progress_on_a_terminal_and_none_when_piped(
    tmp_path: Path, verb: tuple[str, ...], counted: str, exit_status: int
) -> None:
    (tmp_path / "q.jsonl").write_text(
        '{"id": "bad", "theory": "big("}\n{"id": "a", "theory": "big(bob).", "statement": "big(bob)"}\n'
    )
    explained = {"id": "e", "context": "Bob is big.", "statement": "Bob is big.", "explanation": "sent1 -> hypothesis;"}
    (tmp_path / "e.jsonl").write_text(json.dumps(explained) + "\n")
    status, drawn = run_on_terminal(*verb, cwd=tmp_path)
    assert status == exit_status and f"\r{counted} (" in drawn
    piped = run_cli(*verb, cwd=tmp_path)
    assert piped.returncode == exit_status and piped.stderr == ""


def test_generate_names_each_phase_after_the_shards_and_rates_only_this_runs_work(tmp_path: Path) -> None:
    command = ("generate", "proofwriter-owa-d5", "-o", "data", "-n", "12", "--shard-size", "4", "--format", "hf")
    status, drawn = run_on_terminal(*command, cwd=tmp_path)
    assert status == 0
    # the workers hash, count and write the hf files with each shard: the one phase after them is the card
    assert "\rwriting the dataset card" in drawn and "reading the shards" not in drawn, drawn
    status, resumed = run_on_terminal(*command, cwd=tmp_path)  # every shard is there: this run made none
    assert status == 0 and "\r12/12 theories (0.0/s)" in resumed, resumed
    assert "\rreading the shards an earlier run wrote" in resumed, resumed


def test_the_rate_leaves_out_work_found_done(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 10.0, 20.0])  # construction, the first count, the last count
    monkeypatch.setattr("proofloom.cli.progress.time.perf_counter", lambda: next(clock))
    screen = _Terminal()
    progress = Progress("theories", screen, interval=0, resumable=True)
    progress.update(1000, 1100)  # found on disk: shown, never rated
    progress.update(1100, 1100)  # 100 made in the 10 s since
    assert "\r1,000/1,100 theories (0.0/s)" in screen.getvalue()
    assert "\r1,100/1,100 theories (10/s)" in screen.getvalue()


def test_a_phase_is_drawn_on_a_terminal_only() -> None:
    screen, piped = _Terminal(), io.StringIO()
    for stream in (screen, piped):
        Progress("theories", stream).phase("writing the dataset card")
    assert screen.getvalue() == "\rwriting the dataset card..." and piped.getvalue() == ""


def test_exit_statuses_are_documented_in_help(tmp_path: Path) -> None:
    for command in (("--help",), ("solve", "--help"), ("generate", "--help")):
        helped = " ".join(run_cli(*command, cwd=tmp_path).stdout.split())
        assert "exit status: 0 every input read and everything done; 1 some records bad" in helped
        assert "2 usage or unreadable input" in helped
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert "Exit status" in readme and "`2` usage or unreadable input" in readme


def test_a_bad_record_exits_1_with_the_output_complete(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text(
        '{"id": "a", "theory": "big(bob).", "statement": "big(bob)"}\n{"id": "bad", "theory": "big("}\n'
    )
    solved = run_cli("solve", "q.jsonl", "-o", "a.jsonl", cwd=tmp_path)
    answers = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert solved.returncode == 1 and [a["id"] for a in answers] == ["a", "bad"] and "error" in answers[1]
    good = {"id": "e", "context": "Bob is big.", "statement": "Bob is big.", "explanation": "sent1 -> hypothesis;"}
    (tmp_path / "e.jsonl").write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "x", "context": "big("}))
    verified = run_cli("verify", "e.jsonl", "-o", "v.jsonl", cwd=tmp_path)
    verdicts = [json.loads(line) for line in (tmp_path / "v.jsonl").read_text().splitlines()]
    assert verified.returncode == 1 and [v["id"] for v in verdicts] == ["e", "x"] and verdicts[0]["valid"]
    assert verified.stdout.rstrip().endswith("; 1 bad record")
    (tmp_path / "good.jsonl").write_text(json.dumps(good) + "\n")
    assert run_cli("verify", "good.jsonl", "-o", "v.jsonl", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("verb", ["solve", "verify", "prove"])
def test_an_empty_or_missing_input_is_one_line_naming_it_and_exits_2(tmp_path: Path, verb: str) -> None:
    (tmp_path / "empty.jsonl").write_text("\n  \n")
    empty = run_cli(verb, "empty.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert empty.returncode == 2
    assert empty.stderr == "proofloom: error: empty.jsonl: the file is empty: no records to read\n"
    missing = run_cli(verb, "missing.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "missing.jsonl" in missing.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_help_imports_no_library(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom proofloom.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in ('lark', 'z3', 'torch', 'transformers', 'networkx', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=HANG_GUARD
    )
    assert result.returncode == 0 and result.stdout.splitlines()[-1] == ""


def test_the_parsers_choices_are_the_librarys_enums() -> None:
    from proofloom.cli import choices
    from proofloom.generator.dataset import OutputFormat
    from proofloom.generator.formats.problems import InputFormat
    from proofloom.logic.files import TheoryFormat
    from proofloom.logic.semantics import Semantics
    from proofloom.prover.reasoning.reasoner import Strategy

    pairs = [
        (choices.THEORY_FORMATS, TheoryFormat),
        (choices.SEMANTICS, Semantics),
        (choices.INPUT_FORMATS, InputFormat),
        (choices.OUTPUT_FORMATS, OutputFormat),
        (choices.STRATEGIES, Strategy),
    ]
    for spelled, enum in pairs:
        assert spelled == tuple(member.value for member in enum)


def test_verify_checks_under_the_semantics_asked_classical_by_default(tmp_path: Path) -> None:
    contrapositive = {
        "id": "c",
        "context": "If something is big then it is red. Bob is not red.",
        "statement": "Bob is not big.",
        "explanation": "sent1 & sent2 -> hypothesis;",
    }
    (tmp_path / "e.jsonl").write_text(json.dumps(contrapositive) + "\n")
    valid = {}
    for semantics in ("", "classical", "owa"):
        chosen = ("--semantics", semantics) if semantics else ()
        assert main(["verify", str(tmp_path / "e.jsonl"), "-o", str(tmp_path / "v.jsonl"), *chosen]) == 0
        valid[semantics] = json.loads((tmp_path / "v.jsonl").read_text())["valid"]
    assert valid == {"": True, "classical": True, "owa": False}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-n", "0"), "argument -n: must be at least 1, got 0"),
        (("-n", "-3"), "argument -n: must be at least 1, got -3"),
        (("--workers", "0"), "argument --workers: must be at least 1, got 0"),
        (("--seed", "-1"), "argument --seed: must be at least 0, got -1"),
        (("-n", "many"), "argument -n: expected an integer, got 'many'"),
    ],
)
def test_bad_counts_are_usage_errors_and_nothing_is_written(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("generate", "proofwriter-owa-d5", "-o", "out", *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_train_takes_every_knob_from_the_recipe_s_training_section(tmp_path: Path) -> None:
    recipe = Recipe.load(DATASETS / "step-model.toml")
    plan = TrainingSection(theories=5, d_model=32, layers=1, epochs=1, batch_size=8, learning_rate=0.002)
    plan = dataclasses.replace(plan, eval_pairs=8, eval_every=5, patience=2, seed=3)
    (tmp_path / "tiny.toml").write_text(dataclasses.replace(recipe, training=plan).to_toml())
    trained = run_cli("train", "tiny.toml", "-o", "model", cwd=tmp_path)  # no option: the recipe says it all
    assert trained.returncode == 0, trained.stderr
    card = json.loads((tmp_path / "model" / "card.json").read_text())
    assert card["theories"] == 5 and card["shape"]["d_model"] == 32 and card["shape"]["layers"] == 1
    assert card["plan"] == {
        **{"epochs": 1, "batch_size": 8, "learning_rate": 0.002, "warmup_share": 0.03, "seed": 3},
        **{"eval_pairs": 8, "eval_every": 5, "patience": 2},
    }
    assert "training pairs from 5 theories" in trained.stdout
    assert card["prompt"] == "rule"


@pytest.mark.slow
def test_a_state_recipe_trains_a_model_that_is_asked_about_the_goal(tmp_path: Path) -> None:
    from proofloom.prover.loop.step_model import ProofState
    from proofloom.prover.neural.propose import NeuralStepModel

    recipe = Recipe.load(DATASETS / "step-model-state.toml")
    plan = TrainingSection(theories=5, d_model=32, layers=1, epochs=1, batch_size=8, eval_pairs=8, prompt="state")
    (tmp_path / "tiny.toml").write_text(dataclasses.replace(recipe, training=plan).to_toml())
    trained = run_cli("train", "tiny.toml", "-o", "model", cwd=tmp_path)
    assert trained.returncode == 0, trained.stderr
    assert json.loads((tmp_path / "model" / "card.json").read_text())["prompt"] == "state"
    model = NeuralStepModel(tmp_path / "model")
    theory = read_theory("Bob is big. If something is big then it is red.")
    assert model.prompt == "state" and model.rejections_in_prompt
    state = ProofState(theory, read_theory("Bob is red.").facts[0].content)
    proposals = model.propose(state, 4)  # one decode over the whole state, held to the shape of a step
    assert proposals and all(" -> " in step and step.startswith("rule1 ") for step in proposals), proposals


def test_solve_and_prove_take_the_semantics_the_input_s_ids_say(tmp_path: Path) -> None:
    # ProofWriter's ids say the world assumption: a closed-world file read open would answer Unknown
    lines = [
        {"id": "AttNoneg-CWA-D1-1_Q1", "context": "Bob is big.", "statement": "Bob is red.", "label": "False"},
        {"id": "AttNoneg-CWA-D1-1_Q2", "context": "Bob is big.", "statement": "Bob is not red.", "label": "True"},
    ]
    (tmp_path / "q.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    for verb in ("solve", "prove"):
        result = run_cli(verb, "q.jsonl", "-o", f"{verb}.jsonl", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "semantics: cwa, as the input's ids say (AttNoneg-CWA-D1-1_Q1)" in result.stderr
        answers = [json.loads(line) for line in (tmp_path / f"{verb}.jsonl").read_text().splitlines()]
        assert [a["label"] for a in answers] == ["False", "True"], answers
    chosen = run_cli("solve", "q.jsonl", "-o", "owa.jsonl", "--semantics", "owa", cwd=tmp_path)
    assert "semantics:" not in chosen.stderr
    assert {json.loads(line)["label"] for line in (tmp_path / "owa.jsonl").read_text().splitlines()} == {"Unknown"}
