"""The verifier's ceiling: raw Z3 checks of entailments the size of a ProofWriter step, push/pop, one solver.

`python bench/z3_ceiling.py` prints checks per second, the figure `bench_verbs.py` sets beside `verify`: a
theory of 60 ground atoms and 120 Horn clauses (two conditions, one head) asserted once behind tracker
literals, then per check `push`, a step's premises (three clauses and a fact) and its negated goal, `check`,
`pop`. Nothing is read, grounded or diagnosed, so no verifier can check steps faster than this on the machine.
"""

from __future__ import annotations

import random
import time

import z3

ATOMS = 60
CLAUSES = 120
CHECKS = 3000


def checks_per_second(seed: int = 0, checks: int = CHECKS) -> float:
    """Push/pop entailment checks per second, the fastest of three rounds (the least disturbed)."""
    chooser = random.Random(seed)
    context = z3.Context()
    solver = z3.Solver(ctx=context)
    atoms = [z3.Bool(f"a{i}", context) for i in range(ATOMS)]
    trackers = [z3.Bool(f"t{i}", context) for i in range(CLAUSES)]
    for tracker in trackers:
        first, second, head = chooser.sample(atoms, 3)
        solver.add(z3.Or(z3.Not(tracker), z3.Not(first), z3.Not(second), head))  # tracker -> (a, b -> head)
    steps = [
        ([*chooser.sample(trackers, 3), chooser.choice(atoms)], z3.Not(chooser.choice(atoms))) for _ in range(checks)
    ]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for premises, negated_goal in steps:
            solver.push()
            solver.add(*premises, negated_goal)
            solver.check()
            solver.pop()
        best = min(best, time.perf_counter() - started)
    return checks / best


if __name__ == "__main__":
    print(f"raw Z3 push/pop ceiling: {checks_per_second():,.0f} checks/s")
