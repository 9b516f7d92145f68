"""The neural step model: a small transformers model trained from scratch on proofloom's own step data."""
