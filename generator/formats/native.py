"""proofloom's own JSONL: one example (a theory and its questions) a line."""

from __future__ import annotations

import json
from pathlib import Path

from proofloom.generator.example import Example, example_from_json, example_to_json
from proofloom.logic.english import Lexicon


def example_line(example: Example, lexicon: Lexicon) -> str:
    """One line, keys in a fixed order, so the same example always gives the same bytes."""
    return json.dumps(example_to_json(example, lexicon), ensure_ascii=False) + "\n"


def read_native(path: Path) -> list[Example]:
    """Every example of a proofloom JSONL file; a bad line is a ValueError naming file and line."""
    examples = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                examples.append(example_from_json(json.loads(line)))
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{path}:{number}: not a proofloom example ({error})") from None
    return examples
