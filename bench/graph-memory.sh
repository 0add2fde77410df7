#!/usr/bin/env bash
# Heap taken by the server's in-memory lineage graph (lineage.server.bench.GraphMemory).
# Arguments: [datasets] [edges], default 1,000,000 and 1,000,000. GRAPH_HEAP sets -Xmx (default 4g).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$(mktemp)"
trap 'rm -f "${classpath_file}"' EXIT
cd "${repo_root}"
# One invocation: dependency:build-classpath alone cannot resolve sql-parser from the reactor (Maven 3.8) unless it was
# installed; after test-compile it can. Each module writes the file; lineage-server, built last, writes it last.
mvn -q -pl lineage-server -am test-compile dependency:build-classpath -Dspotless.check.skip=true -Dweb.skip=true \
    -Dmdep.includeScope=test -Dmdep.outputFile="${classpath_file}"
java -Xmx"${GRAPH_HEAP:-4g}" -XX:+UseG1GC \
    -cp "lineage-server/target/test-classes:lineage-server/target/classes:$(cat "${classpath_file}")" \
    lineage.server.bench.GraphMemory "$@"
