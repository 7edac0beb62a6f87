#!/usr/bin/env bash
# What the tests need beyond the .NET SDK, installed from Debian when missing, so that `dotnet test` alone
# runs on a fresh machine. Called by the test project's build (EnsureTestPrerequisites in its .csproj).
#   chromium       the browser tests drive Debian's /usr/bin/chromium (Playwright never downloads one), with the
#                  fonts it recommends (the only recommendation the pages need: no other package's recommendations
#                  are taken, so docker-compose brings no docker.io and python3-kafka no codec)
#   docker-compose the publish tests validate the generated compose file with `docker-compose config`
#   python3-kafka  kafka-python 2.0.2, V2's own client, reads our topics (installed without codec libraries)
# and from npm, by the lock file beside this script (Node.js/npm are on the machine for the Web project already):
#   s3rver         the S3-compatible server the lake's upload tests write to
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/node_modules/.bin/s3rver" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: the tests need s3rver from npm, and this machine has no npm: install Node.js (npm), then run dotnet test again." >&2
    exit 1
  fi
  echo "Installing what the tests need from npm: s3rver"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -f /usr/lib/python3/dist-packages/kafka/__init__.py ] || missing+=(python3-kafka)
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: the tests need ${missing[*]} (Debian package names), and this machine has no apt-get: install them, then run dotnet test again." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "error: the tests need ${missing[*]}. Run once: sudo sh -c '$command'" >&2
  exit 1
fi

echo "Installing what the tests need: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
