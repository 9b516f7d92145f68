"""`python -m proofloom` runs the CLI."""

from proofloom.cli import main

raise SystemExit(main())
