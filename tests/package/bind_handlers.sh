#!/usr/bin/env bash
# Builds app/examples/bind_handlers against the installed package and runs it on the designed
# chained-rings.json: its own event type, producer and handlers bound by node id. It exits 0 only
# when the run conserved events and its handlers' totals agree; the report must name every node.
# Then binds it to a design whose nodes it does not know, which the runtime must refuse (exit 2).
set -euo pipefail
source "$(dirname "$0")/common.sh"
work=$1
source_dir=$2
designs=$3

rm -rf "$work"
mkdir -p "$work"
started=$(now)
configure "$source_dir" "$work/build" >/dev/null
build "$work/build" >"$work/build.log" || fail "bind_handlers does not build: $(tail -40 "$work/build.log")"
echo "configured and built in $(seconds_since "$started") s"

program="$work/build/bind-handlers"
"$program" "$designs/chained-rings.json" 20000 >"$work/run.out" 2>&1 \
    || fail "bind-handlers on chained-rings.json failed: $(cat "$work/run.out")"
for node in receiver journal replication business-logic publisher; do
    grep -q -- "$node" "$work/run.out" || fail "the report does not name $node: $(cat "$work/run.out")"
done
grep -q "journal 20,\?000 orders, replication 20,\?000 orders in [0-9,]* batches, publisher 20,\?000 orders" "$work/run.out" \
    || fail "the handlers did not see 20000 orders each: $(cat "$work/run.out")"
echo "ran chained-rings.json with its own handlers: $(grep '^journal [0-9]' "$work/run.out")"

status=0
"$program" "$designs/diamond.json" 1000 >"$work/wrong-design.out" 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "bind-handlers on diamond.json exited with $status instead of 2: $(cat "$work/wrong-design.out")"
grep -q "no node 'receiver'\|not bound" "$work/wrong-design.out" \
    || fail "the runtime did not say which bindings do not fit: $(cat "$work/wrong-design.out")"
echo "a design with other nodes is refused: $(sed -n 2p "$work/wrong-design.out")"
