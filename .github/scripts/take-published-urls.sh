#!/bin/sh
# Adds to urls.txt, before a deploy's build, the lines main's urls.txt holds and the checkout lacks.
#
# usage: take-published-urls.sh CONTENT_DIR
#   run at the root of a clone whose origin/main is as fetched when the run started.
#
# Deploys of main wait for each other, but each builds the commit that started it. One started
# before an earlier deploy committed its URLs back does not know them: an article that deploy
# published and this commit removes would go offline without a word, the check of its removal
# skipped, and main left with a urls.txt that every later check refuses. With main's lines taken,
# the build checks this commit against every URL published, and refuses such a removal at its
# line. urls.txt only grows (URLs, `!` lines, notes), so what main holds and this commit lacks
# is added after this commit's own lines; the commit of urls.txt then rebases onto main as ever.
set -eu

file=$1/urls.txt
branch=${PUBLISH_BRANCH:-main}
newest=$(mktemp)
trap 'rm -f "$newest"' EXIT

if ! git show "origin/$branch:$file" >"$newest" 2>/dev/null; then
  echo "urls.txt: $branch has none yet"
  exit 0
fi
[ -e "$file" ] || : >"$file"
missing=$(awk 'NR == FNR { have[$0] = 1; next } $0 != "" && !($0 in have) && !seen[$0]++' "$file" "$newest")
if [ -z "$missing" ]; then
  echo "urls.txt: every URL $branch lists is here"
  exit 0
fi
# A last line without its newline would be joined to the first one added.
if [ -s "$file" ] && [ -n "$(tail -c 1 "$file")" ]; then echo >>"$file"; fi
printf '%s\n' "$missing" >>"$file"
echo "urls.txt: $(printf '%s\n' "$missing" | wc -l | tr -d ' ') line(s) taken from $branch, recorded by deploys since this commit"
