"""The `proofloom` command: one function per verb; known errors become one line and a non-zero exit."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from proofloom._version import __version__
from proofloom.atomic import atomic_output, write_text_atomic
from proofloom.errors import ProofloomError
from proofloom.generator.recipe import Recipe
from proofloom.logic.english import render_english, render_sentence
from proofloom.logic.files import TheoryFormat, load_theory
from proofloom.logic.syntax import render_dsl
from proofloom.prover.reasoning.solve import Summary

Command = Callable[[argparse.Namespace], int]


def _convert(args: argparse.Namespace) -> int:
    """Rewrite a theory file as DSL or as ProofWriter English."""
    source = TheoryFormat(args.source_format) if args.source_format else None
    theory = load_theory(Path(args.input), source)
    target = TheoryFormat(args.to)
    text = render_dsl(theory) if target is TheoryFormat.DSL else render_english(theory) + "\n"
    if args.output:
        write_text_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


def _demo(args: argparse.Namespace) -> int:
    """The main job on embedded defaults: generate a small dataset, prove its questions, verify every proof."""
    import tempfile

    from proofloom.generator.dataset import read_examples, write_dataset
    from proofloom.logic.semantics import Semantics
    from proofloom.prover.proof.entailmentbank import to_entailmentbank
    from proofloom.prover.reasoning.reasoner import Reasoner
    from proofloom.prover.verification.verifier import Verifier

    started = time.perf_counter()
    recipe = _load_recipe("proofwriter-owa-d5")
    assert isinstance(recipe, Recipe)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.output) if args.output else Path(scratch) / "dataset"
        manifest = write_dataset(recipe, folder, args.n)
        examples = list(read_examples(folder))
    print(f"1. generated {manifest['theories']} theories, {manifest['questions']} questions (recipe {recipe.name})")
    answered = correct = proofs = valid = 0
    for example in examples:
        reasoner, verifier = Reasoner(example.theory, Semantics.OWA), Verifier(example.theory)
        for question in example.questions:
            answer = reasoner.answer(question.statement)
            answered += 1
            correct += answer.label is question.label
            if answer.proof is not None:
                proofs += 1
                valid += verifier.verify(answer.proof.conclusion, to_entailmentbank(answer.proof)).valid
    print(f"2. proved: {correct}/{answered} labels equal the generator's (symbolic reasoner, owa)")
    print(f"3. verified: {valid}/{proofs} proofs valid, every step checked by Z3")
    tried = [(example, question) for example in examples for question in example.questions][: args.neural]
    neural_correct, neural_proofs, neural_verified = _demo_neural(tried)
    print(
        f"4. neural: {neural_correct}/{len(tried)} labels equal the generator's with the shipped step model "
        f"(every step Z3-checked in the refinement loop); {neural_verified}/{neural_proofs} proofs verified"
    )
    example = examples[0]
    question = next(q for q in example.questions if q.proofs)
    print(
        f"\nFor example: {example.context}\nQ: {render_sentence(question.statement)} "
        f"A: {question.label.value} (depth {question.depth})\nProof: {to_entailmentbank(question.proofs[0])}"
    )
    print(f"done in {time.perf_counter() - started:.1f}s")
    return 0 if correct == answered and valid == proofs and neural_verified == neural_proofs else 1


def _demo_neural(questions: list[tuple[Any, Any]]) -> tuple[int, int, int]:
    """(labels right, proofs, proofs verified) for the shipped neural step model on (example, question) pairs."""
    from proofloom.prover.loop.refine import prove
    from proofloom.prover.neural.model import default_model
    from proofloom.prover.neural.propose import NeuralStepModel

    model = NeuralStepModel(default_model())
    correct = proofs = verified = 0
    for example, question in questions:
        attempt = prove(example.theory, question.statement, model)
        correct += attempt.label is question.label
        proofs += attempt.proof is not None
        verified += attempt.proof is not None and attempt.verified
    return correct, proofs, verified


def _solve(args: argparse.Namespace) -> int:
    """Label, depth and proof for every question of a file; one JSON line each, then a summary."""
    import json

    from proofloom.generator.formats.problems import InputFormat, read_problems
    from proofloom.logic.semantics import Semantics
    from proofloom.prover.reasoning.reasoner import Strategy
    from proofloom.prover.reasoning.solve import solve

    semantics = Semantics.parse(args.semantics)
    input_format = InputFormat(args.input_format) if args.input_format else None
    summary = Summary(semantics)
    progress = _Progress(sys.stderr)
    problems = read_problems(Path(args.input), input_format)
    with atomic_output(Path(args.output)) as stream:
        for record in solve(problems, semantics, Strategy(args.strategy), summary, progress.update):
            stream.write(json.dumps(record) + "\n")
            if "error" in record and args.fail_fast:
                raise ProofloomError(record["error"])
    progress.done()
    print(summary.line())
    return 0


def _verify(args: argparse.Namespace) -> int:
    """Check every explanation of a file step by step; one JSON verdict a line, then a summary."""
    import json
    import re

    from proofloom.prover.verification.batch import VerifySummary, verify_file
    from proofloom.prover.verification.render import render_html

    summary = VerifySummary()
    pictures = Path(args.html) if args.html else None
    with atomic_output(Path(args.output)) as stream:
        for record in verify_file(Path(args.input), summary):
            stream.write(json.dumps(record.to_json()) + "\n")
            if args.fail_fast and record.theory is None:
                raise ProofloomError(record.verification.errors[0].message)
            if pictures is not None and record.theory is not None:
                name = re.sub(r"[^A-Za-z0-9_.-]+", "_", record.id)[:120]
                write_text_atomic(pictures / f"{name}.html", render_html(record.verification, record.theory, record.id))
    print(summary.line())
    return 0


def _generate(args: argparse.Namespace) -> int:
    """Generate a dataset from a recipe (a TOML file, or the name of one in datasets/)."""
    import dataclasses

    from proofloom.generator.dataset import OutputFormat, write_dataset
    from proofloom.generator.recipe import Recipe

    recipe = _load_recipe(args.recipe)
    assert isinstance(recipe, Recipe)
    if args.seed is not None:
        recipe = recipe.with_seed(args.seed)
    if args.shard_size is not None:
        recipe = dataclasses.replace(recipe, shard_size=args.shard_size)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        rate = done / max(time.perf_counter() - started, 1e-9)
        ending = "\r" if sys.stderr.isatty() else "\n"
        sys.stderr.write(f"generated {done}/{total} theories ({rate:.0f}/s){ending}")

    manifest = write_dataset(
        recipe, Path(args.output), args.n, args.workers, OutputFormat(args.output_format), progress
    )
    seconds = time.perf_counter() - started
    print(
        f"{manifest['theories']} theories, {manifest['questions']} questions in {args.output} "
        f"({seconds:.1f}s); see its README.md for counts per cell and the shortcut audit"
    )
    assert isinstance(recipe, Recipe)
    return 0


def _load_recipe(name: str) -> object:
    from proofloom.generator.recipe import Recipe, RecipeError

    path = Path(name)
    if path.exists():
        return Recipe.load(path)
    shipped = resources.files("proofloom").joinpath(f"datasets/{name.removesuffix('.toml')}.toml")
    if shipped.is_file():
        return Recipe.from_toml(shipped.read_text(encoding="utf-8"), f"datasets/{name}")
    raise RecipeError(f"{name}: no such recipe file, and no recipe of that name in datasets/")


def _train(args: argparse.Namespace) -> int:
    """Train the neural step model from scratch on a recipe's step supervision."""
    import dataclasses

    from proofloom.generator.example import supervision_of
    from proofloom.generator.generate import generate_example
    from proofloom.prover.neural.data import pairs
    from proofloom.prover.neural.model import ModelShape
    from proofloom.prover.neural.train import TrainingPlan, train

    recipe = _load_recipe(args.recipe)
    assert isinstance(recipe, Recipe)
    if not recipe.questions.step_supervision:
        recipe = dataclasses.replace(recipe, questions=dataclasses.replace(recipe.questions, step_supervision=True))
    started = time.perf_counter()
    data = pairs(supervision_of(generate_example(recipe, i)) for i in range(args.n))
    print(f"{len(data)} training pairs from {args.n} theories ({time.perf_counter() - started:.0f}s)", flush=True)
    plan = TrainingPlan(
        shape=ModelShape(args.d_model, 4 * args.d_model, args.layers, max(1, args.d_model // 32)),
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        max_minutes=args.minutes,
        threads=args.threads,
    )
    card = train(
        data,
        Path(args.output),
        plan,
        {"recipe": recipe.name, "seed": recipe.seed, "theories": args.n},
        progress=lambda line: print(line, flush=True),
    )
    print(
        f"saved {args.output}: {card['parameters']:,} parameters, held-out loss {card['metrics']['held_out_loss']:.3f}"
    )
    return 0


def _prove(args: argparse.Namespace) -> int:
    """Prove every question of a file with the neural step model; Z3 verifies each step."""
    import json

    from proofloom.generator.formats.problems import InputFormat, read_problems
    from proofloom.prover.loop.evaluation import Scored, evaluate
    from proofloom.prover.loop.refine import prove
    from proofloom.prover.neural.model import default_model
    from proofloom.prover.neural.propose import NeuralStepModel
    from proofloom.prover.problem import BadRecord
    from proofloom.prover.proof.entailmentbank import to_entailmentbank

    model = NeuralStepModel(Path(args.model) if args.model else default_model(), not args.unconstrained)
    input_format = InputFormat(args.input_format) if args.input_format else None
    scored: list[Scored] = []
    count = verified = errors = 0
    started = time.perf_counter()
    with atomic_output(Path(args.output)) as stream:
        for item in read_problems(Path(args.input), input_format):
            if isinstance(item, BadRecord):
                errors += 1
                stream.write(json.dumps({"id": item.id, "error": f"{item.where}: {item.message}"}) + "\n")
                if args.fail_fast:
                    raise ProofloomError(f"{item.where}: {item.message}")
                continue
            try:
                attempt = prove(
                    item.theory, item.statement, model, k=args.k, max_rounds=args.max_rounds, feedback=args.feedback
                )
            except ProofloomError as error:  # a limit: this record only
                errors += 1
                stream.write(json.dumps({"id": item.id, "error": str(error).splitlines()[0]}) + "\n")
                if args.fail_fast:
                    raise
                continue
            count += 1
            verified += attempt.proof is not None and attempt.verified
            if item.gold:
                scored.append(Scored(attempt, item.gold, item.gold_depth))
            record = {
                "id": item.id,
                "label": attempt.label.value,
                "depth": attempt.depth,
                "proof": to_entailmentbank(attempt.proof) if attempt.proof is not None else None,
                "verified": attempt.verified,
                "rounds": len(attempt.rounds),
                "accepted": attempt.accepted,
                "rejected": attempt.rejected,
                **({"gold": item.gold.value} if item.gold else {}),
            }
            stream.write(json.dumps(record) + "\n")
    elapsed = time.perf_counter() - started
    print(f"proved {count} questions ({verified} proofs verified), {errors} bad records; {elapsed:.1f}s")
    if scored:
        for line in evaluate(scored, args.max_rounds).lines():
            print(line)
    return 0


class _Progress:
    """A progress line on standard error, at most every two seconds, only while a run is long."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = time.perf_counter()
        self.shown = False

    def update(self, summary: Summary) -> None:
        now = time.perf_counter()
        if now - self.last >= 2.0:
            rate = summary.count / max(summary.seconds, 1e-9)
            ending = "\r" if self.stream.isatty() else "\n"
            self.stream.write(f"{summary.count} questions, {summary.errors} bad ({rate:.0f}/s){ending}")
            self.stream.flush()
            self.last, self.shown = now, self.stream.isatty()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")


def _parser() -> argparse.ArgumentParser:
    from proofloom.prover.neural.train import TrainingPlan  # plain values: no torch is imported here

    parser = argparse.ArgumentParser(
        prog="proofloom", description="Generate reasoning benchmarks, prove with entailment trees, verify with Z3."
    )
    parser.add_argument("--version", action="version", version=f"proofloom {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")

    convert = verbs.add_parser("convert", help="rewrite a theory as DSL or ProofWriter English")
    convert.add_argument("input", help="theory file (.dsl for the DSL, .txt for English; else detected)")
    convert.add_argument("--to", choices=[f.value for f in TheoryFormat], default="english")
    convert.add_argument("--from", dest="source_format", choices=[f.value for f in TheoryFormat])
    convert.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    convert.set_defaults(run=_convert)

    solve = verbs.add_parser("solve", help="answer every question of a file with the symbolic reasoner")
    solve.add_argument("input", help="questions: Logic-LM JSON, ProofWriter meta-*.jsonl or proofloom JSONL")
    solve.add_argument("-o", "--output", required=True, help="JSON lines out, written atomically")
    solve.add_argument("--semantics", default="owa", choices=["owa", "cwa", "classical"])
    solve.add_argument("--format", dest="input_format", choices=["logiclm", "proofwriter", "proofloom"])
    solve.add_argument("--strategy", default="forward", choices=["forward", "backward"])
    solve.add_argument("--fail-fast", action="store_true", help="stop at the first bad record")
    solve.set_defaults(run=_solve)

    verify = verbs.add_parser("verify", help="check explanations step by step with Z3 and diagnose failures")
    verify.add_argument("input", help="JSON lines: {id, context, statement, explanation, format?}")
    verify.add_argument("-o", "--output", required=True, help="JSON lines out, written atomically")
    verify.add_argument("--html", metavar="DIR", help="also draw each verified tree as an HTML page in DIR")
    verify.add_argument("--fail-fast", action="store_true", help="stop at the first record that cannot be read")
    verify.set_defaults(run=_verify)

    generate = verbs.add_parser("generate", help="generate a dataset of theories and questions from a recipe")
    generate.add_argument("recipe", help="a recipe TOML file, or a shipped recipe's name (proofwriter-owa-d5, ...)")
    generate.add_argument("-o", "--output", required=True, help="output folder (a killed run resumes there)")
    generate.add_argument("-n", type=int, default=1000, help="number of theories (default 1000)")
    generate.add_argument("--seed", type=int, help="override the recipe's seed")
    generate.add_argument("--workers", type=int, default=1, help="processes (the bytes do not depend on it)")
    generate.add_argument("--shard-size", type=int, help="theories per shard file (default: the recipe's)")
    generate.add_argument(
        "--format", dest="output_format", default="native", choices=["native", "proofwriter", "entailmentbank", "hf"]
    )
    generate.set_defaults(run=_generate)

    trainer = verbs.add_parser("train", help="train the neural step model from scratch on a recipe's step data")
    trainer.add_argument("recipe", help="a recipe (its step supervision is the training data), e.g. step-model")
    trainer.add_argument("-o", "--output", required=True, help="model folder (safetensors, tokenizer, card)")
    shipped = TrainingPlan()  # the defaults rebuild the shipped model
    trainer.add_argument("-n", type=int, default=12000, help="theories to generate for training")
    trainer.add_argument("--epochs", type=int, default=shipped.epochs)
    trainer.add_argument("--batch-size", type=int, default=shipped.batch_size)
    trainer.add_argument("--lr", type=float, default=shipped.learning_rate, help="peak learning rate (AdamW)")
    trainer.add_argument("--minutes", type=float, default=0.0, help="stop after this many minutes (0: none)")
    trainer.add_argument("--d-model", type=int, default=shipped.shape.d_model)
    trainer.add_argument("--layers", type=int, default=shipped.shape.layers)
    trainer.add_argument("--threads", type=int, default=0, help="torch threads (0: default)")
    trainer.set_defaults(run=_train)

    prover = verbs.add_parser("prove", help="prove questions with the neural step model, every step verified")
    prover.add_argument("input", help="questions, as for solve")
    prover.add_argument("-o", "--output", required=True)
    prover.add_argument("--model", help="a model folder made by `proofloom train` (default: the shipped model)")
    prover.add_argument("--format", dest="input_format", choices=["logiclm", "proofwriter", "proofloom"])
    prover.add_argument("--max-rounds", type=int, default=24)
    prover.add_argument("-k", type=int, default=8, help="proposals per round")
    prover.add_argument(
        "--feedback",
        type=int,
        default=6,
        help="latest rejections fed back to the model (0: none, nor the list of steps it may not repeat)",
    )
    prover.add_argument(
        "--unconstrained",
        action="store_true",
        help="decode freely (default: held to the shape of a step, quoting listed facts)",
    )
    prover.add_argument("--fail-fast", action="store_true", help="stop at the first bad record")
    prover.set_defaults(run=_prove)

    demo = verbs.add_parser("demo", help="run the main job end to end on the embedded defaults")
    demo.add_argument("-n", type=int, default=20, help="theories to generate (default 20)")
    demo.add_argument("-o", "--output", help="keep the generated dataset in this folder")
    demo.add_argument(
        "--neural", type=int, default=24, help="questions the neural step model proves (default 24: seconds each)"
    )
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; a ProofloomError or a file error prints one line and exits 1 (2 for usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    run: Command | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return 2
    try:
        return run(args)
    except (ProofloomError, OSError) as error:
        if args.debug:
            traceback.print_exc()
        first_line = str(error).splitlines()[0] if str(error) else error.__class__.__name__
        print(f"proofloom: error: {first_line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("proofloom: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug in proofloom: still one line, with the way to the traceback
        if args.debug:
            raise
        print(f"proofloom: internal error: {error.__class__.__name__}: {error} (rerun with --debug)", file=sys.stderr)
        return 70
