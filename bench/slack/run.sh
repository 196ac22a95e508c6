#!/usr/bin/env bash
# Load test for POST /slack/events: the real host in HTTP mode pinned to one core, the load generator on
# another. Usage: bench/slack/run.sh [connections=32] [seconds=15] [--baseline]
set -euo pipefail
cd "$(dirname "$0")/../.."
connections="${1:-32}"
seconds="${2:-15}"
baseline="${3:-}"
port=5080
secret=bench-signing-secret

dotnet build -c Release src/Bot.Host -v q -nologo | grep -E " error " && exit 1 || true
dotnet build -c Release bench/slack/SlackLoad -v q -nologo | grep -E " error " && exit 1 || true

# Nothing on the ack path calls Slack; the API base points at a closed port so the start-up auth.test fails fast.
Slack__BotToken=xoxb-bench Slack__SigningSecret="$secret" Slack__ApiBaseUrl=http://127.0.0.1:9/api/ \
  Logging__LogLevel__Default=Error Urls="http://127.0.0.1:$port" DOTNET_gcServer=0 \
  taskset -c 0 dotnet src/Bot.Host/bin/Release/net10.0/Bot.Host.dll 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
echo "server pid $server, idle RSS $(grep VmRSS /proc/$server/status | awk '{print $2}') kB" >&2

taskset -c 1 dotnet bench/slack/SlackLoad/bin/Release/net10.0/SlackLoad.dll \
  --url "http://127.0.0.1:$port" --connections "$connections" --duration "$seconds" --secret "$secret" --pid "$server" $baseline
