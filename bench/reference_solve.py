"""The solve reference: ProofWriter English read by plain regular expressions, answered by forward chaining.

Run as its own process (`python bench/reference_solve.py IN.json OUT.jsonl`) on a Logic-LM layout file, it
is what a researcher would write in an afternoon: no grammar, no proof trees, open-world labels only (a
statement is True when derived, False when its negation is, else Unknown). `bench_verbs.py` times
`proofloom solve` beside it on the same file; proofloom imports nothing from here.
"""

from __future__ import annotations

import json
import re
import sys

VARIABLES = {"something", "someone", "it", "they"}
Atom = tuple[str, tuple[str, ...], bool]  # predicate, arguments ("?" a variable), positive


def clause(text: str) -> Atom:
    """`bald eagle does not chase cat` -> ("chase", ("bald_eagle", "cat"), False); `bob is big` -> ("big", ...)."""
    words = text.split()
    if words[0] in VARIABLES:
        verb = 1
    else:
        verb = next(i for i, w in enumerate(words) if i > 0 and (w in ("is", "are", "does", "do") or w.endswith("s")))
    subject = "?" if words[0] in VARIABLES else "_".join(words[:verb])
    rest = words[verb:]
    if rest[0] in ("is", "are"):
        positive = rest[1] != "not"
        return rest[-1], (subject,), positive
    positive = rest[0] not in ("does", "do")
    if not positive:
        rest = rest[2:]
        name = rest[0]
    else:
        name = rest[0] if words[0] == "they" else rest[0][:-1]  # they visit, it visits
    target = "_".join(rest[1:])
    return name, (subject, "?" if target in VARIABLES else target), positive


def sentence(text: str) -> tuple[list[Atom], Atom]:
    """A fact (no conditions) or a rule (its conditions and head), from one lower-cased sentence."""
    text = re.sub(r"\bthe\b ", "", text.lower().rstrip(". "))
    rule = re.match(r"if (.*) then (.*)$", text)
    if rule:
        conditions, subject = [], ""
        for part in rule.group(1).split(" and "):
            if len(part.split()) <= 2 and subject:  # `is red and round`, `is big and not kind`
                part = f"{subject} is {part}"
            subject = part.split()[0] if part.split()[0] in VARIABLES else part.split(" is ")[0]
            conditions.append(clause(part))
        return conditions, clause(rule.group(2))
    generic = re.match(r"(?:all )?(.+?) (?:things|people) are (not )?(\w+)$", text)
    if generic:
        adjectives = re.split(r",? and |, ", generic.group(1))
        return [(a, ("?",), True) for a in adjectives], (generic.group(3), ("?",), generic.group(2) is None)
    return [], clause(text)


def closure(context: str) -> set[Atom]:
    """Every literal the context derives, by naive forward chaining to a fixpoint."""
    facts: set[Atom] = set()
    rules = []
    for text in re.split(r"(?<=\.)\s+", context.strip()):
        conditions, head = sentence(text)
        if conditions:
            rules.append((conditions, head))
        else:
            facts.add(head)
    entities = {a for _, args, _ in facts for a in args}
    changed = True
    while changed:
        changed = False
        for conditions, head in rules:
            for entity in entities:
                if all(_bind(c, entity) in facts for c in conditions):
                    derived = _bind(head, entity)
                    if derived not in facts:
                        facts.add(derived)
                        changed = True
    return facts


def _bind(atom: Atom, entity: str) -> Atom:
    return atom[0], tuple(entity if a == "?" else a for a in atom[1]), atom[2]


def main() -> int:
    records = json.loads(open(sys.argv[1], encoding="utf-8").read())
    right = 0
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for record in records:
            facts = closure(record["context"])
            predicate, args, positive = sentence(record["question"].rsplit("? ", 1)[-1])[1]
            if (predicate, args, positive) in facts:
                answer = "A"
            elif (predicate, args, not positive) in facts:
                answer = "B"
            else:
                answer = "C"
            right += answer == record.get("answer")
            out.write(json.dumps({"id": record["id"], "answer": answer}) + "\n")
    print(f"{right}/{len(records)} gold answers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
