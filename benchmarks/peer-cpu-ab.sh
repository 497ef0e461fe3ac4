#!/usr/bin/env bash
# Two Tidemark builds against each other by thread CPU time, alternately (A B A B … per mix), so that both see
# the same machine: how each engine change of issue 16 was kept or dropped. Keep the jar of the code before a
# change (cp benchmarks/target/benchmarks.jar /tmp/a.jar), build the change, then:
#
#   benchmarks/peer-cpu-ab.sh /tmp/a.jar benchmarks/target/benchmarks.jar     # PAIRS=4 RUNS=12
#
# Environment: PAIRS=4 (JVMs per jar and mix), RUNS=12 (replays per JVM; the second half is measured),
# MIXES="exchange-core realistic", SEED=42. Needs the workload files of peer-compare.sh.
# Prints each JVM's PEER-CPU line (ns of CPU per command, median and min over its measured replays) with the
# load average, then per mix and jar the median of the JVMs' medians and how many pairs B won.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 A.jar B.jar"; exit 2; }
A=$1; B=$2
PAIRS=${PAIRS:-4}
RUNS=${RUNS:-12}
MIXES=${MIXES:-"exchange-core realistic"}
SEED=${SEED:-42}
JVM=(-Xms3g -Xmx3g -XX:+UseParallelGC -XX:+AlwaysPreTouch)
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
echo "== A=$A B=$B pairs=$PAIRS runs=$RUNS mixes=[$MIXES]; load $(cut -d' ' -f1-3 /proc/loadavg)"
for pair in $(seq 1 "$PAIRS"); do
  for mix in $MIXES; do
    file=benchmarks/target/peer/$mix-seed$SEED-1000000.tmpw
    [ -s "$file" ] || { echo "!! $file missing: run benchmarks/peer-compare.sh first"; exit 1; }
    for side in A B; do
      jar=$A; [ "$side" = B ] && jar=$B
      line=$(java "${JVM[@]}" -cp "$jar" io.tidemark.benchmarks.peer.PeerTidemarkCpu "$file" "$RUNS" | grep '^PEER-CPU')
      echo "$side pair=$pair $line" >> "$OUT"
      echo "   $side pair $pair: $line (load $(cut -d' ' -f1 /proc/loadavg))"
    done
  done
done
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
values() { grep "^$1 .* mix=$2 " "$OUT" | sed -E 's/.* median=([^ ]+).*/\1/'; }
echo "== summary (ns of CPU per command, median over the JVMs' medians)"
for mix in $MIXES; do
  wins=$(paste <(values A "$mix") <(values B "$mix") | awk '$2 < $1 { n++ } END { print n + 0 }')
  printf "%-14s A %.1f ns | B %.1f ns | B faster in %d of %d pairs\n" "$mix" "$(values A "$mix" | median)" \
    "$(values B "$mix" | median)" "$wins" "$PAIRS"
done
