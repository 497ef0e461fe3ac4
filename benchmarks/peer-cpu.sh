#!/usr/bin/env bash
# Peer comparison by CPU time: the replays of peer-compare.sh (same workload files, same slot input, same
# fresh state per replay), each timed by its thread's CPU time instead of JMH's wall clock, so that time a
# replay spends descheduled on a shared, loaded machine does not count against it. A complement to
# peer-compare.sh for busy machines, not a replacement: cache and core sharing with other processes still
# show. Run peer-compare.sh (or SKIP_BUILD=0 here) first so that the jars and workload files exist.
#
#   benchmarks/peer-cpu.sh                 # ROUNDS=5 RUNS=20: per round and mix, Tidemark, Direct, Risk
#
# Environment: ROUNDS=5, RUNS=20 (replays per JVM; the second half is measured), MIXES, SEED=42,
# SKIP_BUILD=1 (default here; 0 builds as peer-compare.sh does), TIDEMARK_MAVEN_ARGS.
# Prints each JVM's ns of CPU per command (median and min over its measured replays) and per mix the
# medians over rounds and the speed ratios Tidemark/Direct and Tidemark/Risk (their ns ÷ Tidemark's ns).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-20}
MIXES=${MIXES:-"exchange-core realistic"}
SEED=${SEED:-42}
OUT=benchmarks/target/peer
TIDEMARK_JAR=benchmarks/target/benchmarks.jar
EC_JAR=benchmarks/peer-exchange-core/target/peer-exchange-core.jar
JVM=(-Xms3g -Xmx3g -XX:+UseParallelGC -XX:+AlwaysPreTouch)

if [ "${SKIP_BUILD:-1}" != "1" ]; then
  # shellcheck disable=SC2086
  mvn -B -q -ntp ${TIDEMARK_MAVEN_ARGS:-} -DskipTests package -pl benchmarks,benchmarks/peer-exchange-core -am
fi
# shellcheck disable=SC2207
EC_FLAGS=($(unzip -p "$EC_JAR" exchange-core-jvm.flags))
RESULTS=$OUT/cpu-$(date -u +%Y%m%dT%H%M%SZ).txt
mkdir -p "$OUT"
echo "== peer comparison by thread CPU time: rounds=$ROUNDS runs=$RUNS mixes=[$MIXES] seed=$SEED; load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for mix in $MIXES; do
    file=$OUT/$mix-seed$SEED-1000000.tmpw
    [ -s "$file" ] || { echo "!! $file missing: run benchmarks/peer-compare.sh first"; exit 1; }
    for side in tidemark direct risk; do
      if [ "$side" = tidemark ]; then
        line=$(java "${JVM[@]}" -cp "$TIDEMARK_JAR" io.tidemark.benchmarks.peer.PeerTidemarkCpu "$file" "$RUNS" | grep '^PEER-CPU')
      else
        line=$(java "${JVM[@]}" "${EC_FLAGS[@]}" -cp "$EC_JAR" io.tidemark.peer.exchangecore.PeerExchangeCoreCpu "$file" "$side" "$RUNS" | grep '^PEER-CPU')
      fi
      echo "round=$round $line" >> "$RESULTS"
      echo "   round $round: $line (load $(cut -d' ' -f1 /proc/loadavg))"
    done
  done
done
value() { grep " engine=$1 mix=$2 " "$RESULTS" | sed -E 's/.* median=([^ ]+).*/\1/'; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "== summary (ns of CPU per command, medians over rounds; ratio = their ns / Tidemark's, per round, median (min-max))"
for mix in $MIXES; do
  t=$(value tidemark "$mix" | median); d=$(value ec-direct "$mix" | median); r=$(value ec-risk "$mix" | median)
  rd=$(paste <(value ec-direct "$mix") <(value tidemark "$mix") | awk '{ print $1 / $2 }' | sort -g)
  rr=$(paste <(value ec-risk "$mix") <(value tidemark "$mix") | awk '{ print $1 / $2 }' | sort -g)
  printf "%-14s Tidemark %.1f ns | Direct %.1f ns | Risk %.1f ns | Tidemark/Direct %.2f (%.2f-%.2f) | Tidemark/Risk %.2f (%.2f-%.2f)\n" \
    "$mix" "$t" "$d" "$r" "$(echo "$rd" | median)" "$(echo "$rd" | head -1)" "$(echo "$rd" | tail -1)" \
    "$(echo "$rr" | median)" "$(echo "$rr" | head -1)" "$(echo "$rr" | tail -1)"
done
echo "(raw: $RESULTS)"
