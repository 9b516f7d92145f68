"""Scoring answers and proofs against gold as the field reports them (ProofWriter's and EntailmentBank's tables).

- `shapes`: a proof reduced to what the metrics compare (leaves, steps as premise sets, intermediates), from a
  gold tree or from a prediction's text in any form `prover.proof` reads;
- `metrics`: leaves, steps and intermediates F1 with EntailmentBank's alignment of intermediates, ProofWriter's
  full-proof match, and the totals by depth and label;
- `predictions`: a predictions file (proofloom's answers, or an LLM's `{id, label | answer, proof?}` lines).

The scorer only reads proofs: it imports `prover.proof` and `logic`, never a prover (an import-linter contract).
"""
