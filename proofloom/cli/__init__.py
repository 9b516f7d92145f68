"""The `proofloom` command: one module per verb, each a thin layer over a library function.

`main` (in `app.py`) builds the parser (`parser.py`), runs the chosen verb, and turns a known error into one
line and a non-zero exit (`--debug`: the traceback). Building the parser imports no library: each verb imports
what it needs when it runs, so `proofloom --help` starts at once.
"""

from __future__ import annotations

from proofloom.cli.app import main

__all__ = ["main"]
