"""Every reason a step or an explanation is refused: one enum for the verifier, the loop, prompts and training.

The values are the words written out: in the verifier's JSON (`"type": "not_entailed"`), in the loop's
feedback to a step model, in the shipped neural model's training prompts. Those words must not change:
the model was trained on them, and verdict files written before are read by their words.
"""

from __future__ import annotations

import enum


class Reason(enum.Enum):
    """Why a step, or a whole explanation, is refused."""

    UNPARSEABLE = "unparseable"  # not in any form proofloom reads, or a sentence that does not read
    UNKNOWN_PREMISE = "unknown_premise"  # an id or position the context does not have (or a fact the loop lacks)
    UNGROUNDED_PREMISE = "ungrounded_premise"  # a quoted fact or rule that is not in the theory, a NAF that fails
    UNDEFINED_INTERMEDIATE = "undefined_intermediate"  # used but never concluded, or used before it is
    DUPLICATE_INTERMEDIATE = "duplicate_intermediate"  # concluded twice
    CYCLE = "cycle"  # intermediates that depend on each other
    NOT_ENTAILED = "not_entailed"  # the premises do not entail the conclusion
    NEEDS_STRONGER_SEMANTICS = "needs_stronger_semantics"  # entailed, but not under the semantics asked
    WRONG_CONCLUSION = "wrong_conclusion"  # the explanation ends somewhere other than the statement
    WRONG_ANSWER = "wrong_answer"  # a chain's answer line is not the statement's label under the semantics asked
    TIMEOUT = "timeout"  # Z3 ran out of time: neither valid nor invalid
    NEEDS_ONE_RULE = "needs_one_rule"  # the loop's steps apply exactly one rule
    ALREADY_KNOWN = "already_known"  # the loop's steps conclude something new
