#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the full measured set and writes every figure under benchmarks/results/ (JMH results as JSON).
# Run from the project root on a quiet machine after: ./mvnw -q -pl benchmarks -am package -DskipTests
#   benchmarks/run-all.sh            the full set (about 1 h 40 min; the 1,000,000-request batch included)
#   QUICK=1 benchmarks/run-all.sh    2 forks, 36 s of warm-up, 15 s measured (about 70 min; the 1,000,000-request batch included)
#   TARGETS=1 benchmarks/run-all.sh  only the rows the performance targets name, at QUICK settings: latency,
#                                    throughput (and the ratio interleaved in one JVM), start-up and the
#                                    1,000,000-request batch (about 20 min)
#   SMOKE=1 benchmarks/run-all.sh    every step at toy size, to check the script itself (a few minutes)
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
CLI=examples/target/precision-formulary.jar
OUT=benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
for f in "$JAR" "$CLI"; do
  [[ -f "$f" ]] || { echo "$f is missing: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }
done

if [[ "${SMOKE:-0}" == 1 ]]; then
  JMH_RUN=(-f 1 -wi 1 -w 200ms -i 1 -r 200ms)
  JMH_SHOT=(-f 1 -wi 0 -i 1)
  JMH_REBUILD=(-f 1 -wi 0 -i 1)
  PACK_SIZES=5
  STARTUP_RUNS=1
  BATCH_REQUESTS=2000
  INTERLEAVED=(--warmup-seconds 2 --rounds 2 --block 100)
elif [[ "${QUICK:-0}" == 1 || "${TARGETS:-0}" == 1 ]]; then
  JMH_RUN=(-f 2 -wi 6 -w 6s -i 3 -r 5s)
  JMH_SHOT=(-f 3)
  JMH_REBUILD=(-f 2 -wi 1 -i 3)
  PACK_SIZES=5,20,0
  STARTUP_RUNS=5
  BATCH_REQUESTS=1000000
  INTERLEAVED=(--warmup-seconds 60 --rounds 30)
else
  JMH_RUN=(-f 3 -wi 5 -w 2s -i 5 -r 4s)
  JMH_SHOT=(-f 5)
  JMH_REBUILD=(-f 3)
  PACK_SIZES=5,20,0
  STARTUP_RUNS=7
  BATCH_REQUESTS=1000000
  INTERLEAVED=(--warmup-seconds 90 --rounds 40)
fi

{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(uname -a)"
  echo "cpus: $(nproc)"
  java -version 2>&1
  git rev-parse HEAD 2>/dev/null || true
} > "$OUT/environment.txt"

jmh() {
  local name=$1; shift
  echo "== $name" >&2
  java -jar "$JAR" "$@" -rf json -rff "$OUT/$name.json" | tee "$OUT/$name.txt"
}

# Latency (p50/p99/p99.9) and throughput at 1 and 2 threads: engine and baseline on the standard mix.
jmh latency 'EvaluateLatency' "${JMH_RUN[@]}"
jmh throughput 'EvaluateThroughput' "${JMH_RUN[@]}"
# The engine / baseline ratio again, in one JVM: blocks of the same requests alternate between the two, so the
# load a shared machine puts on one JMH run and not the next falls on both sides alike.
echo "== engine against baseline, interleaved" >&2
java -Xmx2g -cp "$JAR" org.precisionformulary.benchmarks.Interleaved --compare baseline "${INTERLEAVED[@]}" \
  | tee "$OUT/interleaved.txt"
if [[ "${TARGETS:-0}" != 1 ]]; then
# One session per request, two stages without and with kept findings (why the engine is built as it is).
jmh evaluation-path 'EvaluationPath' "${JMH_RUN[@]}"
# What the deadline per evaluation costs: worker handoff on and off (latency on 1 thread, throughput on 2).
jmh evaluation-deadline 'EvaluationDeadline' "${JMH_RUN[@]}"
# Cost against genotypes per request and against pack size (the setup prints each pack's rules and compile time).
jmh genotype-scaling 'GenotypeScaling' "${JMH_RUN[@]}"
jmh pack-size-scaling 'PackSizeScaling' "${JMH_RUN[@]}" -p guidelines=$PACK_SIZES
# Cold engine build (one shot per fork), warm KieBase build, hot reload of the full pack.
jmh pack-build-cold 'PackBuild.coldEngineBuild' "${JMH_SHOT[@]}"
jmh pack-build-warm 'PackBuild.(warmKieBaseBuild|hotReloadFullPack)' "${JMH_REBUILD[@]}"
fi

# Start-up: plain java -jar, then the launcher (class-data archive, quick JIT tier), alternating run by run.
echo "== startup to first decision" >&2
for ((run = 1; run <= STARTUP_RUNS; run++)); do
  java -cp "$JAR" org.precisionformulary.benchmarks.StartupToFirstDecision --jar "$CLI" --runs 1 | tail -1
  java -cp "$JAR" org.precisionformulary.benchmarks.StartupToFirstDecision --launcher examples/bin/precision-formulary \
    --runs 1 | tail -1
done | tee "$OUT/startup.txt"
for side in 'java -jar' 'examples/bin'; do
  grep -F "($side" "$OUT/startup.txt" | sed 's/.*: \([0-9]*\) ms.*/\1/' | sort -n \
    | awk -v s="$side" '{ v[NR] = $1 } END { printf "%s: median of %d runs %d ms (min %d, max %d)\n", s, NR, v[int((NR + 1) / 2)], v[1], v[NR] }'
done | tee -a "$OUT/startup.txt"

if [[ "${TARGETS:-0}" != 1 ]]; then
  echo "== heap held" >&2
  java -Xmx2g -cp "$JAR" org.precisionformulary.benchmarks.HeapHeld | tee "$OUT/heap.txt"
  # The largest requests the limits allow, on the built-in pack (which runs without the workers' deadline).
  echo "== largest requests" >&2
  java -cp "$JAR" org.precisionformulary.benchmarks.LargestRequests | tee "$OUT/largest-requests.txt"
fi

echo "== batch of $BATCH_REQUESTS requests on 2 threads" >&2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
java -cp "$JAR" org.precisionformulary.benchmarks.GenerateWorkload --requests "$BATCH_REQUESTS" --seed 20261124 \
  --out "$WORK/requests.ndjson" --formulary-out "$WORK/formulary.json" 2>&1 | tee "$OUT/generate.txt"
if [[ -x /usr/bin/time ]]; then
  TIME=(/usr/bin/time -v)
else
  TIME=()
  echo "/usr/bin/time not found: no peak RSS in batch.txt" >&2
fi
# The batch twice, the same file: through the launcher, as the README runs the command line (it adds the
# throughput collector for batch), and as a plain `java -jar`. Each run's decisions are hashed, so that a later run
# on the same seed and size, and the two runs here, can show their decisions are the same.
batch() {
  local name=$1; shift
  local start end lines
  start=$(date +%s.%N)
  "${TIME[@]}" "$@" batch --in "$WORK/requests.ndjson" --out "$WORK/decisions.ndjson" \
    --formulary "$WORK/formulary.json" --threads 2 2> "$OUT/$name.txt"
  end=$(date +%s.%N)
  lines=$(wc -l < "$WORK/decisions.ndjson")
  awk -v s="$start" -v e="$end" -v n="$lines" -v how="$*" \
    'BEGIN { printf "batch: %d decisions in %.1f s = %.0f decisions/s (2 threads, JVM start included; %s)\n", n, e - s, n / (e - s), how }' \
    | tee -a "$OUT/$name.txt"
  echo "decisions sha256: $(sha256sum "$WORK/decisions.ndjson" | cut -d' ' -f1)" | tee -a "$OUT/$name.txt"
}
JAVA_OPTS="${BATCH_JAVA_OPTS:--Xmx512m}" batch batch examples/bin/precision-formulary
# shellcheck disable=SC2086 # the options are words on purpose
batch batch-java-jar java ${BATCH_JAVA_OPTS:--Xmx512m} -jar "$CLI"

echo "results in $OUT" >&2
