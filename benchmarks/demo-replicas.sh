#!/usr/bin/env bash
# Where a demo load waits: loads the demo county on a fresh data directory and prints, every 3 s, how many members
# organization-service has enrolled (member_view) and how many each registry replica holds (registry_member in
# checklist-service and rectification-service), and the checklist events recorded; then the loader's own summary.
# Research and study notes name members, so they wait for checklist's replica (docs/benchmarks.md, "Demo load").
#
#   bash benchmarks/demo-replicas.sh [JAR] [--port-base=53080]
#
# JAR defaults to suite/target/jingzhun-suite.jar; needs psql on the PATH (Debian: postgresql-client).
set -euo pipefail
JAR=suite/target/jingzhun-suite.jar
BASE=53080
for arg in "$@"; do
  case "$arg" in
    --port-base=*) BASE="${arg#*=}" ;;
    *) JAR="$arg" ;;
  esac
done
DIR=$(mktemp -d /tmp/jingzhun-demo-replicas.XXXX)
LOG="$DIR.log"
PG=$((BASE + 352))
export JINGZHUN_ADMIN_PASSWORD=benchpass
java -jar "$JAR" --data-dir="$DIR" --demo --reporting-port="$BASE" --organization-port=$((BASE + 1)) \
  --checklist-port=$((BASE + 2)) --rectification-port=$((BASE + 3)) --postgres-port="$PG" \
  --kafka-port=$((BASE + 12)) --kafka-controller-port=$((BASE + 13)) > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
count() { psql -h 127.0.0.1 -p "$PG" -U postgres -At "$1" -c "$2" 2>/dev/null || echo "?"; }
until grep -q "\[demo\] loading" "$LOG"; do
  kill -0 $PID 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
grep -m1 "is up in" "$LOG" | cut -c1-60
echo "(the suite's log: $LOG)"
START=$(date +%s)
while ! grep -q "\[demo\] loaded in" "$LOG"; do
  echo "$(( $(date +%s) - START ))s organization=$(count organization 'SELECT count(*) FROM member_view')" \
    "checklist-replica=$(count checklist 'SELECT count(*) FROM registry_member')" \
    "rectification-replica=$(count rectification 'SELECT count(*) FROM registry_member')" \
    "checklist-events=$(count checklist 'SELECT count(*) FROM domain_event_entry')"
  sleep 3
done
grep "\[demo\] loaded in" "$LOG"
