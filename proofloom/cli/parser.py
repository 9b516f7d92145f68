"""The argument parser: the global switches, then one subcommand per verb module, in the order `--help` lists them.

Each verb module gives its `HELP` line, `add_arguments` and `run`; none imports a library at module level,
so building the parser (and answering `--help` or `--version`) costs only argparse.
"""

from __future__ import annotations

import argparse
from typing import Protocol

from proofloom._version import __version__
from proofloom.cli import convert, demo, evaluate, explore, generate, prove, score, solve, train, verify
from proofloom.cli.exits import EPILOG


class Verb(Protocol):
    """What a verb module provides (a module satisfies a protocol by its names)."""

    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


VERBS: dict[str, Verb] = {
    "convert": convert,
    "solve": solve,
    "verify": verify,
    "explore": explore,
    "generate": generate,
    "train": train,
    "prove": prove,
    "evaluate": evaluate,
    "score": score,
    "demo": demo,
}


def build_parser() -> argparse.ArgumentParser:
    """`proofloom [--version] [--debug] COMMAND ...`, each command's `run` set as its default."""
    parser = argparse.ArgumentParser(
        prog="proofloom",
        description="Generate reasoning benchmarks, prove with entailment trees, verify with Z3.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"proofloom {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")
    for name, module in VERBS.items():
        command = verbs.add_parser(name, help=module.HELP, description=module.HELP, epilog=EPILOG)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser
