#!/usr/bin/env bash
# Builds lineage-sdk and runs its example against the lineage server (bin/lineage-server, http://localhost:5000).
# Usage: lineage-sdk/run-example.sh [main class], default lineage.sdk.examples.QuickStart.
# MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to build offline); OPENLINEAGE_URL points elsewhere.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="${repo_root}/lineage-sdk"
main_class="${1:-lineage.sdk.examples.QuickStart}"
read -r -a maven_args <<<"${MVN_ARGS:-}"
classpath_file="$(mktemp)"
trap 'rm -f "${classpath_file}"' EXIT

cd "${repo_root}"
# The sdk's test classpath holds the examples; -am builds sql-parser (and lineage-server, a test dependency).
mvn -q "${maven_args[@]}" -pl lineage-sdk -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
    -Dmdep.includeScope=test -Dmdep.outputFile="${classpath_file}"

exec "${JAVA_HOME:+${JAVA_HOME}/bin/}java" \
    -cp "${module}/target/test-classes:${module}/target/classes:$(cat "${classpath_file}")" "${main_class}"
