"""Running past one machine: generation, proving and verification as Ray tasks, with the same bytes.

`cluster` is the one module that imports ray (`lint-imports`), and only when a run asks for Ray;
`shards` makes a dataset's shards as tasks, `batches` proves and verifies batches of records on actors.
"""
