#!/usr/bin/env bash
# Heap taken by the server's in-memory lineage graph (lineage.server.bench.GraphMemory).
# Arguments: [datasets] [edges], default 1,000,000 and 1,000,000. GRAPH_HEAP sets -Xmx (default 4g).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$(mktemp)"
trap 'rm -f "${classpath_file}"' EXIT
cd "${repo_root}"
mvn -q -pl lineage-server -am test-compile -Dspotless.check.skip=true
mvn -q -pl lineage-server -am dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="${classpath_file}"
java -Xmx"${GRAPH_HEAP:-4g}" -XX:+UseG1GC \
    -cp "lineage-server/target/test-classes:lineage-server/target/classes:$(cat "${classpath_file}")" \
    lineage.server.bench.GraphMemory "$@"
