#!/usr/bin/env bash
# Three cluster nodes, each in its own network namespace behind a veth on one bridge, and a gateway
# (`./tidemark server --cluster`) in the root namespace: orders through the gateway, then the leader's link
# cut (a partition that isolates it), more orders, the link restored. Passes when every order the gateway
# acknowledged is open afterwards and all three nodes end at the same sequence and state hash (as the
# members report themselves to the gateway: GET /v1/admin/cluster). Needs root (ip netns, veth, bridge) and a build (./tidemark builds one).
#
#   sudo benchmarks/cluster-netns.sh [orders-before] [orders-during]
# Environment: GW_PORT (default 18940), KEEP=1 keeps the data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${1:-20}
DURING=${2:-20}
GW_PORT=${GW_PORT:-18940}
DIR=$(mktemp -d /tmp/tidemark-netns-XXXXXX)
MEMBERS="0=10.77.0.10:9100,1=10.77.0.11:9100,2=10.77.0.12:9100"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 3
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for i in 0 1 2; do
    ip link del "tmh$i" 2>/dev/null || true; ip netns del "tmn$i" 2>/dev/null || true
    # a node killed by SIGKILL leaves its Aeron directory in /dev/shm
    [ -s "$DIR/node-$i/aeron-dir" ] && rm -rf "$(cat "$DIR/node-$i/aeron-dir")"
  done
  ip link del tmbr0 2>/dev/null || true
  [ "${KEEP:-}" = "1" ] && echo "data kept in $DIR" || rm -rf "$DIR"
}
trap cleanup EXIT

TIDEMARK_MAVEN_ARGS=${TIDEMARK_MAVEN_ARGS:-} ./tidemark help >/dev/null   # builds if needed
export TIDEMARK_NO_BUILD=1

ip link add tmbr0 type bridge
ip addr add 10.77.0.1/24 dev tmbr0
ip link set tmbr0 up
for i in 0 1 2; do
  ip netns add "tmn$i"
  ip link add "tmh$i" type veth peer name "tmc$i"
  ip link set "tmc$i" netns "tmn$i"
  ip link set "tmh$i" master tmbr0 up
  ip netns exec "tmn$i" ip addr add "10.77.0.1$i/24" dev "tmc$i"
  ip netns exec "tmn$i" ip link set "tmc$i" up
  ip netns exec "tmn$i" ip link set lo up
  mkdir -p "$DIR/node-$i"
  ip netns exec "tmn$i" ./tidemark cluster-node --id "$i" --members "$MEMBERS" --data-dir "$DIR/node-$i" \
    >"$DIR/node-$i.log" 2>&1 &
  pids+=($!)
done
./tidemark server --cluster "$MEMBERS" --port "$GW_PORT" --data-dir "$DIR/gateway" >"$DIR/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GW_PORT/v1/ping" 2>/dev/null | grep -q 200 && break
  sleep 0.2
done

field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d$2)" "$1"; }
call() {  # call METHOD PATH [BODY]  (signed with TIDEMARK_KEY / TIDEMARK_SECRET)
  local ts nonce; ts=$(date +%s%3N); nonce="n$RANDOM$RANDOM$RANDOM"
  curl -s -X "$1" "http://127.0.0.1:$GW_PORT$2" -H 'Content-Type: application/json' \
    -H "X-Api-Key: $TIDEMARK_KEY" -H "X-Api-Timestamp: $ts" -H "X-Api-Nonce: $nonce" \
    -H "X-Api-Signature: $(bin/sign "$1" "$2" "${3:-}" "$ts" "$nonce")" ${3:+--data-raw "$3"}
}
export TIDEMARK_KEY TIDEMARK_SECRET
ADMIN_KEY=$(field "$DIR/gateway/admin-key.json" "['key']")
ADMIN_SECRET=$(field "$DIR/gateway/admin-key.json" "['secret']")
TIDEMARK_KEY=$ADMIN_KEY TIDEMARK_SECRET=$ADMIN_SECRET
view() { TIDEMARK_KEY=$ADMIN_KEY TIDEMARK_SECRET=$ADMIN_SECRET call GET /v1/admin/cluster; }
status() {  # status MEMBER FIELD, as the member last reported itself to the gateway
  view | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['members'][int(sys.argv[1])][sys.argv[2]])" "$1" "$2" \
    2>/dev/null || echo "?"
}
leader() {  # leader [NOT]: the member leading, other than NOT; empty while none is known
  local id; id=$(view | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['leader'])" 2>/dev/null || echo -1)
  [ "$id" -ge 0 ] && [ "$id" != "${1:-}" ] && echo "$id" || echo ""
}
account=$(call POST /v1/admin/accounts '{}' | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['account_id'])")
key=$(call POST "/v1/admin/accounts/$account/keys" '{"scopes":["read","trade"]}')
call POST /v1/admin/deposits "{\"account_id\":\"$account\",\"asset\":\"USD\",\"amount\":\"1000000\",\"reference\":\"netns\"}" >/dev/null
TIDEMARK_KEY=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['data']['key'])" "$key")
TIDEMARK_SECRET=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['data']['secret'])" "$key")

acked=0
place() {
  local reply; reply=$(call POST /v1/orders "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"$((40000 + $1))\",\"size\":\"0.001\"}")
  if [[ "$reply" == *'"status":"open"'* ]]; then acked=$((acked + 1)); else echo "  order $1: $reply"; fi
}
for n in $(seq 1 "$BEFORE"); do place "$n"; done
old=$(leader)
echo "leader: node $old; $acked orders acknowledged; cutting its link (tmh$old down)"
ip link set "tmh$old" down
cut=$(date +%s%3N)
for n in $(seq $((BEFORE + 1)) $((BEFORE + DURING))); do
  place "$n"
  [ "$n" = $((BEFORE + 1)) ] && echo "  first order after the cut answered after $(( $(date +%s%3N) - cut )) ms"
done
new=$(leader "$old")
echo "new leader: node ${new:-none}; $acked orders acknowledged; restoring the link"
ip link set "tmh$old" up
sleep 8
open=$(call GET '/v1/orders?status=open&limit=1000' | python3 -c "import json,sys; print(len(json.load(sys.stdin)['data']))")
line=""
same=1
for i in 0 1 2; do
  line="$line node $i: $(status "$i" role) seq $(status "$i" sequence) hash $(status "$i" state_hash);"
  [ "$(status "$i" sequence)/$(status "$i" state_hash)" = "$(status 0 sequence)/$(status 0 state_hash)" ] || same=0
done
echo "$line"
if [ "$acked" -eq $((BEFORE + DURING)) ] && [ "$open" -eq "$acked" ] && [ "$same" -eq 1 ] && [ -n "$new" ]; then
  echo "Summary: PASS — $acked orders acknowledged, $open open, leader $old isolated and replaced by $new, all nodes equal after healing"
else
  echo "Summary: FAIL — acknowledged $acked of $((BEFORE + DURING)), open $open, new leader '${new}', nodes equal: $same"
  exit 1
fi
