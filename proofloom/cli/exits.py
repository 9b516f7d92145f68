"""The exit statuses every verb shares, and the `--help` text that documents them."""

from __future__ import annotations

OK, BAD_RECORDS, USAGE, INTERNAL, INTERRUPTED = 0, 1, 2, 70, 130  # sysexits' EX_SOFTWARE (70) for a bug

EPILOG = (
    "exit status: 0 every input read and everything done; 1 some records bad (the output is still complete, "
    "each bad record a line with its error; --fail-fast stops at the first) or, for demo, a check failed; "
    "2 usage or unreadable input (a bad option, recipe or file, named in one error line); "
    "70 a bug in proofloom (rerun with --debug); 130 interrupted"
)


def status(bad_records: int) -> int:
    """A batch's exit status: 1 if any record was bad, else 0."""
    return BAD_RECORDS if bad_records else OK
