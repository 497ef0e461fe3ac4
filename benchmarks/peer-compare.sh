#!/usr/bin/env bash
# Peer comparison: the same order flow through Tidemark and exchange-core 0.5.3, alternately, in one run.
#
#   benchmarks/peer-compare.sh                   # full run: 5 rounds, JMH defaults (5 x 2 s warm-up, 10 x 2 s measured)
#   ROUNDS=1 QUICK=1 benchmarks/peer-compare.sh  # smoke run: 1 round, 2 x 1 s warm-up, 3 x 1 s measured
#
# Environment:
#   ROUNDS=5            rounds; each round runs, per mix, Tidemark (A) then exchange-core Direct, Naive and Risk (B)
#   QUICK=1             short iterations (WARMUP=2 ITERATIONS=3 TIME=1), for smoke runs
#   WARMUP, ITERATIONS, TIME   JMH warm-up iterations, measurement iterations, seconds per iteration
#   MIXES="exchange-core realistic"   which workloads
#   SEED=42             workload seed (each workload is 1,000,000 measured commands after its set-up book)
#   SKIP_BUILD=1        use the jars already built
#   TIDEMARK_MAVEN_ARGS="-o"   more Maven options for the build (e.g. offline)
#   JMH_EXTRA="..."     more JMH options for both sides (e.g. "-prof jfr:dir=benchmarks/target/peer/jfr")
#
# Builds what it needs with Maven (the two jars, no tests), writes the workload files under
# benchmarks/target/peer/, prints every run's commands/s and a summary per mix: medians, the ratio
# Tidemark / exchange-core Direct (min/median/max over the rounds' pairs) and bytes allocated per command
# (-prof gc), with the part of it that is each invocation's fresh-book set-up, and the ratio Tidemark /
# exchange-core Risk (its risk engine around the Direct book in one thread: holds, settlement, fees).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
MIXES=${MIXES:-"exchange-core realistic"}
SEED=${SEED:-42}
COMMANDS=1000000
if [ "${QUICK:-0}" = "1" ]; then
  WARMUP=${WARMUP:-2}; ITERATIONS=${ITERATIONS:-3}; TIME=${TIME:-1}
fi
JMH_OPTS=(-foe true -prof gc)
[ -n "${WARMUP:-}" ] && JMH_OPTS+=(-wi "$WARMUP")
[ -n "${ITERATIONS:-}" ] && JMH_OPTS+=(-i "$ITERATIONS")
[ -n "${TIME:-}" ] && JMH_OPTS+=(-w "${TIME}s" -r "${TIME}s")
# shellcheck disable=SC2206
[ -n "${JMH_EXTRA:-}" ] && JMH_OPTS+=(${JMH_EXTRA})

OUT=benchmarks/target/peer
LOGS=$OUT/logs/$(date -u +%Y%m%dT%H%M%SZ)
TIDEMARK_JAR=benchmarks/target/benchmarks.jar
EC_JAR=benchmarks/peer-exchange-core/target/peer-exchange-core.jar
mkdir -p "$LOGS"

echo "== peer comparison: Tidemark vs exchange-core 0.5.3 (matching cores, single-threaded)"
echo "   $(java -version 2>&1 | head -1); $(nproc) cores; $(uname -srm)"
echo "   rounds=$ROUNDS mixes=[$MIXES] seed=$SEED jmh: ${JMH_OPTS[*]}"
echo "   logs: $LOGS"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "== build: mvn -B -q -DskipTests package -pl benchmarks,benchmarks/peer-exchange-core -am"
  # shellcheck disable=SC2086
  mvn -B -q -ntp ${TIDEMARK_MAVEN_ARGS:-} -DskipTests package -pl benchmarks,benchmarks/peer-exchange-core -am
fi

declare -A FILE
for mix in $MIXES; do
  FILE[$mix]=$OUT/$mix-seed$SEED-$COMMANDS.tmpw
  if [ ! -s "${FILE[$mix]}" ]; then
    echo "== workload $mix: java -cp $TIDEMARK_JAR io.tidemark.benchmarks.peer.PeerWorkloadTool --mix $mix --seed $SEED --commands $COMMANDS --out ${FILE[$mix]}"
    java -cp "$TIDEMARK_JAR" io.tidemark.benchmarks.peer.PeerWorkloadTool --mix "$mix" --seed "$SEED" \
      --commands "$COMMANDS" --out "${FILE[$mix]}" | sed 's/^/   /'
  else
    echo "== workload $mix: ${FILE[$mix]} (already generated)"
  fi
done

RESULTS=$LOGS/results.txt
: > "$RESULTS"

# run LOG COMMAND...: runs one JMH side, keeps its log, echoes its PEER-RESULT lines tagged with the round
run() {
  local log=$1; shift
  echo "   \$ $*" >> "$log"
  if ! "$@" >> "$log" 2>&1; then
    echo "!! failed, see $log"; tail -30 "$log"; exit 1
  fi
  local lines
  lines=$(grep '^PEER-RESULT' "$log" || true)
  if [ -z "$lines" ]; then
    echo "!! no result in $log"; tail -30 "$log"; exit 1
  fi
  grep -h '^digest check passed' "$log" | sort -u | sed 's/^/   /'
  while read -r line; do
    echo "round=$round $line" >> "$RESULTS"
    echo "$line" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "   %-10s %-14s %8.2f M cmd/s (iterations %.2f..%.2f M), %.3f B/op (set-up %.3f)\n",
        v["engine"], v["mix"], v["median"] / 1e6, v["min"] / 1e6, v["max"] / 1e6, v["bop"], v["setupbop"] }'
  done <<< "$lines"
}

for round in $(seq 1 "$ROUNDS"); do
  for mix in $MIXES; do
    echo "== round $round/$ROUNDS, $mix"
    run "$LOGS/round$round-$mix-A-tidemark.log" \
      java -cp "$TIDEMARK_JAR" io.tidemark.benchmarks.peer.PeerTidemarkMain PeerTidemark \
      -p workload="${FILE[$mix]}" "${JMH_OPTS[@]}"
    run "$LOGS/round$round-$mix-B-exchange-core.log" \
      java -jar "$EC_JAR" PeerExchangeCore -p impl=direct,naive,risk -p workload="${FILE[$mix]}" "${JMH_OPTS[@]}"
  done
done

# summary: per mix, medians over rounds, and the ratio of each round's Tidemark to that round's Direct
value() { # value ENGINE MIX FIELD -> one value per round, in round order
  grep " engine=$1 mix=$2 " "$RESULTS" | sed -E "s/.* $3=([^ ]+).*/\1/"
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
minmax() { sort -g | awk 'NR == 1 { min = $1 } { max = $1 } END { printf "%s %s", min, max }'; }

echo
echo "== summary ($ROUNDS round(s); commands/s are each run's median over its measurement iterations)"
for mix in $MIXES; do
  tm=$(value tidemark "$mix" median | median)
  dm=$(value ec-direct "$mix" median | median)
  nm=$(value ec-naive "$mix" median | median)
  ratios=$(paste <(value tidemark "$mix" median) <(value ec-direct "$mix" median) | awk '{ printf "%.4f\n", $1 / $2 }')
  rmed=$(echo "$ratios" | median)
  read -r rmin rmax <<< "$(echo "$ratios" | minmax)"
  riskratios=$(paste <(value tidemark "$mix" median) <(value ec-risk "$mix" median) | awk '{ printf "%.4f\n", $1 / $2 }')
  qmed=$(echo "$riskratios" | median)
  read -r qmin qmax <<< "$(echo "$riskratios" | minmax)"
  tb=$(value tidemark "$mix" bop | median); ts=$(value tidemark "$mix" setupbop | median)
  db=$(value ec-direct "$mix" bop | median); ds=$(value ec-direct "$mix" setupbop | median)
  nb=$(value ec-naive "$mix" bop | median); ns=$(value ec-naive "$mix" setupbop | median)
  awk -v mix="$mix" -v tm="$tm" -v dm="$dm" -v nm="$nm" -v rmin="$rmin" -v rmed="$rmed" -v rmax="$rmax" \
      -v qmin="$qmin" -v qmed="$qmed" -v qmax="$qmax" \
      -v tb="$tb" -v ts="$ts" -v db="$db" -v ds="$ds" -v nb="$nb" -v ns="$ns" 'BEGIN {
    printf "%-14s Tidemark %.2f M cmd/s | exchange-core Direct %.2f M | Naive %.2f M | Tidemark/Direct %.2f (min %.2f, max %.2f)" \
      " | Tidemark/Risk %.2f (min %.2f, max %.2f)" \
      " | B/op (of which set-up): Tidemark %.2f (%.2f), Direct %.2f (%.2f), Naive %.1f (%.2f)\n",
      mix, tm / 1e6, dm / 1e6, nm / 1e6, rmed, rmin, rmax, qmed, qmin, qmax, tb, ts, db, ds, nb, ns }'
done
echo "(raw: $RESULTS)"
