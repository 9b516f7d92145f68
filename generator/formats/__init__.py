"""Dataset formats, each a writer with its reader: proofloom JSONL, ProofWriter meta, EntailmentBank, HuggingFace."""
