#!/usr/bin/env bash
# System calls and context switches per thread of a REST target's server process: a closed-loop `rest` run of
# one target, with `perf stat --per-thread` attached for 5 s once the JIT warm-up is over. Divide each count by
# 5 × the run's req/s for a figure per request (benchmarks/README.md, "Why 0.7 is out of reach on this box").
#
#   benchmarks/rest-perf.sh gateway|hello        # needs perf with tracepoints (syscalls:sys_enter_*)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: $0 gateway|hello}
out=benchmarks/target/rest-perf-$target
java -jar benchmarks/target/benchmarks.jar rest --target "$target" --rate 0 --seconds 25 --rounds 1 --jit-warmup 10 \
  > "$out.out" 2>&1 &
run=$!
sleep 30
pid=$(pgrep -f "ServerMain $target" | head -1)
events=context-switches,cpu-migrations
for call in futex write writev read recvfrom sendto epoll_wait epoll_pwait epoll_pwait2; do
  events=$events,syscalls:sys_enter_$call
done
perf stat --per-thread -e "$events" -p "$pid" -- sleep 5 > "$out.perf" 2>&1
wait "$run"
grep -E "^  round" "$out.out"
awk 'NF >= 3 && $2 ~ /^[0-9,]+$/ { gsub(",", "", $2); if ($2 + 0 >= 1000) printf "%-28s %10d %s\n", $1, $2, $3 }' "$out.perf"
