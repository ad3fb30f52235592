#!/usr/bin/env bash
# The fake `fly` as tests put it on PATH: forwards the call to the fake's server (fly.mjs serve())
# on FAKE_FLY_PORT and replays its answer. See fly.mjs for the protocol.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${FAKE_FLY_PORT:?}"
# Keep a trailing newline of stdin: the x is removed after the substitution.
input=$(cat; printf x)
printf '%s\0' "$PWD" "${FAKE_FLY_STATE:?}" "${FAKE_FLY_FAIL_AT:-}" "$#" "$@" "${input%x}" >&3
IFS= read -r -d '' code <&3
IFS= read -r -d '' stdout <&3 || true
IFS= read -r -d '' stderr <&3 || true
printf '%s' "$stdout"
printf '%s' "$stderr" >&2
exit "$code"
