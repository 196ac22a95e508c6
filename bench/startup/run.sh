#!/usr/bin/env bash
# Cold-process cost of a one-shot `ask`, against a .NET hello-world published the same way (Release, ReadyToRun,
# framework-dependent, for this machine's RID, as Bot.Host.csproj publishes). Needs hyperfine
# (apt-get install hyperfine). Run from anywhere; prints hyperfine's table.
#   RUNS=40       launches per command (default 30)
#   OUT=/tmp/pub  publish into this folder and keep it (default: a temporary folder, removed at the end)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bot=${OUT:-$work/bot}
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')

dotnet publish "$root/src/Bot.Host" -c Release -o "$bot" -v q -nologo >/dev/null
dotnet publish "$here/HelloWorld" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
  -o "$work/hello" -v q -nologo >/dev/null
echo "published Bot.Host: $(du -sh "$bot" | cut -f1) in $bot" >&2

# A question loads the sentence model (ONNX Runtime) and reads the example vectors from the embedding cache
# (~/.cache/factbot, keyed by content). The warm-up launches fill the cache, so every timed run finds it warm:
# this is a second start, not the very first one on a machine.
hyperfine --warmup 3 --runs "${RUNS:-30}" -N \
  --command-name hello-world "$work/hello/HelloWorld" \
  --command-name 'ask /who-left' "$bot/Bot.Host ask /who-left" \
  --command-name 'ask question, words only' "$bot/Bot.Host ask --Content:ModelPath=none \"why did they leave?\"" \
  --command-name 'ask question' "$bot/Bot.Host ask \"why did they leave?\""
