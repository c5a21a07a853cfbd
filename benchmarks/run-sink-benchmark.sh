#!/usr/bin/env bash
# Builds what the sink benchmark needs and runs it in its own JVM with a fixed heap.
# Usage: benchmarks/run-sink-benchmark.sh [--events N] [--batch-size N] [--targets postgresql,mariadb] ...
#        (see --help). BENCH_HEAP (default 2g) sets the heap. BENCH_JFR=file.jfr records a JFR profile of the run;
#        then the converter's share of each sink task's CPU:
#        java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.ctsync.bench.converter.ConverterCpuShare file.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests
if [[ " $* " == *avro* ]] && ! ls benchmarks/target/apicurio/*-runner.jar >/dev/null 2>&1; then
  # A real Apicurio Registry (in-memory) for the Avro runs, from Maven Central.
  version=$(sed -n "s:.*<apicurio.registry.version>\(.*\)</apicurio.registry.version>.*:\1:p" pom.xml)
  # Resolved outside the project: the app's parent POM is not on Maven Central, and inside a project Maven
  # insists on reading it.
  target="$PWD/benchmarks/target/apicurio"
  (cd "$(mktemp -d)" && mvn -B -ntp -q dependency:copy -Dartifact="io.apicurio:apicurio-registry-app:${version}:tar.gz:all" \
    -DoutputDirectory="$target")
  tar xzf benchmarks/target/apicurio/apicurio-registry-app-*-all.tar.gz -C benchmarks/target/apicurio
fi
jfr=()
if [[ -n "${BENCH_JFR:-}" ]]; then
  jfr=(-XX:StartFlightRecording=filename="$BENCH_JFR",settings=profile -XX:FlightRecorderOptions=stackdepth=256)
fi
exec java ${jfr[@]+"${jfr[@]}"} -Xms"${BENCH_HEAP:-2g}" -Xmx"${BENCH_HEAP:-2g}" -XX:+UseG1GC \
  -Dlog4j2.configurationFile=log4j2-bench.xml \
  -Dctsync.bench.debezium.plugin.dir=benchmarks/debezium-jdbc-plugin/target/plugin \
  -Dctsync.bench.apicurio.dir=benchmarks/target/apicurio \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  io.ctsync.bench.SinkBenchmark "$@"
