#!/usr/bin/env bash
# Runs the sql-parser JMH benchmark (lineage.sql.bench.SqlLineageBenchmark) from any directory.
# Extra arguments go to JMH, e.g. a quick run: bench/sql-parser-benchmark.sh -wi 1 -i 1 -w 1 -r 1
# MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to build offline).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="${repo_root}/sql-parser"
java_command="${JAVA_HOME:+${JAVA_HOME}/bin/}java"
read -r -a maven_args <<<"${MVN_ARGS:-}"
classpath_file="$(mktemp)"
trap 'rm -f "${classpath_file}"' EXIT

echo "cores (nproc): $(nproc)"
cd "${repo_root}"
mvn -q "${maven_args[@]}" -pl sql-parser -am test-compile -Dspotless.check.skip=true
mvn -q "${maven_args[@]}" -pl sql-parser dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="${classpath_file}"

"${java_command}" \
    -cp "${module}/target/test-classes:${module}/target/classes:$(cat "${classpath_file}")" \
    org.openjdk.jmh.Main SqlLineageBenchmark "$@"
