#!/usr/bin/env bash
# lineage-sdk benchmarks, from any directory:
#   1. JMH (lineage.sdk.bench.EmitterBenchmark, SampleTime): what emitting costs the job's thread, per event.
#   2. Sustained throughput (lineage.sdk.bench.SdkThroughput): to an in-process stub that stores nothing (the SDK's own
#      capacity), then to the lineage server at LINEAGE_URL (default http://localhost:5000, e.g. bin/lineage-server)
#      when it answers /health.
# Extra arguments go to JMH, e.g. a quick run: bench/sdk-benchmark.sh -wi 1 -i 1 -w 1 -r 1
# MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to build offline); THROUGHPUT_ARGS adds SdkThroughput options
# (e.g. "--events 10000 --batch-size 500 --rounds 3").
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="${repo_root}/lineage-sdk"
java_command="${JAVA_HOME:+${JAVA_HOME}/bin/}java"
lineage_url="${LINEAGE_URL:-http://localhost:5000}"
read -r -a maven_args <<<"${MVN_ARGS:-}"
read -r -a throughput_args <<<"${THROUGHPUT_ARGS:-}"
classpath_file="$(mktemp)"
trap 'rm -f "${classpath_file}"' EXIT

echo "cores (nproc): $(nproc)"
cd "${repo_root}"
# -am builds sql-parser and lineage-server (a test dependency of the sdk); the last module written is lineage-sdk's.
mvn -q "${maven_args[@]}" -pl lineage-sdk -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
    -Dmdep.includeScope=test -Dmdep.outputFile="${classpath_file}"
classpath="${module}/target/test-classes:${module}/target/classes:$(cat "${classpath_file}")"

"${java_command}" -cp "${classpath}" org.openjdk.jmh.Main EmitterBenchmark "$@"

echo "== sustained throughput to an in-process stub (the SDK's own capacity)"
"${java_command}" -Xmx2g -cp "${classpath}" lineage.sdk.bench.SdkThroughput --stub "${throughput_args[@]}"

if curl -fsS "${lineage_url}/health" >/dev/null 2>&1; then
    echo "== sustained throughput to the lineage server at ${lineage_url}"
    "${java_command}" -Xmx2g -cp "${classpath}" lineage.sdk.bench.SdkThroughput --url "${lineage_url}" \
        --events 10000 "${throughput_args[@]}"
else
    echo "== no lineage server answers ${lineage_url}/health: start bin/lineage-server (or set LINEAGE_URL) for the server run"
fi
