"""Dataset formats, each one module holding its writer and its reader.

- `native`: proofloom's JSONL, examples (`example_line` / `read_native`) and questions
  (`write_questions` / `read_questions`);
- `proofwriter`: ProofWriter's meta files (`write_meta` / `read_meta`, `read_meta_problems`) and
  meta-abduct files (`write_meta_abduct` / `read_meta_abduct`);
- `logiclm`: Logic-LM's JSON array of multiple-choice questions (`write_logiclm` / `read_logiclm`);
- `entailmentbank`: EntailmentBank-style JSONL (`write_records` / `read_records`);
- `huggingface`: Parquet for `datasets` (`write_parquet` / `read_parquet`);
- `problems`: which layout a question file is in, and its reader (`detect_format`, `read_problems`);
- `reading`: what the question readers share.
"""
