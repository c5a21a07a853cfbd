#!/usr/bin/env bash
# Builds the source benchmark and runs it in its own JVM with a small fixed heap (default 256m), so the snapshot
# of the generated table (~2 GiB of rows by default) is much larger than the heap.
# Usage: benchmarks/run-source-benchmark.sh [--rows N] [--changes N] [--payload-chars N] [--chunk-rows N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests
exec java -Xms"${BENCH_HEAP:-256m}" -Xmx"${BENCH_HEAP:-256m}" -XX:+UseG1GC \
  -Dlog4j2.configurationFile=log4j2-bench.xml \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  io.ctsync.bench.source.SourceBenchmark "$@"
