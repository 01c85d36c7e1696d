#!/bin/sh
# Sourced by the scripts that fetch from or push to GitHub: gives git the workflow's token
# ($GITHUB_TOKEN), as actions/checkout does when it keeps credentials (an `http.extraheader` for
# the server), but in this process's environment only (GIT_CONFIG_COUNT, git 2.31 and later):
# never in .git/config, which outlives the step, nor on a command line or in the log. Without
# $GITHUB_TOKEN (a clone on a machine, the tests) git uses what it would anyway.
if [ -n "${GITHUB_TOKEN:-}" ]; then
  auth_index=${GIT_CONFIG_COUNT:-0}
  export GIT_CONFIG_COUNT=$((auth_index + 1))
  export "GIT_CONFIG_KEY_$auth_index=http.${GITHUB_SERVER_URL:-https://github.com}/.extraheader"
  export "GIT_CONFIG_VALUE_$auth_index=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$GITHUB_TOKEN" | base64 | tr -d '\n')"
fi
