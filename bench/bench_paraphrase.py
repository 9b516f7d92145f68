"""The paraphrase suite: gold proofs of the shared dev questions written as chains of thought in every style,
each checked by the verifier; the same chains with a needed rule left unsaid, or the last conclusion negated,
must be refused at the step that has the fault (the floor: the unmutated chains, all accepted)."""

from __future__ import annotations

import json
from collections import Counter

from figure import DEV_FILE, Figure

from proofloom.logic.english import read_statement, read_theory, render_sentence
from proofloom.prover.proof.explanation import ChainStyle, to_chain_of_thought
from proofloom.prover.reasoning.reasoner import Reasoner
from proofloom.prover.verification.reasons import Reason
from proofloom.prover.verification.verifier import Verifier


def _without_first_rule(chain: str, rule_text: str) -> str:
    """The chain with the rule's sentence left out (its whole line, in a numbered chain)."""
    if "\n" in chain:
        return "\n".join(line for line in chain.split("\n") if not line.endswith(rule_text))
    return chain.replace(rule_text + " ", "", 1) if rule_text + " " in chain else chain.replace(rule_text, "", 1)


def measure() -> list[Figure]:
    if not DEV_FILE.exists():
        return [Figure("paraphrase suite (skipped: no ../shared data)", 0, "", "")]
    counts: Counter[str] = Counter()
    for record in json.loads(DEV_FILE.read_text()):
        theory = read_theory(record["context"])
        statement = read_statement(record["question"].rsplit("? ", 1)[-1])
        proof = Reasoner(theory).answer(statement).proof
        if proof is None or not proof.steps():
            continue
        verifier, proved = Verifier(theory), proof.conclusion == statement
        first = proof.steps()[0]
        rule_text = render_sentence(theory[first.rule].content) if first.rule else None
        for style in ChainStyle:
            chain = to_chain_of_thought(proof, style=style, answer=proved)
            gold = verifier.verify(statement, chain)
            counts["chains"] += 1
            counts["accepted"] += gold.valid and not any(e.error is Reason.UNPARSEABLE for e in gold.errors)
            if rule_text is not None:
                unsaid = verifier.verify(statement, _without_first_rule(chain, rule_text))
                counts["unsaid"] += 1
                at_first = [e for e in unsaid.errors if e.error is Reason.NOT_ENTAILED]
                counts["unsaid refused at its step"] += bool(at_first) and at_first[0].step == 1
            last = render_sentence(proof.steps()[-1].conclusion)[:-1]
            negated_text = render_sentence(proof.steps()[-1].conclusion.negated())[:-1]
            lowered = "the" + last[3:] if last.startswith("The ") else last
            negated_lowered = "the" + negated_text[3:] if negated_text.startswith("The ") else negated_text
            at = max(chain.rfind(last), chain.rfind(lowered))
            is_lower = chain.rfind(lowered) > chain.rfind(last)
            word, new = (lowered, negated_lowered) if is_lower else (last, negated_text)
            flipped = chain[:at] + new + chain[at + len(word) :]
            refused = verifier.verify(statement, flipped)
            counts["negated"] += 1
            counts["negated refused at the last step"] += bool(refused.steps) and not refused.steps[-1].valid
    chains, unsaid, negated = counts["chains"], counts["unsaid"], counts["negated"]
    return [
        Figure(
            "gold chains accepted, no sentence unread", counts["accepted"], f"of {chains}", f"{len(ChainStyle)} styles"
        ),
        Figure("needed rule unsaid: refused at step 1", counts["unsaid refused at its step"], f"of {unsaid}", "all"),
        Figure(
            "last conclusion negated: refused there", counts["negated refused at the last step"], f"of {negated}", "all"
        ),
    ]
