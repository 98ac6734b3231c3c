#!/usr/bin/env bash
# Starts (once) the local Neo4j Community server that `make neo4j` builds,
# on loopback, and prints its Bolt URL. Used by `make run NEO4J=1`.
set -euo pipefail
home=${IGNITION_NEO4J_HOME:?run make neo4j first}
root=${IGNITION_NEO4J_ROOT:-/tmp/ignition-neo4j-$(id -u)}
port=${IGNITION_NEO4J_PORT:-57687}
mkdir -p "$root"
if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  nohup java -Xmx512m -cp "$home/launcher.jar:$home/lib/*" ignition.Launcher "$root/data" "$port" >"$root/log" 2>&1 &
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "Neo4j did not start; see $root/log" >&2; exit 1; }
fi
echo "bolt://127.0.0.1:$port"
