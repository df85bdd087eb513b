#!/usr/bin/env bash
# The benchmark command: starts the suite jar on a fresh data directory, measures the machine's own limits
# (durable PostgreSQL commits/s with 8 connections, Kafka produce records/s) against the suite's own
# PostgreSQL and Kafka, then every figure of the suite with a warm-up, and prints one table: figure, goal,
# measured, and the box's limits of the same run. Not part of `./mvnw verify`.
#
#   bash benchmarks/run.sh [--jar=suite/target/jingzhun-suite.jar] [--port-base=28080] [--seconds=30]
#                          [--warmup=150] [--keep] [--demo] [--data-dir=DIR] [--service-jvm-options=OPTS]
#
# --port-base: reporting's port; organization, checklist, rectification follow; PostgreSQL and Kafka use
#              port-base+7432 and +11012/+11013 (so several runs and a developer's suite can coexist).
# --demo:      load the demo county first (as-of and replay then have history to read; adds minutes).
# --quick:     box limits and commands/s only (to compare two builds or settings).
# --warmup:    seconds of load before each commands/s figure (150: each service's C2 compiler needs ~2 minutes of
#              this load on a 2-core box before its CPU per command is steady; the log shows the curve).
# --keep:      leave the suite running afterwards (its data directory is printed); no restart is measured.
# --data-dir:  an existing data directory instead of a fresh one (a restart: quicker on a busy machine,
#              where the suite's 3-minute start-up limit can run out).
# Needs a JDK 17 and the suite jar (`./mvnw -q -pl suite -am package -DskipTests`). Output: the table on
# stdout, every program's own lines in $OUT/*.log.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=suite/target/jingzhun-suite.jar; BASE=28080; SECONDS_=30; WARMUP=150; KEEP=false; DEMO=false; QUICK=false; DATA=; JVM=
for arg in "$@"; do
  case "$arg" in
    --jar=*) JAR="${arg#*=}" ;;
    --port-base=*) BASE="${arg#*=}" ;;
    --seconds=*) SECONDS_="${arg#*=}" ;;
    --warmup=*) WARMUP="${arg#*=}" ;;
    --keep) KEEP=true ;;
    --quick) QUICK=true ;;
    --demo) DEMO=true ;;
    --data-dir=*) DATA="${arg#*=}" ;;
    --service-jvm-options=*) JVM="${arg#*=}" ;;
    *) echo "unknown option $arg (see the head of $0)" >&2; exit 2 ;;
  esac
done
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -q -pl suite -am package -DskipTests" >&2; exit 1; }

OUT=$(mktemp -d /tmp/jingzhun-bench.XXXXXX)
DATA=${DATA:-$OUT/data}
PG=$((BASE + 7432)); KAFKA=$((BASE + 11012)); CONTROLLER=$((BASE + 11013))
echo "[bench] $(date -u +%FT%TZ) on $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg); logs in $OUT" >&2

# The programs' dependencies, taken out of the suite jar (nothing to download).
mkdir -p "$OUT/lib"
unzip -q -j -o "$JAR" 'BOOT-INF/lib/postgresql-*.jar' 'BOOT-INF/lib/kafka-clients-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' \
  -d "$OUT/lib"

EXTRA=(); $DEMO && EXTRA+=(--demo); [ -n "$JVM" ] && EXTRA+=(--service-jvm-options="$JVM")
START=$(date +%s.%N)
java -jar "$JAR" --data-dir="$DATA" --reporting-port=$BASE --organization-port=$((BASE + 1)) \
  --checklist-port=$((BASE + 2)) --rectification-port=$((BASE + 3)) --postgres-port=$PG --kafka-port=$KAFKA \
  --kafka-controller-port=$CONTROLLER "${EXTRA[@]}" > "$OUT/suite.log" 2>&1 &
SUITE=$!
stop() {
  if ! $KEEP; then kill "$SUITE" 2>/dev/null && wait "$SUITE" 2>/dev/null || true; fi
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null || true
}
trap stop EXIT
# The whole suite's memory, in MiB, sampled every 2 s into rss.log: the launcher and every process under it
# (Kafka's JVM and the four service JVMs), plus PostgreSQL's postmaster and its backends (pg_ctl leaves the
# postmaster a child of init, so it is found by its data directory). Each process counts its proportional
# set size (PSS): a page shared by several processes (PostgreSQL's shared buffers, the JDK's Class Data Sharing
# archive every JVM maps) is counted once in all, not once per process as a sum of resident sets would.
tree() { echo "$1"; for c in $(pgrep -P "$1" || true); do tree "$c"; done; }
# The PSS of some processes together, in MiB; a process gone since it was listed counts 0 (a PostgreSQL backend
# may end between the listing and the read; awk given its file would give up on the whole sum).
pss_of() {
  for p in "$@"; do awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true; done \
    | awk '{s+=$1} END {printf "%.0f", s/1024}'
}
rss() {
  local postmaster; postmaster=$(pgrep -f -- "postgres -D $DATA/postgres" | head -1 || true)
  pss_of $(tree "$1") $([ -n "$postmaster" ] && tree "$postmaster")
}
# The same, one figure per process (MiB): "launcher=… organization=… … postgres=…", beside the total in rss.log.
breakdown() {
  local postmaster; postmaster=$(pgrep -f -- "postgres -D $DATA/postgres" | head -1 || true)
  printf "launcher=%s" "$(pss_of "$1")"
  for c in $(pgrep -P "$1" || true); do
    printf " %s=%s" "$(tr '\0' ' ' < "/proc/$c/cmdline" 2>/dev/null | grep -o 'org\.jingzhun\.[a-z]*' | head -1 | cut -d. -f3 | sed 's/^embedded$/kafka/')" "$(pss_of $(tree "$c"))"
  done
  [ -n "$postmaster" ] && printf " postgres=%s" "$(pss_of $(tree "$postmaster"))"
  echo
}
peak_rss() { sort -k2 -n "$OUT/rss.log" | tail -1 | cut -d' ' -f2; }
# The processes' figures of the sample with the largest total.
peak_breakdown() { sort -k2 -n "$OUT/rss.log" | tail -1 | cut -d' ' -f3-; }
( while kill -0 "$SUITE" 2>/dev/null; do echo "$(date +%s) $(rss "$SUITE") $(breakdown "$SUITE")" >> "$OUT/rss.log"; sleep 2; done ) &
SAMPLER=$!
until grep -q "is up in" "$OUT/suite.log"; do
  kill -0 "$SUITE" 2>/dev/null || { echo "the suite stopped; see $OUT/suite.log" >&2; exit 1; }
  sleep 1
done
UP=$(grep -o "is up in [0-9.]* s" "$OUT/suite.log" | grep -o "[0-9.]*")
IDLE_RSS=$(rss "$SUITE")
DEMO_S="not run (--demo)"
if $DEMO; then
  until grep -qE "\[demo\] (county totals|the county totals have not)" "$OUT/suite.log"; do sleep 5; done
  DEMO_S="$(grep -o "\[demo\] loaded in [0-9.]* s: [0-9]* commands" "$OUT/suite.log" | head -1 | cut -d' ' -f4-)"
fi
pid_of() { pgrep -f -- "--server.port=$1" | head -1; }
CHECKLIST_PID=$(pid_of $((BASE + 2))); RECTIFICATION_PID=$(pid_of $((BASE + 3)))
COMMON=(--data-dir="$DATA" --port-base=$BASE)

echo "[bench] box limits" >&2
java -cp "$OUT/lib/*" benchmarks/BoxLimits.java --jdbc="jdbc:postgresql://localhost:$PG/postgres" --user=postgres \
  --kafka="localhost:$KAFKA" --seconds=10 > "$OUT/limits.log" 2>&1 || true
echo "[bench] commands/s" >&2
java benchmarks/CommandLoad.java "${COMMON[@]}" --kind=both --clients=8 --warmup="$WARMUP" --seconds="$SECONDS_" \
  --problems-pid="$RECTIFICATION_PID" --visits-pid="$CHECKLIST_PID" > "$OUT/load.log" 2>&1 || true
if $QUICK; then
  cat "$OUT/limits.log" "$OUT/load.log"
  echo "whole suite's memory (PSS): $IDLE_RSS MiB idle after start-up, $(peak_rss) MiB at most during the run ($(peak_breakdown))"
  exit 0
fi
echo "[bench] command → totals at 100 commands/s" >&2
java benchmarks/CommandToTotals.java "${COMMON[@]}" --iterations=20 --rate=100 > "$OUT/latency-warmup.log" 2>&1 || true
java benchmarks/CommandToTotals.java "${COMMON[@]}" --iterations=300 --rate=100 > "$OUT/latency.log" 2>&1 || true
if [ -f benchmarks/InboxThroughput.java ]; then
  echo "[bench] inbox throughput" >&2
  java -cp "$OUT/lib/*" benchmarks/InboxThroughput.java --data-dir="$DATA" --bootstrap-servers="localhost:$KAFKA" \
    --organization-port=$((BASE + 1)) --checklist-port=$((BASE + 2)) > "$OUT/inbox.log" 2>&1 || true
else
  echo "HOOK: benchmarks/InboxThroughput.java is not there yet" > "$OUT/inbox.log"
fi
echo "[bench] backlog drain" >&2
java benchmarks/BacklogDrain.java "${COMMON[@]}" --reporting-pid="$(pid_of $BASE)" --events=40000 > "$OUT/drain.log" 2>&1 || true
echo "[bench] as-of and replay" >&2
java benchmarks/AsOfAndReplay.java "${COMMON[@]}" --samples=30 > "$OUT/asof.log" 2>&1 || true

# A restart on the same data directory: stop the suite, start it again, until all four are healthy.
PEAK_RSS=$(peak_rss)
RESTART="not measured (--keep)"
if ! $KEEP; then
  echo "[bench] restart" >&2
  AGAIN=(); [ -n "$JVM" ] && AGAIN+=(--service-jvm-options="$JVM")
  kill "$SUITE"; wait "$SUITE" 2>/dev/null || true
  java -jar "$JAR" --data-dir="$DATA" --reporting-port=$BASE --organization-port=$((BASE + 1)) \
    --checklist-port=$((BASE + 2)) --rectification-port=$((BASE + 3)) --postgres-port=$PG --kafka-port=$KAFKA \
    --kafka-controller-port=$CONTROLLER "${AGAIN[@]}" > "$OUT/restart.log" 2>&1 &
  SUITE=$!
  until grep -q "is up in" "$OUT/restart.log"; do
    kill -0 "$SUITE" 2>/dev/null || break
    sleep 1
  done
  RESTART="$(grep -o "is up in [0-9.]* s" "$OUT/restart.log" | grep -o "[0-9.]*" || echo "failed, see $OUT/restart.log") s"
fi

# The table.
field() { grep -o "$2=[0-9.]*" "$1" 2>/dev/null | head -1 | cut -d= -f2; }
line() { grep -m1 "$2" "$1" 2>/dev/null || true; }
PGC=$(grep -o "commits/s.*: [0-9]*" "$OUT/limits.log" | grep -o "[0-9]*$" || echo "?")
KFK=$(grep -o "records/s.*: [0-9]*" "$OUT/limits.log" | grep -o "[0-9]*$" || echo "?")
PROBLEMS=$(line "$OUT/load.log" "POST /api/problems.* clients "); VISITS=$(line "$OUT/load.log" "honor-room visits.* clients ")
rate() { echo "$1" | grep -o "[0-9.]* commands/s" | cut -d' ' -f1; }
lat() { echo "$1" | grep -o "p50=[0-9]* ms  p90=[0-9]* ms  p99=[0-9]* ms" | sed 's/  /, /g'; }
cpu() { echo "$1" | grep -o "cpu=[0-9.]* ms" | cut -d= -f2; }
pgcpu() { echo "$1" | grep -o "postgres=[0-9.]* ms" | cut -d= -f2; }
boxcpu() { echo "$1" | grep -o "box=[0-9.]* ms" | cut -d= -f2; }
VT=$(line "$OUT/latency.log" "visit → totals"); PL=$(line "$OUT/latency.log" "problem logged → totals")
PT=$(line "$OUT/latency.log" "rectify problem → totals"); BG=$(line "$OUT/latency.log" "background load" | cut -d: -f2-)
VS=$(line "$OUT/latency.log" "visit → stream"); PS=$(line "$OUT/latency.log" "problem logged → stream")
{
  echo
  echo "Measured $(date -u +%F) on $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "Box limits in this run: PostgreSQL $PGC durable commits/s (8 connections), Kafka $KFK records/s (acks=all)"
  echo
  echo "| figure | goal | measured | beside the box's limit |"
  echo "|---|---|---|---|"
  echo "| suite start-up, fresh data directory, until all four healthy | ≤ 20 s | $UP s | |"
  echo "| suite restart on the same data directory | ≤ 15 s | $RESTART | |"
  echo "| commands/s, 8 clients, POST /api/problems (new aggregate each) | ≥ 2,000 /s | $(rate "$PROBLEMS") /s ($(lat "$PROBLEMS")); $(cpu "$PROBLEMS") of rectification CPU per command, PostgreSQL $(pgcpu "$PROBLEMS"), the whole box $(boxcpu "$PROBLEMS") | PostgreSQL $PGC commits/s |"
  echo "| commands/s, 8 clients, honor-room visits, one CampaignRecord | ≥ 1,000 /s | $(rate "$VISITS") /s ($(lat "$VISITS")); $(cpu "$VISITS") of checklist CPU per command, PostgreSQL $(pgcpu "$VISITS"), the whole box $(boxcpu "$VISITS") | PostgreSQL $PGC commits/s |"
  echo "| command → /api/totals, visit, under a background load of 100 commands/s | p99 ≤ 50 ms at 100 commands/s | $(echo "$VT" | grep -o "p50=.*" ) | Kafka $KFK records/s |"
  echo "| command → /api/totals, a problem logged, same load | p99 ≤ 50 ms at 100 commands/s | $(echo "$PL" | grep -o "p50=.*") | |"
  echo "| command → /api/totals, log + rectify a problem (two commands), same load | | $(echo "$PT" | grep -o "p50=.*") | background:$BG |"
  echo "| command → the totals stream shows it (\`/api/totals/stream\`, as the dashboard), visit / problem logged, same load | | $(echo "$VS" | grep -o "p50=.*"); $(echo "$PS" | grep -o "p50=.*") | |"
  echo "| inbox CloudEvents/s into one service | ≥ 2,000 /s | $(line "$OUT/inbox.log" "inbox CloudEvents/s" | cut -c1-120) | Kafka $KFK records/s |"
  echo "| backlog drain: reporting stopped (SIGSTOP) while 40,000 visits were recorded and relayed, then resumed, until /api/totals shows the last | (none set; the live projector catching up) | $(line "$OUT/drain.log" "backlog drain" | cut -c1-120) ($(line "$OUT/drain.log" "drain seconds" | cut -d: -f2 | tr -d ' ') s) | |"
  echo "| totals as of a past instant | p99 ≤ 100 ms on 1 M events | $(line "$OUT/asof.log" "as of" | cut -c1-120) | |"
  echo "| replay of every read model | ≥ 50,000 events/s | $(line "$OUT/asof.log" "replay" | cut -c1-120) | |"
  echo "| \`--demo\` county load through the public APIs | ≤ 60 s | $DEMO_S | |"
  echo "| whole suite's memory (launcher, Kafka, 4 service JVMs, PostgreSQL), proportional set size | ≤ 2 GB under load | ${IDLE_RSS} MiB idle after start-up, ${PEAK_RSS} MiB at most during the run ($(peak_breakdown)) | |"
} | tee "$OUT/table.md"
