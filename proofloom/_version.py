"""The single source of proofloom's version."""

__version__ = "0.1.0"
