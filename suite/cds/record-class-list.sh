#!/usr/bin/env bash
# Refreshes suite/src/main/resources/cds/services.classlist: the classes the four services and Kafka's broker JVM
# load, which the build archives into one Class Data Sharing archive (`--prepare` in the suite's package phase;
# see ServiceLaunch). Starts the suite jar with --class-list-dir (each service JVM and Kafka's write what they
# load), loads the demo county, runs a little of every benchmark (commands, command → totals, inboxes, as-of, replay) so
# that the classes of those paths are listed too, stops the suite and merges the five lists into one.
# Run it after large code changes (ServiceLaunchTest fails when the list names many classes that are gone):
#
#   ./mvnw -q -pl suite -am package -DskipTests && bash suite/cds/record-class-list.sh [--port-base=53080]
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=suite/target/jingzhun-suite.jar; BASE=53080
for arg in "$@"; do
  case "$arg" in
    --port-base=*) BASE="${arg#*=}" ;;
    *) echo "unknown option $arg (see the head of $0)" >&2; exit 2 ;;
  esac
done
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -q -pl suite -am package -DskipTests" >&2; exit 1; }
OUT=$(mktemp -d /tmp/jingzhun-classlist.XXXXXX)
echo "[class list] logs in $OUT" >&2
java -jar "$JAR" --data-dir="$OUT/data" --class-list-dir="$OUT/lists" --demo --reporting-port=$BASE \
  --organization-port=$((BASE + 1)) --checklist-port=$((BASE + 2)) --rectification-port=$((BASE + 3)) \
  --postgres-port=$((BASE + 7432)) --kafka-port=$((BASE + 11012)) --kafka-controller-port=$((BASE + 11013)) \
  > "$OUT/suite.log" 2>&1 &
SUITE=$!
trap 'kill $SUITE 2>/dev/null || true' EXIT
until grep -qE "\[demo\] (county totals|the county totals have not)" "$OUT/suite.log"; do
  kill -0 "$SUITE" 2>/dev/null || { echo "the suite stopped; see $OUT/suite.log" >&2; exit 1; }
  sleep 5
done
COMMON=(--data-dir="$OUT/data" --port-base=$BASE)
mkdir -p "$OUT/lib"
unzip -q -j -o "$JAR" 'BOOT-INF/lib/postgresql-*.jar' 'BOOT-INF/lib/kafka-clients-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' -d "$OUT/lib"
java benchmarks/CommandLoad.java "${COMMON[@]}" --kind=both --clients=8 --warmup=2 --seconds=5 > "$OUT/load.log" 2>&1 || true
java benchmarks/CommandToTotals.java "${COMMON[@]}" --iterations=20 --rate=50 > "$OUT/latency.log" 2>&1 || true
java -cp "$OUT/lib/*" benchmarks/InboxThroughput.java --data-dir="$OUT/data" --bootstrap-servers="localhost:$((BASE + 11012))" \
  --organization-port=$((BASE + 1)) --checklist-port=$((BASE + 2)) --events=2000 > "$OUT/inbox.log" 2>&1 || true
java benchmarks/AsOfAndReplay.java "${COMMON[@]}" --samples=5 > "$OUT/asof.log" 2>&1 || true
kill "$SUITE"; wait "$SUITE" 2>/dev/null || true
trap - EXIT

# One list for all five JVMs: each class once, in the order first loaded (the JDK's comment lines dropped).
LIST=suite/src/main/resources/cds/services.classlist
mkdir -p "$(dirname "$LIST")"
{
  echo "# The classes the four Jingzhun services and Kafka's broker JVM load, recorded by suite/cds/record-class-list.sh"
  echo "# on $(date -u +%F) (-XX:DumpLoadedClassList of each JVM, merged). Archived by -Xshare:dump at build time; see ServiceLaunch."
  cat "$OUT"/lists/*.classlist | grep -v '^#' | awk '!seen[$0]++'
} > "$LIST"
echo "[class list] $(grep -vc '^[#@]' "$LIST") classes ($(grep -c '^org/jingzhun/' "$LIST") of ours) in $LIST" >&2
