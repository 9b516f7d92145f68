"""Batch proving: one record per problem, bad ones passed through, the summary adding up, the semantics obeyed."""

from __future__ import annotations

from proofloom.logic.english import read_statement, read_theory
from proofloom.logic.semantics import Label, Semantics
from proofloom.prover.loop.batch import ProveSummary, prove_problems
from proofloom.prover.loop.step_model import ProofState
from proofloom.prover.problem import BadRecord, Problem


class Scripted:
    """A step model that proposes the same steps every round."""

    def __init__(self, *steps: str) -> None:
        self.steps = list(steps)

    def propose(self, state: ProofState, k: int) -> list[str]:
        return self.steps[:k]


def problem(problem_id: str, context: str, statement: str, gold: Label | None = None) -> Problem:
    return Problem(problem_id, read_theory(context), read_statement(statement), gold, 1 if gold else None)


def test_each_problem_gives_one_record_and_the_summary_adds_up() -> None:
    problems = [
        BadRecord("broken", "q.jsonl:1", "not JSON"),
        problem("red", "Bob is big. If something is big then it is red.", "Bob is red.", Label.TRUE),
        problem("kind", "Bob is big. If something is big then it is red.", "Bob is kind.", Label.UNKNOWN),
    ]
    summary = ProveSummary()
    seen: list[int] = []
    records = list(
        prove_problems(
            problems, Scripted("rule1 bob big -> bob red"), summary=summary, on_record=lambda s: seen.append(s.count)
        )
    )
    assert [r["id"] for r in records] == ["broken", "red", "kind"]
    assert records[0] == {"id": "broken", "error": "q.jsonl:1: not JSON"}
    assert (
        records[1]["label"] == "True"
        and records[1]["verified"]
        and records[1]["proof"] == "sent1 & sent2 -> hypothesis;"
    )
    assert records[1]["gold"] == "True" and records[2]["label"] == "Unknown" and records[2]["proof"] is None
    assert records[2]["verified"] is None  # an answer without a proof claims nothing
    assert (summary.count, summary.verified, summary.errors, len(summary.scored)) == (2, 1, 1, 2)
    assert seen == [0, 1, 2]
    first, *scores = summary.lines(max_rounds=24)
    assert first.startswith("proved 2 questions (1 proof verified), 1 bad record;")
    assert scores[0] == (
        "answer accuracy 100.00% (2/2); do-nothing floor 50.00% (facts alone); Unknown to every question 50.00%"
    )
    assert scores[1] == (
        "True/False proof recall 100.00% (1/1 gold True/False questions answered with a verified proof); "
        "Unknown precision 100.00% (1/1 answers Unknown)"
    )


def test_every_step_is_checked_under_the_semantics_asked() -> None:
    contrapositive = problem("c", "If something is big then it is red. Bob is not red.", "Bob is not big.")
    model = Scripted("rule1 bob not red -> bob not big")
    (classical,) = prove_problems([contrapositive], model, semantics=Semantics.CLASSICAL)
    (open_world,) = prove_problems([contrapositive], model, semantics=Semantics.OWA)
    assert classical["label"] == "True" and classical["verified"]
    assert open_world["label"] == "Unknown" and open_world["rejected"] > 0
