#!/usr/bin/env bash
# Load test for POST /discord/interactions: the real host (HTTP interactions only, Release build) pinned to
# one core, wrk pinned to the other. Needs wrk (apt-get install wrk) and python3 with `cryptography`.
# Usage: bench/discord/run.sh [seconds per scenario, default 10] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}
CONNECTIONS=${2:-32}
PORT=${PORT:-5091}
WORK=$(mktemp -d)
trap 'if [[ -n "${SERVER:-}" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

dotnet build src/Bot.Host -c Release -o "$WORK/bin" -v quiet -nologo >/dev/null

# Commands need a fresh interaction id (and so a fresh signature) per request; PING and rejects do not.
python3 bench/discord/make_requests.py ping 1 "$WORK/ping.txt"
python3 bench/discord/make_requests.py bad-signature 1 "$WORK/bad-signature.txt"
python3 bench/discord/make_requests.py who-left "${COMMAND_REQUESTS:-200000}" "$WORK/who-left.txt"
python3 bench/discord/make_requests.py autocomplete "${COMMAND_REQUESTS:-200000}" "$WORK/autocomplete.txt"

Discord__PublicKey=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a \
Discord__ApplicationId=123 \
Discord__Token= \
Urls="http://127.0.0.1:$PORT" \
Logging__LogLevel__Default=Warning \
DOTNET_gcServer=0 \
  taskset -c 0 dotnet "$WORK/bin/Bot.Host.dll" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done
rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$SERVER/status"; echo; }
echo "server pid $SERVER, after start: $(rss)"

for scenario in ping who-left autocomplete bad-signature; do
  # Warm up (JIT, tiered compilation), then measure.
  REQUESTS_FILE="$WORK/$scenario.txt" taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s -s bench/discord/signed.lua "http://127.0.0.1:$PORT" >/dev/null
  printf '%-14s ' "$scenario"
  REQUESTS_FILE="$WORK/$scenario.txt" taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/discord/signed.lua "http://127.0.0.1:$PORT" | grep p50_ms | tr -d '\n'
  echo "  $(rss)"
done
echo "--- status check (one request each) ---"
for scenario in ping who-left autocomplete bad-signature; do
  IFS=$'\t' read -r sig ts body < <(tail -n 1 "$WORK/$scenario.txt")
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-Signature-Ed25519: $sig" -H "X-Signature-Timestamp: $ts" --data-binary "$body" "http://127.0.0.1:$PORT/discord/interactions")
  echo "$scenario -> HTTP $code"
done
