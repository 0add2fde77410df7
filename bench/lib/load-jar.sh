# Sourced by the benchmark scripts. load_jar prints the path of the load generators' jar (the bench/load module:
# LoadGenerator, TrinoIngestLoad, ImpactGraph, ImpactLoad), built first when it is missing or older than its sources.
# MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to build offline).
load_jar() {
  local root module jar
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  module="$root/bench/load"
  jar="$module/target/lineage-bench-load.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$module/src" "$module/pom.xml" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
    # shellcheck disable=SC2086 # MVN_ARGS holds several options
    mvn -q -B ${MVN_ARGS:-} -f "$module/pom.xml" package >&2
  fi
  echo "$jar"
}
