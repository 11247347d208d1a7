#!/usr/bin/env bash
# Cold start to first window (docs/ui-latency.md): starts `java -jar app/target/gatehouse.jar --workspace=DIR`
# with -Dgatehouse.timing=true under a display, waits for the app's "window shown" and "workspace shown" log
# lines, stops it and prints the median and p90 of each (ms after the JVM started, as the app logs them).
#
#   bench/coldstart.sh                           5 runs of the plain jar, samples/governed
#   bench/coldstart.sh --runs 9 --variants       also -XX:TieredStopAtLevel=1, AppCDS, AppCDS + TieredStopAtLevel=1
#   bench/coldstart.sh --cds                     AppCDS only (creates the archive first, see bench/cds-archive.sh)
#   bench/coldstart.sh --workspace /tmp/bench-medium/workspace
#
# Environment: DISPLAY (default :99; start one with `Xvfb :99 -screen 0 1600x1000x24 &`), JAVA_OPTS_COLD (JVM
# options of every run). Runs use -Dprism.order=sw and a throw-away gatehouse home and preferences folder, so no
# remembered window layout or tabs of yours change what is measured.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=5
workspace=$root/samples/governed
variants=false
only_cds=false

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --workspace) workspace=$2; shift 2 ;;
        --variants) variants=true; shift ;;
        --cds) only_cds=true; shift ;;
        -h|--help) usage ;;
        *) echo "coldstart.sh: unknown option $1" >&2; usage ;;
    esac
done

export DISPLAY=${DISPLAY:-:99}
jar=$root/app/target/gatehouse.jar
jsa=$root/app/target/gatehouse-cds.jsa
[ -f "$jar" ] || { echo "coldstart.sh: no $jar (build it: ./mvnw -B -q -DskipTests package)" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== machine: $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "== java -jar app/target/gatehouse.jar --workspace=$workspace, DISPLAY=$DISPLAY, $runs runs"

# One run: prints "window-ms workspace-ms" (after the JVM started), or fails after 60 s.
one_run() { # JVM options
    local log=$scratch/run.log pid i
    rm -rf "$scratch/home" "$scratch/prefs"
    # shellcheck disable=SC2086 # options are words
    java ${JAVA_OPTS_COLD:-} $1 -Dgatehouse.timing=true -Dprism.order=sw -Dgatehouse.home="$scratch/home" \
        -Djava.util.prefs.userRoot="$scratch/prefs" -jar "$jar" --workspace="$workspace" > "$log" 2>&1 &
    pid=$!
    for ((i = 0; i < 600; i++)); do
        if grep -q 'workspace shown' "$log" && grep -q 'window shown' "$log"; then
            break
        fi
        if ! kill -0 "$pid" 2> /dev/null; then
            echo "coldstart.sh: the app exited early:" >&2
            cat "$log" >&2
            exit 1
        fi
        sleep 0.1
    done
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    local window workspace_ms
    window=$(sed -n 's/.*window shown: \([0-9]*\) ms after the JVM.*/\1/p' "$log" | head -1)
    workspace_ms=$(sed -n 's/.*workspace shown: \([0-9]*\) ms after the JVM.*/\1/p' "$log" | head -1)
    [ -n "$window" ] && [ -n "$workspace_ms" ] || { echo "coldstart.sh: no timing in 60 s:" >&2; cat "$log" >&2; exit 1; }
    echo "$window $workspace_ms"
}

stats() { # reads one number per line; prints "median p90 min"
    sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        p = int(0.9 * NR + 0.999); if (p < 1) p = 1; printf "%6.0f %6.0f %6.0f", m, v[p], v[1] }'
}

measure() { # label, JVM options
    local label=$1 opts=$2 w=() s=() i r
    one_run "$opts" > /dev/null # warm-up: page cache, font cache
    for ((i = 0; i < runs; i++)); do
        r=$(one_run "$opts")
        w+=("${r% *}")
        s+=("${r#* }")
    done
    read -r wm wp wmin <<< "$(printf '%s\n' "${w[@]}" | stats)"
    read -r sm sp smin <<< "$(printf '%s\n' "${s[@]}" | stats)"
    printf '   %-40s window shown: median %s ms  p90 %s ms  min %s ms | workspace shown: median %s ms  p90 %s ms\n' \
        "$label" "$wm" "$wp" "$wmin" "$sm" "$sp"
    echo "      window runs: ${w[*]}"
}

if [ "$only_cds" = false ]; then
    measure "default ${JAVA_OPTS_COLD:-}" ""
fi
if [ "$variants" = true ]; then
    measure "-XX:TieredStopAtLevel=1" "-XX:TieredStopAtLevel=1"
fi
if [ "$variants" = true ] || [ "$only_cds" = true ]; then
    WORKSPACE=$workspace "$root/bench/cds-archive.sh" > /dev/null
    measure "AppCDS" "-XX:SharedArchiveFile=$jsa"
    measure "AppCDS -XX:TieredStopAtLevel=1" "-XX:SharedArchiveFile=$jsa -XX:TieredStopAtLevel=1"
fi
