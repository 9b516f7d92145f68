"""Each sentence's text as the example's context says it, for the formats that list sentences one by one.

The generator chooses a surface form for every sentence (a rule template, a paraphrase); the context holds
that choice, so the ProofWriter `triples`/`rules` and the EntailmentBank `sentN` texts are cut from it
rather than rendered again (which would give the default template, not what a reader of the context sees).
"""

from __future__ import annotations

from proofloom.generator.example import Example
from proofloom.logic.english import Lexicon, render_sentence, split_sentences


def sentence_texts(example: Example, lexicon: Lexicon) -> dict[str, str]:
    """Each sentence id's text, in theory order: the context's sentences where they line up one for one with
    the theory's (always for generated contexts), else each sentence rendered in its own style."""
    sentences = example.theory.sentences
    said = split_sentences(example.context)
    if len(said) == len(sentences):
        return {s.id: text for s, text in zip(sentences, said, strict=True)}
    return {s.id: render_sentence(s.content, lexicon) for s in sentences}
