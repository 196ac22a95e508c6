#!/usr/bin/env python3
"""Writes signed POST /discord/interactions requests for wrk (see run.sh).

Signs with the RFC 8032 TEST 1 seed; the bot under test trusts its public key. Each command request has its
own interaction id (the bot answers an id once), so it needs its own signature: they are made up front, so
signing costs nothing during the run.
"""
import json
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
KEY = Ed25519PrivateKey.from_private_bytes(SEED)
TIMESTAMP = "1608597133"


def signed(body: str, bad: bool = False):
    signature = KEY.sign((TIMESTAMP + body).encode()).hex()
    if bad:
        signature = signature[:-2] + ("00" if signature[-2:] != "00" else "01")
    return {"body": body, "sig": signature, "ts": TIMESTAMP}


def command(i: int, name: str, options):
    return json.dumps({
        "id": str(900000000000000000 + i), "application_id": "123", "type": 2, "token": f"tok{i}", "version": 1,
        "channel_id": "645027906669510667", "guild_id": "290926798626357999",
        "member": {"user": {"id": "53908232506183680", "username": "Mason"}},
        "data": {"id": "771825006014889984", "name": name, "type": 1, "options": options},
    }, separators=(",", ":"))


def main():
    scenario, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(out, "w") as f:
        for i in range(count):
            if scenario == "ping":
                r = signed('{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}')
            elif scenario == "bad-signature":
                r = signed(command(i, "who-left", []), bad=True)
            elif scenario == "who-left":
                r = signed(command(i, "who-left", []))
            elif scenario == "autocomplete":
                body = json.dumps({"id": str(800000000000000000 + i), "application_id": "123", "type": 4, "token": f"a{i}",
                                   "version": 1, "data": {"id": "1", "name": "reaction", "type": 1,
                                   "options": [{"type": 3, "name": "who", "value": "cor", "focused": True}]}},
                                  separators=(",", ":"))
                r = signed(body)
            else:
                raise SystemExit(f"unknown scenario {scenario}")
            # One request per line: signature, timestamp, body (the body has no newline or tab).
            f.write(f"{r['sig']}\t{r['ts']}\t{r['body']}\n")


if __name__ == "__main__":
    main()
