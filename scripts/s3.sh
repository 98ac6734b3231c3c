#!/usr/bin/env bash
# Starts (once) the local S3-compatible object store (versitygw, built by
# `make versitygw`) on loopback and prints the settings that point the app
# at it, one NAME=value per line. Used by `make run`.
set -euo pipefail
bin=${IGNITION_VERSITYGW:?run make versitygw first}
root=${IGNITION_S3_ROOT:-/tmp/ignition-s3-$(id -u)}
port=${IGNITION_S3_PORT:-57070}
access=ignition-dev
secret=ignition-dev-secret
mkdir -p "$root/data"
if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  nohup "$bin" -q --access "$access" --secret "$secret" --port "127.0.0.1:$port" posix "$root/data" >"$root/log" 2>&1 &
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "versitygw did not start; see $root/log" >&2; exit 1; }
fi
echo "IGNITION_S3_ENDPOINT=http://127.0.0.1:$port"
echo "IGNITION_S3_ACCESS_KEY=$access"
echo "IGNITION_S3_SECRET_KEY=$secret"
