#!/usr/bin/env bash
# Kill a Ray generation midway (kill -9 of the driver and its Ray workers), rerun it, and check that the rerun
# writes only the missing shards and that all shards equal a --workers 1 run. Run from an empty scratch folder:
#   cd "$(mktemp -d)" && bash /path/to/proofloom/bench/ray_kill_check.sh   (needs pip install 'proofloom[ray]')
set -u
proofloom generate proofwriter-owa-d5 -n 6000 --shard-size 500 -o kr --ray --workers 2 > kr.log 2>&1 &
pid=$!
while [ "$(ls kr/shard-*.jsonl 2>/dev/null | wc -l)" -lt 3 ]; do sleep 0.5; done
kill -9 $pid; pkill -9 -f "ray::" ; sleep 2; ray stop --force >/dev/null 2>&1
before=$(ls kr/shard-*.jsonl | wc -l); echo "killed with $before of 12 shards on disk; temporaries: $(ls kr/.shard-* 2>/dev/null | wc -l); manifest: $(ls kr/manifest.json 2>/dev/null | wc -l)"
touch marker; sleep 1
proofloom generate proofwriter-owa-d5 -n 6000 --shard-size 500 -o kr --ray --workers 2 2>&1 | tail -1
echo "rerun wrote $(find kr -name 'shard-*.jsonl' -newer marker | wc -l) shards"
proofloom generate proofwriter-owa-d5 -n 6000 --shard-size 500 -o kr1 --workers 1 2>&1 | tail -1
for f in kr1/shard-*.jsonl; do cmp -s "$f" "kr/$(basename $f)" || echo "DIFFER $f"; done; echo "compared $(ls kr1/shard-*.jsonl | wc -l) shards"
