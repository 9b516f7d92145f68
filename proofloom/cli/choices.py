"""The closed sets the command line offers, spelled as the library's enums spell them.

Written out here so that building the parser imports no library (the enums' modules pull in lark, Z3 or
networkx); a test holds each tuple equal to its enum's values.
"""

from __future__ import annotations

THEORY_FORMATS = ("dsl", "english")  # logic.files.TheoryFormat
SEMANTICS = ("owa", "cwa", "classical")  # logic.semantics.Semantics
# generator.formats.problems.InputFormat
INPUT_FORMATS = ("logiclm", "proofwriter", "proofloom", "native", "entailmentbank", "hf", "dataset", "prontoqa")
OUTPUT_FORMATS = ("native", "proofwriter", "entailmentbank", "hf", "logiclm")  # generator.dataset.OutputFormat
STRATEGIES = ("forward", "backward")  # prover.reasoning.reasoner.Strategy
