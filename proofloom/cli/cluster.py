"""The `--ray [ADDRESS]` switch shared by `generate`, `prove` and `verify` (Ray itself is imported only when used)."""

from __future__ import annotations

import argparse

LOCAL = "local"


def add_ray_argument(parser: argparse.ArgumentParser, workers: str) -> None:
    """`--ray` alone starts a local Ray of `workers` CPUs for the run; `--ray ADDRESS` joins a cluster."""
    parser.add_argument(
        "--ray",
        nargs="?",
        const=LOCAL,
        metavar="ADDRESS",
        help=f"run on Ray: alone, a local Ray of {workers} CPUs; with an address (auto, ray://host:10001), "
        "that cluster (pip install 'proofloom[ray]')",
    )


def ray_address(args: argparse.Namespace) -> str | None:
    """The address to join, or None to start a local Ray."""
    return None if args.ray == LOCAL else str(args.ray)
