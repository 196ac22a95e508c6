#!/usr/bin/env bash
# Cold start of the SERVICE to its first answer: from launching the published Bot.Host with Slack HTTP mode configured
# until the first signed `POST /slack/events` slash command `/who-left` returns 200 with its answer, and until
# `GET /healthz` first answers 200. Fake but well-formed Slack settings; the Web API base points at a closed local
# port, so nothing leaves the machine. Needs only dotnet and python3.
#   RUNS=10          launches (default 10)
#   OUT=/tmp/coldpub publish into this folder (default /tmp/coldpub); NOPUBLISH=1 uses what is there
#   POLL_MS=3        polling interval in ms (default 3)
#   EXTRA="--Content:ModelPath=none"  more arguments for Bot.Host
# Prints each launch, then median / min / max in ms. The sentence model loads in the background after start-up and
# writes the embedding cache (~/.cache/factbot) on the first launch; the first launch is a warm-up and not counted.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-/tmp/coldpub}

if [[ -z "${NOPUBLISH:-}" ]]; then
  dotnet publish "$root/src/Bot.Host" -c Release -o "$out" -v q -nologo >/dev/null
fi
echo "published Bot.Host in $out; $(uptime)" >&2

exec python3 - "$out/Bot.Host" "${RUNS:-10}" "${POLL_MS:-3}" ${EXTRA:-} <<'PY'
import hashlib, hmac, http.client, os, signal, socket, statistics, subprocess, sys, time

binary, runs, poll_ms = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
extra = sys.argv[4:]
secret = "0123456789abcdef0123456789abcdef"  # fake signing secret
body = ("token=x&team_id=T0001&team_domain=bench&channel_id=C0001&channel_name=general&user_id=U0001&user_name=bench"
        "&command=%2Fwho-left&text=&api_app_id=A0001&trigger_id=1.2.3"
        "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fcommands%2Fresponse").encode()

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def request(port, method, path, payload=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request(method, path, body=payload, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()

def signed_headers():
    ts = str(int(time.time()))
    mac = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": "v0=" + mac}

def launch():
    port, closed = free_port(), free_port()  # `closed`: nothing listens there (the fake Slack Web API)
    env = dict(os.environ, Slack__SigningSecret=secret, Slack__BotToken="xoxb-0000-0000-fake",
               Slack__ApiBaseUrl=f"http://127.0.0.1:{closed}/api/", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    for k in ("Slack__AppToken", "Discord__Token", "Discord__PublicKey", "Redis__Configuration", "OTEL_EXPORTER_OTLP_ENDPOINT"):
        env.pop(k, None)
    log = open("/tmp/coldstart-service.log", "ab")
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "--urls", f"http://127.0.0.1:{port}", *extra], env=env,
                            stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    health = answer = None
    reply = b""
    try:
        while answer is None:
            if proc.poll() is not None:
                raise SystemExit(f"Bot.Host exited with {proc.returncode}; see /tmp/coldstart-service.log")
            if time.perf_counter() - start > 30:
                raise SystemExit("no answer within 30 s")
            try:
                if health is None:
                    status, _ = request(port, "GET", "/healthz")
                    if status == 200:
                        health = time.perf_counter() - start
                if health is not None:
                    status, reply = request(port, "POST", "/slack/events", body, signed_headers())
                    if status == 200:
                        answer = time.perf_counter() - start
                        break
                    raise SystemExit(f"/slack/events answered {status}: {reply[:200]!r}")
            except (OSError, http.client.HTTPException):
                pass  # not listening yet
            time.sleep(poll_ms / 1000)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    if b"who-left" not in reply.lower() and b"left" not in reply.lower():
        raise SystemExit(f"unexpected answer: {reply[:300]!r}")
    return health * 1000, answer * 1000, reply

launch()  # warm-up: page cache, embedding cache
healths, answers = [], []
for i in range(runs):
    h, a, reply = launch()
    healths.append(h)
    answers.append(a)
    print(f"launch {i + 1:2}: /healthz {h:7.1f} ms   first answer {a:7.1f} ms   ({len(reply)} bytes)", flush=True)

def summary(name, xs):
    print(f"{name:30} median {statistics.median(xs):7.1f}  min {min(xs):7.1f}  max {max(xs):7.1f} ms  (n={len(xs)})")

summary("launch -> /healthz 200", healths)
summary("launch -> first /who-left 200", answers)
print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
PY
