#!/usr/bin/env bash
# Cold-process cost of a one-shot `ask`, against a .NET hello-world, both published in Release.
# Needs hyperfine (apt-get install hyperfine). Run from anywhere; prints hyperfine's table.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
dotnet publish "$root/src/Bot.Host" -c Release -o "$out/bot" >/dev/null
dotnet publish "$here/HelloWorld" -c Release -o "$out/hello" >/dev/null
hyperfine --warmup 3 --runs "${RUNS:-30}" -N \
  --command-name hello-world "$out/hello/HelloWorld" \
  --command-name 'ask /who-left' "$out/bot/Bot.Host ask /who-left" \
  --command-name 'ask question' "$out/bot/Bot.Host ask \"why did they quit?\""
rm -rf "$out"
