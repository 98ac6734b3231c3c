#!/usr/bin/env bash
# Vendors htmx from its npm package into assets/vendor, refusing a tarball whose
# SHA-512 does not match the pinned integrity.
set -euo pipefail
version=2.0.11
integrity='sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=='
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "htmx.org@$version" >/dev/null)
tgz="$tmp/htmx.org-$version.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$integrity" ]; then
  echo "htmx.org@$version: integrity mismatch: got $got" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$tmp" package/dist/htmx.min.js
cp "$tmp/package/dist/htmx.min.js" "$root/assets/vendor/htmx.min.js"
echo "vendored htmx.org@$version"
