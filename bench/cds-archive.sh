#!/usr/bin/env bash
# Creates an AppCDS archive of the classes the window loads at start (docs/ui-latency.md), for a faster cold
# start: one training run of the app with -XX:ArchiveClassesAtExit, stopped once the workspace is shown. Then
#
#   java -XX:SharedArchiveFile=app/target/gatehouse-cds.jsa -jar app/target/gatehouse.jar --workspace=DIR
#
# The archive belongs to this jar and this JDK: make it again after each build (the JVM ignores, with a warning,
# an archive that does not match, and starts without it). Without the option the jar starts as always.
#
# Environment: DISPLAY (default :99), WORKSPACE (default samples/governed), JSA (default app/target/gatehouse-cds.jsa).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
export DISPLAY=${DISPLAY:-:99}
jar=$root/app/target/gatehouse.jar
jsa=${JSA:-$root/app/target/gatehouse-cds.jsa}
workspace=${WORKSPACE:-$root/samples/governed}
[ -f "$jar" ] || { echo "cds-archive.sh: no $jar (build it: ./mvnw -B -q -DskipTests package)" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -f "$jsa"
java -XX:ArchiveClassesAtExit="$jsa" -Dgatehouse.timing=true -Dprism.order=sw -Dgatehouse.home="$scratch/home" \
    -Djava.util.prefs.userRoot="$scratch/prefs" -jar "$jar" --workspace="$workspace" > "$scratch/log" 2>&1 &
pid=$!
for ((i = 0; i < 600; i++)); do
    grep -q 'workspace shown' "$scratch/log" && break
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
done
sleep 1 # let the first paint and the matrix finish loading their classes
kill "$pid" 2> /dev/null || true # SIGTERM: the JVM exits normally and writes the archive
wait "$pid" 2> /dev/null || true
[ -s "$jsa" ] || { echo "cds-archive.sh: no archive written:" >&2; cat "$scratch/log" >&2; exit 1; }
echo "$jsa ($(du -h "$jsa" | cut -f1))"
