#!/usr/bin/env bash
# Load test for POST /slack/events: the real host in HTTP mode pinned to one core, the load generator on
# another. Usage: bench/slack/run.sh [connections=32] [seconds=15] [--baseline]
# MODEL_PATH=none runs the bot without its sentence model (Content:ModelPath); unset, it loads the shipped one.
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
  Content__ModelPath="${MODEL_PATH:-}" Logging__LogLevel__Default=Error Urls="http://127.0.0.1:$port" DOTNET_gcServer=0 \
  taskset -c 0 dotnet src/Bot.Host/bin/Release/net10.0/Bot.Host.dll 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

# Ready once the sentence model has loaded (in the background: commands are answered before that).
for _ in $(seq 1 300); do
  if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
echo "$(curl -s "http://127.0.0.1:$port/readyz" | grep sentence-model)" >&2
echo "server pid $server, idle RSS $(awk '/^VmRSS/ {print $2}' /proc/$server/status) kB, peak $(awk '/^VmHWM/ {print $2}' /proc/$server/status) kB" >&2

taskset -c 1 dotnet bench/slack/SlackLoad/bin/Release/net10.0/SlackLoad.dll \
  --url "http://127.0.0.1:$port" --connections "$connections" --duration "$seconds" --secret "$secret" --pid "$server" $baseline
