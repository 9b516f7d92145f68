"""`proofloom convert`: rewrite a theory file as DSL or as ProofWriter English."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proofloom.cli.choices import THEORY_FORMATS

HELP = "rewrite a theory as DSL or ProofWriter English"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The theory file, the target format and where to write."""
    parser.add_argument("input", help="theory file (.dsl for the DSL, .txt for English; else detected)")
    parser.add_argument("--to", choices=THEORY_FORMATS, default="english")
    parser.add_argument("--from", dest="source_format", choices=THEORY_FORMATS)
    parser.add_argument("-o", "--output", help="write here (atomically) instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Read the theory (format detected unless `--from`), render it, write it whole or not at all."""
    from proofloom.atomic import write_text_atomic
    from proofloom.logic.english import render_english
    from proofloom.logic.files import TheoryFormat, load_theory
    from proofloom.logic.syntax import render_dsl

    source = TheoryFormat(args.source_format) if args.source_format else None
    theory = load_theory(Path(args.input), source)
    text = render_dsl(theory) if TheoryFormat(args.to) is TheoryFormat.DSL else render_english(theory) + "\n"
    if args.output:
        write_text_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0
