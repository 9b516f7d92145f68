"""`main`: parse the command line, run the verb, and turn what goes wrong into one line and an exit status."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence

from proofloom.cli.exits import BAD_RECORDS, INTERNAL, INTERRUPTED, USAGE
from proofloom.cli.parser import build_parser
from proofloom.errors import BadRecordError, ProofloomError

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; an error prints one line and exits 2 (1 when a bad record stopped a batch; see `exits`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Command | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return USAGE
    try:
        return run(args)
    except (ProofloomError, OSError) as error:
        if args.debug:
            traceback.print_exc()
        print(f"proofloom: error: {first_line(error)}", file=sys.stderr)
        return BAD_RECORDS if isinstance(error, BadRecordError) else USAGE
    except KeyboardInterrupt:
        print("proofloom: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:  # a bug in proofloom: still one line, with the way to the traceback
        if args.debug:
            raise
        print(f"proofloom: internal error: {error.__class__.__name__}: {error} (rerun with --debug)", file=sys.stderr)
        return INTERNAL


def first_line(error: BaseException) -> str:
    """The first line of an error's message (a syntax error's caret excerpt follows it), or its type's name."""
    text = str(error)
    return text.splitlines()[0] if text else error.__class__.__name__
