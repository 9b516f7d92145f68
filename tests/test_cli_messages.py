"""What a newcomer reads when the input is wrong: each error names its place (file, line, the record's field)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run_cli


def _errors(tmp_path: Path, *lines: dict[str, str]) -> list[str]:
    """`solve` over the records, and the `error` of each output line ('' where it was answered)."""
    (tmp_path / "q.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = run_cli("solve", "q.jsonl", "-o", "a.jsonl", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [json.loads(line).get("error", "") for line in (tmp_path / "a.jsonl").read_text().splitlines()]


def test_a_record_syntax_error_names_the_field_not_a_placeholder(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        {"id": "a", "theory": "big(bob). big(X) -> red(X).", "statement": "red(bob)"},
        {"id": "b", "theory": "big(bob). big(X) -> red(X", "statement": "red(bob)"},
        {"id": "c", "theory": "big(bob).", "statement": "red(bob"},
        {"id": "d", "theory": "big(bob).\nbig(X) -> red(X", "statement": "red(bob)"},
        {"id": "e", "context": "Bob is big. Bob is a big dog.", "statement": "Bob is red."},
    )
    assert errors[0] == ""
    assert errors[1].startswith("q.jsonl:2: field 'theory', column 26: unexpected end of text")
    assert errors[2].startswith("q.jsonl:3: field 'statement', column 8: unexpected end of text")
    assert errors[3].startswith("q.jsonl:4: field 'theory', line 2, column 16: unexpected end of text")
    assert errors[4].startswith("q.jsonl:5: field 'context', sentence 2, column 14: cannot read 'Bob is a big dog.'")
    assert not any("<text>" in error for error in errors)


def test_an_error_met_while_reasoning_names_file_and_line(tmp_path: Path) -> None:
    errors = _errors(
        tmp_path,
        {"id": "a", "theory": "big(bob).", "statement": "big(bob)"},
        {"id": "d", "theory": "big(bob). big(X) -> red(X) | blue(X).", "statement": "red(bob)"},
    )
    assert errors[0] == ""
    assert errors[1].startswith("q.jsonl:2: rule1 (big(X) -> red(X) | blue(X)) has a disjunctive head")


@pytest.mark.parametrize(
    "args",
    [
        ("convert", "x.jsonl"),
        ("solve", "x.jsonl", "-o", "a.jsonl"),
        ("prove", "x.jsonl", "-o", "a.jsonl"),
        ("verify", "x.jsonl", "-o", "a.jsonl"),
        ("explore", "x.jsonl", "-o", "site"),
        ("evaluate", "shipped", "x.jsonl"),
        ("score", "x.jsonl", "x.jsonl"),
    ],
)
def test_a_missing_input_is_one_plain_line_for_every_verb(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "proofloom: error: x.jsonl: no such file\n")
    assert not any(tmp_path.iterdir())  # nothing written


def test_an_unknown_recipe_lists_the_shipped_ones(tmp_path: Path) -> None:
    shipped = sorted(path.stem for path in (Path(__file__).resolve().parents[1] / "datasets").glob("*.toml"))
    assert "proofwriter-owa-d5" in shipped
    for verb in ("generate", "train"):
        result = run_cli(verb, "no-such-recipe", "-o", "out", cwd=tmp_path)
        assert result.returncode == 2 and result.stderr.count("\n") == 1
        assert result.stderr.rstrip().endswith(f"no shipped recipe of that name ({', '.join(shipped)})")


def test_an_unknown_explanation_format_lists_the_valid_ones(tmp_path: Path) -> None:
    explained = {"id": "e", "context": "Bob is big.", "statement": "Bob is big.", "explanation": "sent1 -> hypothesis;"}
    (tmp_path / "e.jsonl").write_text(json.dumps({**explained, "format": "tree"}) + "\n")
    result = run_cli("verify", "e.jsonl", "-o", "v.jsonl", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (error,) = json.loads((tmp_path / "v.jsonl").read_text())["errors"]
    assert error["message"] == "e.jsonl:1: unknown explanation format 'tree': one of entailmentbank, proofwriter, cot"
    (tmp_path / "e.jsonl").write_text(json.dumps({**explained, "format": "entailmentbank"}) + "\n")
    assert run_cli("verify", "e.jsonl", "-o", "v.jsonl", cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "v.jsonl").read_text())["valid"] is True


def test_summaries_count_in_words_and_depthless_rows_read_n_a(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text(
        json.dumps({"id": "a", "theory": "big(bob).", "statement": "red(bob)", "label": "Unknown"})
        + "\n"
        + json.dumps({"id": "b", "theory": "big(", "statement": "big(bob)"})
        + "\n"
    )
    solved = run_cli("solve", "q.jsonl", "-o", "a.jsonl", cwd=tmp_path)
    assert solved.stdout.startswith("solved 1 question under owa (Unknown 1), accuracy 1/1 = 100.00%; 1 bad record;")
    proved = run_cli("prove", "q.jsonl", "-o", "p.jsonl", cwd=tmp_path)
    assert proved.stdout.startswith("proved 1 question (0 proofs verified), 1 bad record;"), proved.stderr
    assert "  depth N/A: 100.00% (1/1)" in proved.stdout.splitlines()  # as `score` and the README write it
    assert "depth -" not in proved.stdout


def test_an_output_s_missing_folders_are_made_and_a_file_in_the_way_is_named(tmp_path: Path) -> None:
    # One rule for every output, as the README says: `-o FILE` makes its folders as `generate -o DIR` does.
    (tmp_path / "q.jsonl").write_text(json.dumps({"id": "a", "theory": "big(bob).", "statement": "big(bob)"}) + "\n")
    assert run_cli("solve", "q.jsonl", "-o", "runs/today/a.jsonl", cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "runs/today/a.jsonl").read_text())["label"] == "True"
    (tmp_path / "t.dsl").write_text("big(bob).\n")
    assert run_cli("convert", "t.dsl", "-o", "out/deep/t.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out/deep/t.txt").read_text() == "Bob is big.\n"
    for output in ("q.jsonl/a.jsonl", "q.jsonl/more/a.jsonl"):
        refused = run_cli("solve", "q.jsonl", "-o", output, cwd=tmp_path)
        expected = f"proofloom: error: {output.rsplit('/', 1)[0]}: not a directory\n"
        assert (refused.returncode, refused.stderr) == (2, expected)


def test_verify_names_the_field_of_a_syntax_error(tmp_path: Path) -> None:
    records = [
        {
            "id": "e",
            "context": "big(bob). big(X) -> red(X",
            "statement": "red(bob)",
            "explanation": "sent1 -> hypothesis;",
        },
        {"id": "f", "context": "Bob is big.", "statement": "Bob is a big dog.", "explanation": "sent1 -> hypothesis;"},
    ]
    (tmp_path / "e.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records))
    assert run_cli("verify", "e.jsonl", "-o", "v.jsonl", cwd=tmp_path).returncode == 1
    messages = [json.loads(line)["errors"][0]["message"] for line in (tmp_path / "v.jsonl").read_text().splitlines()]
    assert messages[0].startswith("e.jsonl:1: field 'context', column 26: unexpected end of text")
    assert messages[1].startswith(
        "e.jsonl:2: field 'statement', sentence 1, column 14: cannot read 'Bob is a big dog.'"
    )
