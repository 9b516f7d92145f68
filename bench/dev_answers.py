"""The shipped step model's answer to every dev question, one JSON line each, from any checkout of proofloom.

`python bench/dev_answers.py CHECKOUT OUT [--shard K --shards N]` imports proofloom from CHECKOUT (a folder
holding `proofloom/`), so two checkouts run side by side, in one run, compare question by question: a
refactor that claims "the model scores the same" shows every question's label, rounds and proof unchanged.
Works with checkouts from before the prover's subpackages (the loop's old module path) too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from figure import DEV_FILE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("checkout", type=Path, help="the proofloom checkout to import")
    parser.add_argument("output", type=Path, help="JSON lines: i, gold, label, proof, verified, rounds, cpu")
    parser.add_argument("--shard", type=int, default=0)
    parser.add_argument("--shards", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(args.checkout.resolve()))
    from proofloom.logic.english import read_statement, read_theory
    from proofloom.prover.neural.model import default_model
    from proofloom.prover.neural.propose import NeuralStepModel

    try:
        from proofloom.prover.loop.refine import prove
    except ImportError:  # a checkout from before the prover's subpackages
        from proofloom.prover.refine import prove

    model = NeuralStepModel(default_model())
    records = json.loads(DEV_FILE.read_text())
    with args.output.open("w") as sink:
        for index, record in enumerate(records):
            if index % args.shards != args.shard:
                continue
            started = time.process_time()
            theory = read_theory(record["context"])
            attempt = prove(theory, read_statement(record["question"].rsplit("? ", 1)[-1]), model, max_rounds=24)
            answer = {"i": index, "gold": record["answer"], "label": attempt.label.value}
            answer |= {"proof": attempt.proof is not None, "verified": attempt.proof is not None and attempt.verified}
            answer |= {"rounds": len(attempt.rounds), "cpu": round(time.process_time() - started, 3)}
            sink.write(json.dumps(answer) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
