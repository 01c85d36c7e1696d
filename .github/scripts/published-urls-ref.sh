#!/bin/sh
# Sourced by take-published-urls.sh and commit-published-urls.sh: where the URLs published live,
# and how they are fetched.
#
# main's urls.txt lists every URL a deploy published, but a reset or force-push of main rewrites
# it too. So each deploy also keeps the URLs it published under a ref of their own,
# refs/depeche/published-urls: one file, urls.txt, one URL a line, only ever added to, by
# fast-forward pushes (a force-push of main leaves it; a clone fetches only branches and tags, so
# editors never see it). A deploy's build checks main's lines and that ref's URLs, so that a URL
# published once is never dropped without a word.

. "$(dirname "$0")/github-auth.sh"

branch=${PUBLISH_BRANCH:-main}
published_ref=refs/depeche/published-urls
# This run's own copies, never origin/main: actions/checkout, when main moved since the push,
# fetches the pushed commit itself into origin/main (fetch-depth 0 or not), which then says
# nothing of what deploys recorded since.
fetched_main=refs/depeche-fetched/$branch
fetched_published=refs/depeche-fetched/published-urls

# Fetches main's tip and the published URLs' ref (absent until a first deploy records it: the
# pattern then matches nothing, and that is no error). On failure, git's output is on stderr
# and the status is non-zero.
fetch_published() {
  git fetch --quiet --no-tags origin "+refs/heads/$branch:$fetched_main" "+refs/depeche/*:refs/depeche-fetched/*"
}

# An awk function: the URL a line of urls.txt holds, its first word, after a `!` for a removal
# (src/content/url-manifest.ts reads them so); "" for a blank line or a comment.
url_of_line='
function url_of(line,  words) {
  sub(/^[ \t\r]+/, "", line)
  if (line == "" || substr(line, 1, 1) == "#") return ""
  if (substr(line, 1, 1) == "!") { line = substr(line, 2); sub(/^[ \t\r]+/, "", line) }
  split(line, words, /[ \t\r]+/)
  return words[1]
}
function is_removal(line) { sub(/^[ \t\r]+/, "", line); return substr(line, 1, 1) == "!" }'
