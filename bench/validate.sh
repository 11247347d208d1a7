#!/usr/bin/env bash
# Parse-and-validate benchmark (docs/benchmarks.md): the cold CLI, `gatehouse validate <instance>/workspace
# --format json`, timed as a whole process, then the warm in-process harness (dev.gatehouse.bench.ValidateBench
# through the `bench` Maven profile), which checks its answers before it measures.
#
#   bench/validate.sh                          large preset in /tmp/bench-large, 5 cold runs, warm 3 + 5 iterations
#   bench/validate.sh --preset medium --runs 10 --warmup 5 --iterations 10
#   bench/validate.sh --variants               cold CLI also with -XX:TieredStopAtLevel=1, SerialGC and an AppCDS archive
#                                              (every run also times the launcher, installers/gatehouse)
#   bench/validate.sh --skip-warm              cold CLI only (--skip-cold: warm harness only)
#
# Environment: GENERATOR (GenerateInstance.java; default ../shared/bench/ beside the repo), JAVA_OPTS_COLD (JVM
# options of the cold runs), MVN (default mvn).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
preset=large
seed=1
dir=
runs=5
warmup=3
iterations=5
variants=false
cold=true
warm=true
breakdown=

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --preset) preset=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --iterations) iterations=$2; shift 2 ;;
        --variants) variants=true; shift ;;
        --breakdown) breakdown=--breakdown; shift ;;
        --skip-cold) cold=false; shift ;;
        --skip-warm) warm=false; shift ;;
        -h|--help) usage ;;
        *) echo "validate.sh: unknown option $1" >&2; usage ;;
    esac
done

dir=${dir:-/tmp/bench-$preset}
generator=${GENERATOR:-$root/../shared/bench/GenerateInstance.java}
mvn=${MVN:-mvn}
jar=$root/app/target/gatehouse.jar
cd "$root"

echo "== machine: $(nproc) cpus, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%M:%SZ)"

# (a) The instance, unless it is there.
if [ ! -f "$dir/instance.json" ] || [ ! -d "$dir/workspace" ]; then
    if [ ! -f "$generator" ]; then
        echo "validate.sh: no instance in $dir and no generator at $generator (set GENERATOR)" >&2
        exit 2
    fi
    echo "== generating $preset (seed $seed) into $dir"
    java "$generator" --preset "$preset" --seed "$seed" --no-matrix --out "$dir" --force
fi
files=$(find "$dir/workspace" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | wc -l)
echo "== instance $dir: $files manifest files"

# (b) The jar, unless it is newer than every source.
if [ "$cold" = true ]; then
    sources=$(for p in app/src/main resources app/pom.xml pom.xml; do [ -e "$p" ] && echo "$p"; done)
    # shellcheck disable=SC2086 # one path per word
    if [ ! -f "$jar" ] || [ -n "$(find $sources -newer "$jar" -print -quit)" ]; then
        echo "== building $jar"
        "$mvn" -q -B -Dstyle.color=never -DskipTests -pl app -am package
    fi
fi

# (c) Cold CLI: one whole process per run.
median_min() { # reads one duration in seconds per line; prints "median min"
    sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f", m, v[1] }'
}

time_cold() { # label, JVM options [, launcher instead of java -jar]
    local label=$1 opts=$2 out rc
    local cmd="java $opts -jar $jar validate $dir/workspace --format json"
    if [ -n "${3:-}" ]; then
        cmd="$3 validate $dir/workspace --format json"
    fi
    out=$(mktemp)
    # One checked run first: exit 0 (no errors) or 1 (findings) and a report that lists every file.
    set +e
    $cmd > "$out"
    rc=$?
    set -e
    local listed
    listed=$(grep -c '"path"' "$out" || true)
    rm -f "$out"
    if [ "$rc" -gt 1 ] || [ "$listed" -ne "$files" ]; then
        echo "validate.sh: $label: exit $rc, report lists $listed of $files files" >&2
        exit 1
    fi
    local stats
    if command -v hyperfine > /dev/null; then
        local csv
        csv=$(mktemp)
        hyperfine --style none --warmup 1 --runs "$runs" --export-csv "$csv" "$cmd > /dev/null || true"
        stats=$(awk -F, 'NR == 2 { printf "%.3f %.3f", $4, $7 }' "$csv")
        rm -f "$csv"
    else
        local times=() i a b
        $cmd > /dev/null || true # warm-up run (page cache)
        for ((i = 0; i < runs; i++)); do
            a=$(date +%s%N)
            $cmd > /dev/null || true
            b=$(date +%s%N)
            times+=("$(awk -v d=$((b - a)) 'BEGIN { printf "%.6f", d / 1e9 }')")
        done
        stats=$(printf '%s\n' "${times[@]}" | median_min)
    fi
    read -r med min <<< "$stats"
    printf '   %-34s median %7.3f s   min %7.3f s   %8.0f files/s (median)\n' "$label" "$med" "$min" \
        "$(awk -v f="$files" -v t="$med" 'BEGIN { print f / t }')"
}

if [ "$cold" = true ]; then
    echo "== cold CLI: java -jar app/target/gatehouse.jar validate $dir/workspace --format json > /dev/null ($runs runs, $(command -v hyperfine > /dev/null && echo hyperfine || echo 'date +%s%N loop'))"
    time_cold "default ${JAVA_OPTS_COLD:-}" "${JAVA_OPTS_COLD:-}"
    # The launcher on PATH (installers/gatehouse): the same jar with the options it picks for a short command.
    GATEHOUSE_JAR=$jar time_cold "launcher installers/gatehouse" "" "$root/installers/gatehouse"
    if [ "$variants" = true ]; then
        time_cold "-XX:TieredStopAtLevel=1" "-XX:TieredStopAtLevel=1"
        time_cold "-XX:+UseSerialGC" "-XX:+UseSerialGC"
        time_cold "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
        jsa=$root/app/target/bench/gatehouse-cds.jsa
        mkdir -p "$(dirname "$jsa")"
        # AppCDS: one training run writes the archive of the classes it loaded (JDK 13+ dynamic archive).
        java -XX:ArchiveClassesAtExit="$jsa" -jar "$jar" validate "$dir/workspace" --format json > /dev/null 2>&1 || true
        time_cold "AppCDS" "-XX:SharedArchiveFile=$jsa"
        time_cold "AppCDS -XX:TieredStopAtLevel=1" "-XX:SharedArchiveFile=$jsa -XX:TieredStopAtLevel=1"
    fi
fi

# (d) Warm, in-process, through the bench profile (compiled into app/target/bench, apart from the jar).
if [ "$warm" = true ]; then
    echo "== warm in-process: ValidateBench $dir --warmup $warmup --iterations $iterations $breakdown"
    "$mvn" -q -B -Dstyle.color=never -Pbench -pl app compile exec:exec@validate \
        -Dbench.args="$dir --warmup $warmup --iterations $iterations $breakdown"
fi
