"""The explorer's site without a browser: the page is written, its JSON is the items, bad input is one line."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from proofloom.cli import main
from proofloom.explorer import ExploreError, explore, read_site
from proofloom.explorer.site import embed_json
from proofloom.generator.dataset import read_examples

EXPLANATIONS = [
    {
        "id": "skips </script> a step",
        "context": "Bob is big. If something is big then it is red. Red things are round. Bob is kind.",
        "statement": "Bob is round.",
        "explanation": "sent1 & sent2 -> int1: Bob is red.; int1 & sent4 -> hypothesis;",
    },
    {
        "id": "good",
        "context": "Bob is big. If something is big then it is red.",
        "statement": "Bob is red.",
        "explanation": "sent1 & sent2 -> hypothesis;",
    },
]


def embedded(page: str) -> dict[str, object]:
    """The JSON of the page's data tag, read as a browser would (the tag's text, then JSON.parse)."""
    found = re.search(r"<script type='application/json' id='proofloom-data'>(.*?)</script>", page, re.S)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "pw"
    assert main(["generate", "proofwriter-owa-d5", "-o", str(folder), "-n", "4"]) == 0
    return folder


def test_the_page_embeds_every_question_of_the_dataset(dataset: Path, tmp_path: Path) -> None:
    site = explore(dataset, tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    data = embedded(page)
    assert data == json.loads(json.dumps(site.to_json()))
    examples = list(read_examples(dataset))
    items = data["items"]
    assert isinstance(items, list)
    assert [item["id"] for item in items] == [q.id for e in examples for q in e.questions]
    assert [item["label"] for item in items] == [q.label.value for e in examples for q in e.questions]
    proved = [item for item in items if item["label"] != "Unknown"]
    assert proved and all(item["svg"].startswith("<svg") for item in proved)
    assert all("hypothesis" in item["svg"] for item in proved if item["facets"]["depth"] != "0")
    assert all("svg" not in item and item["note"] for item in items if item["label"] == "Unknown")
    assert {f for item in items for f in item["facets"]} == {"depth", "label", "statement", "rules used"}


def test_no_text_can_break_out_of_the_data_tag() -> None:
    nasty = {"text": "</script><script>alert(1)</script> & \u2028 <!--"}
    text = embed_json(nasty)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == nasty


def test_verdicts_show_failing_steps_with_their_reasons(tmp_path: Path) -> None:
    given = tmp_path / "explanations.jsonl"
    given.write_text("".join(json.dumps(r) + "\n" for r in EXPLANATIONS), encoding="utf-8")
    verdicts = tmp_path / "verdicts.jsonl"
    assert main(["verify", str(given), "-o", str(verdicts), "--semantics", "owa"]) == 0
    main(["explore", str(verdicts), "-o", str(tmp_path / "site"), "--explanations", str(given)])
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    items = embedded(page)["items"]
    assert isinstance(items, list)
    bad, good = items
    assert (bad["id"], bad["label"], bad["facets"]["reason"]) == (EXPLANATIONS[0]["id"], "invalid", ["not_entailed"])
    assert bad["problems"][0]["type"] == "not_entailed" and bad["problems"][0]["step"] == 2
    assert "not entailed" in bad["svg"] and "#dc2626" in bad["svg"]
    assert good["label"] == "valid" and good["facets"]["reason"] == ["none"]
    assert html.escape("Bob is round.") in page


def test_a_bad_record_is_one_line_naming_file_line_and_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "examples.jsonl"
    broken.write_text('{"id": "t7", "theory": "big(bob).", "questions": [{"id": "q"}]}\n', encoding="utf-8")
    assert main(["explore", str(broken), "-o", str(tmp_path / "site")]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and f"{broken}:1: record t7" in error
    assert not (tmp_path / "site" / "index.html").exists()
    with pytest.raises(ExploreError, match="neither a proofloom example"):
        read_site(_write(tmp_path / "other.jsonl", '{"id": 1}\n'))
    with pytest.raises(ExploreError, match="empty"):
        read_site(_write(tmp_path / "empty.jsonl", ""))


def test_a_limit_keeps_the_first_theories_and_says_how_many_there_were(dataset: Path, tmp_path: Path) -> None:
    site = read_site(dataset, limit=1)
    assert len({item["theory"] for item in site.items}) == 1 and site.total > len(site.items)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
