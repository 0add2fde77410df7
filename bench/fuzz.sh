#!/usr/bin/env bash
# A long run of the fuzz suite (lineage.server.api.FuzzIT) against a server on a real PostgreSQL.
# Arguments: [requests] [seed], default 100,000 and a new seed (printed first; give it again to replay a run).
# The database: LINEAGE_TEST_DB_URL / _USER / _PASSWORD as in .ci/run (unset: an embedded PostgreSQL).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"
requests="${1:-100000}"
seed="${2:-$(date +%s%3N)}"
echo "fuzz: ${requests} requests, seed ${seed}"
mvn -B -pl lineage-server -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FuzzIT \
    -Dspotless.check.skip=true -Dfuzz.requests="${requests}" -Dfuzz.seed="${seed}"
