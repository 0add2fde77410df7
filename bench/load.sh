#!/usr/bin/env bash
# Runs one of the benchmarks' load generators against a running server, building their jar (bench/load) first when it
# is missing or stale, e.g. bench/load.sh LoadGenerator --jobs 2000 --phases single,batch,lineage. The programs:
# LoadGenerator (OpenLineage ingestion and lineage queries), TrinoIngestLoad (Trino events), ImpactGraph (the impact
# benchmark's graph, through the API) and ImpactLoad (impact queries); each one's options are in its Javadoc.
set -euo pipefail
# shellcheck source=lib/load-jar.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/load-jar.sh"
program=${1:?usage: bench/load.sh LoadGenerator|TrinoIngestLoad|ImpactGraph|ImpactLoad [--option value ...]}
shift
jar=$(load_jar)
exec java -cp "$jar" "lineage.bench.$program" "$@"
