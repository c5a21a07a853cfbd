#!/usr/bin/env bash
# Builds the benchmarks and compares Kafka's JsonConverter with ctsync's FastJsonConverter on Debezium change events.
# Usage: benchmarks/run-converter-benchmark.sh [--records N] [--rounds N] [--seconds-per-round S]
#        [--decimal-format BASE64|NUMERIC]. BENCH_HEAP (default 1g) sets the heap.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests
exec java -Xms"${BENCH_HEAP:-1g}" -Xmx"${BENCH_HEAP:-1g}" -XX:+UseG1GC \
  -Dlog4j2.configurationFile=log4j2-bench.xml \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  io.ctsync.bench.converter.ConverterBenchmark "$@"
