"""The research report (`proofloom evaluate`) and any vocabulary, with the real shipped model and a real control."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from proofloom.generator.formats.problems import read_problems
from proofloom.generator.vocabulary import PROOFWRITER
from proofloom.logic.semantics import Label
from proofloom.logic.syntax import parse_literal, parse_theory
from proofloom.prover.loop.refine import prove
from proofloom.prover.loop.report import QuestionScore, report
from proofloom.prover.neural.model import default_model
from proofloom.prover.neural.placeholders import Renaming, TrainedWords
from proofloom.prover.neural.propose import random_weights
from proofloom.prover.neural.shipped import shipped_model
from proofloom.prover.problem import Problem
from tests.conftest import DEV_FILE
from tests.test_cli import run_cli

# Every word invented: entities, attributes and a relation, none of them a word the shipped model was trained on
INVENTED = (
    "blick(zorp). blick(X) -> frump(X). frump(X), ~wug(X) -> glorb(X). ~wug(zorp). glorb(X) -> snarf(X, mimbo). "
    "plonk(mimbo). plonk(X) -> ~blick(X). gerp(zorp)."
)


def test_a_theory_in_invented_words_is_proved_by_the_shipped_weights_and_not_by_random_ones() -> None:
    theory, statement = parse_theory(INVENTED), parse_literal("snarf(zorp, mimbo)")
    vocabulary = set(shipped_model().tokenizer.get_vocab())
    assert not {*map(str, theory.constants()), *theory.predicates()} & vocabulary  # the model never saw one
    trained = prove(theory, statement, shipped_model())
    assert trained.label is Label.TRUE and trained.verified and trained.depth == 3
    assert trained.proof is not None and trained.proof.conclusion == statement  # in the theory's own words
    for seed in (0, 1):
        control = prove(theory, statement, random_weights(default_model(), seed))
        assert control.label is Label.UNKNOWN and control.proof is None


def test_the_issue_s_zorp_is_proved_as_bob_is() -> None:
    for name in ("zorp", "bob"):
        attempt = prove(parse_theory(f"big({name}). big(X) -> red(X)."), parse_literal(f"red({name})"), shipped_model())
        assert attempt.label is Label.TRUE and attempt.verified, name


def test_binding_keeps_trained_words_and_binds_every_other_one_to_a_spare_trained_word_of_its_role() -> None:
    words = TrainedWords((*PROOFWRITER.people, *PROOFWRITER.animals), PROOFWRITER.attributes, PROOFWRITER.relations)
    theory = parse_theory(INVENTED + " big(bob). big(X) -> blick(X).")
    statement = parse_literal("snarf(zorp, mimbo)")
    renaming = Renaming.onto(theory, statement, words)
    forward = renaming.forward
    assert forward["bob"] == "bob" and forward["big"] == "big"  # trained words, in their role, stay
    assert {forward[w] for w in ("zorp", "mimbo")} <= set(words.entities) - {"bob"}
    assert {forward[w] for w in ("blick", "frump", "glorb", "plonk", "gerp", "wug")} <= set(words.attributes) - {"big"}
    assert forward["snarf"] in words.relations
    assert len(set(forward.values())) == len(forward)  # one-to-one, so every step reads back
    assert Renaming.onto(theory, statement, words) == renaming  # the same question, the same binding
    step = "r3 zorp frump & zorp not wug -> zorp glorb"
    assert renaming.back(renaming.step(step)) == step


def test_entities_are_bound_to_those_the_model_saw_in_theories_of_the_same_kind() -> None:
    people, animals = PROOFWRITER.people, PROOFWRITER.animals
    words = TrainedWords((*people, *animals), PROOFWRITER.attributes, PROOFWRITER.relations, people, animals)
    card = json.loads((default_model() / "card.json").read_text())
    assert TrainedWords.from_card(card) == words  # as trained
    assert card["prompt"] == "rule"  # as `proofloom train step-model` writes it (`training.prompt`)
    relational = Renaming.onto(parse_theory(INVENTED), parse_literal("snarf(zorp, mimbo)"), words).forward
    assert {relational["zorp"], relational["mimbo"]} <= set(animals)  # ProofWriter's relational theories: animals
    attributes_only = Renaming.onto(
        parse_theory("blick(zorp). blick(X) -> frump(X)."), parse_literal("frump(zorp)"), words
    )
    assert attributes_only.forward["zorp"] in people
    crowded = parse_theory(" ".join(f"blick(e{n}). snarf(e{n}, e{n + 1})." for n in range(12)))
    bound = Renaming.onto(crowded, parse_literal("blick(e0)"), words).forward
    entities = [bound[f"e{n}"] for n in range(13)]
    assert len(set(entities)) == 13 and set(entities) <= {*people, *animals}  # animals first, then people
    assert sum(e in animals for e in entities) == len(animals)


def test_the_report_sets_the_model_beside_the_do_nothing_floor_and_random_weights(dev_records: list[object]) -> None:
    problems = [p for p in itertools.islice(read_problems(DEV_FILE), 6) if isinstance(p, Problem)]
    result = report(problems, shipped_model(), random_weights(default_model()), control_limit=4)
    model, floor, control = result.model, result.floor, result.control
    assert control is not None and (model.questions, floor.questions, control.questions) == (6, 6, 4)
    assert model.gold_proved == model.gold_provable > 0 and model.verified == model.proofs  # every proof verified
    assert floor.correct == model.floor < model.correct  # the loop with no step proposed: the facts alone
    assert floor.proposals == 0 and control.gold_proved <= floor.gold_proved  # random weights prove nothing more
    assert all(d is not None for d, _, _ in model.by_depth[:-1])  # depths from the reasoner where the file has none
    assert len(result.cpu_seconds) == 6 and model.proposals_per_step >= 1 and model.rounds > 0
    record = result.to_json()
    assert set(record) >= {"model", "do_nothing", "random_weights", "cpu_seconds_per_question"}
    assert json.loads(json.dumps(record))["model"]["true_false_proof_recall"] == 1.0


def test_evaluate_scores_a_recipe_s_held_out_examples_from_the_command_line(tmp_path: Path) -> None:
    result = run_cli(
        "evaluate",
        "shipped",
        "proofwriter-owa-d3",
        "-n",
        "1",
        "--control",
        "2",
        "-o",
        "r.json",
        "--plot",
        "a.svg",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "do-nothing (no step proposed)" in result.stdout and "random weights (first 2 questions)" in result.stdout
    record = json.loads((tmp_path / "r.json").read_text())
    assert record["model"]["questions"] == record["do_nothing"]["questions"] >= 2
    assert record["random_weights"]["questions"] == 2 and record["settings"]["n"] == 1
    assert {row["depth"] for row in record["model"]["by_depth"]} and record["model"]["by_label"]
    picture = (tmp_path / "a.svg").read_text()
    assert picture.startswith("<svg") and picture.count("<polyline") == 3 and "random weights" in picture


def test_evaluate_can_keep_only_the_questions_of_one_gold_depth(tmp_path: Path) -> None:
    result = run_cli(
        "evaluate",
        "shipped",
        str(DEV_FILE),
        "--depth",
        "2",
        "--limit",
        "3",
        "--control",
        "0",
        "-o",
        "r.json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "r.json").read_text())
    assert record["model"]["questions"] == 3 and record["settings"]["depth"] == 2
    assert [row["depth"] for row in record["model"]["by_depth"]] == [2]  # found by the reasoner: dev.json has none


def test_a_resumed_report_equals_one_that_never_stopped() -> None:
    problems = [p for p in itertools.islice(read_problems(DEV_FILE), 5) if isinstance(p, Problem)]
    scores: list[QuestionScore] = []
    whole = report(problems, shipped_model(), random_weights(default_model()), control_limit=3, on_score=scores.append)
    assert [s.id for s in scores] == [p.id for p in problems] and sum(s.control is not None for s in scores) == 3
    written = [QuestionScore.from_json(json.loads(json.dumps(s.to_json()))) for s in scores[:2]]  # as the file keeps
    assert written == scores[:2]
    resumed = report(problems[2:], shipped_model(), random_weights(default_model()), control_limit=3, done=written)
    assert resumed.model == whole.model and resumed.floor == whole.floor and resumed.control == whole.control
    assert len(resumed.cpu_seconds) == 5


def test_a_stopped_evaluate_resumes_from_its_partial_file_and_refuses_other_settings(tmp_path: Path) -> None:
    args = ["evaluate", "shipped", "proofwriter-owa-d3", "-n", "2", "--control", "3"]
    whole = run_cli(*args, "-o", "whole.json", cwd=tmp_path)
    assert whole.returncode == 0, whole.stderr
    assert not (tmp_path / "whole.json.partial").exists()  # a finished run leaves the report only
    partial = tmp_path / "stopped.json.partial"
    stopped = subprocess.Popen([sys.executable, "-m", "proofloom", *args, "-o", "stopped.json"], cwd=tmp_path)
    try:
        while stopped.poll() is None and (not partial.exists() or partial.read_text().count("\n") < 2):
            time.sleep(0.02)
    finally:
        stopped.kill()  # a hard stop: nothing gets to clean up
        stopped.wait()
    kept = partial.read_text().count("\n")
    assert 2 <= kept < 12 and not (tmp_path / "stopped.json").exists()
    with partial.open("a") as stream:
        stream.write('{"id": "cut off mid-wri')  # as a kill mid-line leaves it
    resumed = run_cli(*args, "-o", "stopped.json", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {kept} questions already scored" in resumed.stdout
    finished, reference = (json.loads((tmp_path / n).read_text()) for n in ("stopped.json", "whole.json"))
    for part in ("model", "do_nothing", "random_weights"):
        assert finished[part] == reference[part], part
    partial.write_text(json.dumps({"id": "x", "bad": "-", "run": "another"}) + "\n")
    refused = run_cli(*args, "--seed", "1", "-o", "stopped.json", cwd=tmp_path)
    assert refused.returncode != 0 and f"{partial.name}:1: scored by another run" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_resume_skips_by_position_and_refuses_data_that_changed(tmp_path: Path) -> None:
    from proofloom.cli.evaluate import _after
    from proofloom.errors import ProofloomError

    theory, statement = parse_theory("big(bob)."), parse_literal("big(bob)")
    same_id = [Problem("q", theory, statement, Label.TRUE) for _ in range(3)]  # a file may repeat an id
    done = [QuestionScore("q", Label.TRUE)]
    assert len(list(_after(same_id, done, tmp_path / "r.partial"))) == 2  # not every later "q" dropped
    changed = [Problem("q", theory, statement, Label.FALSE), *same_id[1:]]
    with pytest.raises(ProofloomError, match="r.partial:1: scored 'q', but the data now has 'q' \\(False\\)"):
        list(_after(changed, done, tmp_path / "r.partial"))
