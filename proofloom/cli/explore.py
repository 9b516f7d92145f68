"""`proofloom explore`: a static HTML site to browse a dataset or `verify`'s verdicts, trees drawn as SVG."""

from __future__ import annotations

import argparse
from pathlib import Path

from proofloom.cli.numbers import positive

HELP = "write a static HTML site to browse a dataset or verify's verdicts (no server: open it from the disk)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The data (dataset folder, examples file or verdicts file), the site folder, and what else to show."""
    parser.add_argument("data", help="a dataset folder from `generate`, its JSONL examples, or `verify` output")
    parser.add_argument("-o", "--output", required=True, help="the site's folder (its index.html written atomically)")
    parser.add_argument(
        "--explanations", metavar="FILE", help="with verdicts: verify's input, to show each context and statement"
    )
    parser.add_argument(
        "--limit", type=positive, default=500, help="at most this many theories on the page (default 500)"
    )


def run(args: argparse.Namespace) -> int:
    """Write the site (`explorer.explore`) and say how much it shows."""
    from proofloom.cli.exits import OK
    from proofloom.explorer import explore
    from proofloom.words import counted

    explanations = Path(args.explanations) if args.explanations else None
    site = explore(Path(args.data), Path(args.output), explanations, args.limit)
    noun = "question" if site.kind == "dataset" else "explanation"
    held = f" (of {site.total}; --limit {args.limit} theories)" if site.total > len(site.items) else ""
    print(f"{counted(len(site.items), noun)}{held} in {Path(args.output) / 'index.html'}")
    return OK
