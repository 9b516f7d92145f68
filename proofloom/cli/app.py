"""`main`: parse the command line, run the verb, and turn what goes wrong into one line and an exit status."""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence

from proofloom.cli.exits import BAD_RECORDS, INTERNAL, INTERRUPTED, USAGE
from proofloom.cli.parser import build_parser
from proofloom.errors import BadRecordError, ProofloomError

Command = Callable[[argparse.Namespace], int]

# The cyclic collector's first threshold for a run (Python's default is 700 allocations). A verb builds its
# values by the hundred thousand and keeps most of them (readings, theories, closures in bounded caches), so at
# 700 the collector runs hundreds of times, each run promoting survivors that later full passes walk again: a
# sixth of `solve`'s time on 3,600 questions. Values here are acyclic, so collecting 30 times less often
# costs no memory to speak of; the older generations keep their default ratios.
GC_FIRST_THRESHOLD = 20_000


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; an error prints one line and exits 2 (1 when a bad record stopped a batch; see `exits`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Command | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return USAGE
    try:
        with _fewer_collections(ends_the_process=argv is None):
            return run(args)
    except (ProofloomError, OSError) as error:
        if args.debug:
            traceback.print_exc()
        print(f"proofloom: error: {message(error)}", file=sys.stderr)
        return BAD_RECORDS if isinstance(error, BadRecordError) else USAGE
    except KeyboardInterrupt:
        print("proofloom: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:  # a bug in proofloom: still one line, with the way to the traceback
        if args.debug:
            raise
        print(f"proofloom: internal error: {error.__class__.__name__}: {error} (rerun with --debug)", file=sys.stderr)
        return INTERNAL


@contextlib.contextmanager
def _fewer_collections(ends_the_process: bool = False) -> Iterator[None]:
    """The verb's run with the collector's first threshold at `GC_FIRST_THRESHOLD`, put back after.

    Where the run ends the process (`main()` as the `proofloom` command, argv from the command line), what it
    made is frozen (`gc.freeze`) as it ends: the interpreter's shutdown collects every generation again while
    it takes the modules apart, a walk over every object still held (the readings, theories and closures of a
    3,600-question file: a fifth of `solve`'s time) that finds nothing, for the process frees it all anyway.
    Objects are still freed and files closed as they always are; only the collector skips them."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(GC_FIRST_THRESHOLD, threshold[0]), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if ends_the_process:
            gc.freeze()


def message(error: BaseException) -> str:
    """What the one error line says: a file the OS would not open as `PATH: no such file` (or its reason, e.g.
    `PATH: permission denied`), the same for every verb and input; anything else its first line."""
    if isinstance(error, OSError) and error.filename is not None:
        reason = "no such file" if isinstance(error, FileNotFoundError) else (error.strerror or "").lower()
        if reason:
            return f"{error.filename}: {reason}"
    return first_line(error)


def first_line(error: BaseException) -> str:
    """The first line of an error's message (a syntax error's caret excerpt follows it), or its type's name."""
    text = str(error)
    return text.splitlines()[0] if text else error.__class__.__name__
