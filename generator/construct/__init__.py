"""Building a theory to order: each question slot gets a proof grown backward to exactly its depth.

For a True or False slot of depth d, a target literal is chosen and d rules are grown backward from it,
each concluding the previous goal from a new link literal (and side conditions stated as facts), until
the last link is stated as a fact. An Unknown slot of depth d grows the same proof and leaves its last
fact out: a near miss. Distractor facts and rules follow; then the reasoner re-checks every slot, and
an attempt whose labels or depths moved (a shortcut, a clash) is discarded for the next.

- `attempt`: `build_theory`, the attempts and what they give (`Built`);
- `draft`: the theory under construction and the draws its parts share;
- `chains`: proofs grown backward over relations; `ladder`: the one shared ladder of attribute theories;
- `statements`: each slot's statement and its polarity; `distractors`; `recheck`.
"""

from proofloom.generator.construct.attempt import Built, ConstructionError, build_theory

__all__ = ["Built", "ConstructionError", "build_theory"]
