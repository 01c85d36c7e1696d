#!/bin/sh
# Adds to urls.txt, before a deploy's build, the lines main's urls.txt holds and the checkout
# lacks, and the URLs published (refs/depeche/published-urls) that neither mentions.
#
# usage: take-published-urls.sh CONTENT_DIR
#   run at the root of a clone of the repository (origin), with $GITHUB_TOKEN in the workflow.
#
# Deploys of main wait for each other, but each builds the commit that started it. One started
# before an earlier deploy committed its URLs back does not know them: an article that deploy
# published and this commit removes would go offline without a word, the check of its removal
# skipped, and main left with a urls.txt that every later check refuses. With main's lines taken,
# the build checks this commit against every URL published, and refuses such a removal at its
# line. urls.txt only grows (URLs, `!` lines, notes), so what main holds and this commit lacks
# is added after this commit's own lines; the commit of urls.txt then rebases onto main as ever.
# A reset or force-push of main may have dropped lines: the URLs the published ref keeps and
# neither this commit nor main mentions (as published or removed with `!`) are added too.
#
# main is fetched here, as it is now: if it can't be, nothing is built (exit 1), since a build
# without the URLs published would let an article go offline unchecked.
set -eu

. "$(dirname "$0")/published-urls-ref.sh"

file=$1/urls.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! fetch_published 2>"$work/fetch.log"; then
  cat "$work/fetch.log" >&2
  echo "urls.txt: could not fetch $branch from origin, to take the URLs deployed since this commit; nothing is built or deployed (run the workflow again once origin answers)" >&2
  exit 1
fi
git show "$fetched_main:$file" >"$work/main" 2>/dev/null || : >"$work/main"
git show "$fetched_published:urls.txt" >"$work/published" 2>/dev/null || : >"$work/published"
if [ ! -s "$work/main" ] && [ ! -s "$work/published" ]; then
  echo "urls.txt: $branch has none yet"
  exit 0
fi
[ -e "$file" ] || : >"$file"

# Appends these lines, after a last line left without its newline.
append() {
  if [ -s "$file" ] && [ -n "$(tail -c 1 "$file")" ]; then echo >>"$file"; fi
  cat "$1" >>"$file"
}

awk 'NR == FNR { have[$0] = 1; next } $0 != "" && !($0 in have) && !seen[$0]++' "$file" "$work/main" >"$work/from-main"
if [ -s "$work/from-main" ]; then
  append "$work/from-main"
  echo "urls.txt: $(wc -l <"$work/from-main" | tr -d ' ') line(s) taken from $branch, recorded by deploys since this commit"
fi
# Every URL this urls.txt now mentions, published or removed: the published ref's others.
awk "$url_of_line"'
  part == 1 { u = url_of($0); if (u != "") have[u] = 1; next }
  { u = url_of($0); if (u != "" && !(u in have)) { have[u] = 1; print u } }' part=1 "$file" part=2 "$work/published" >"$work/from-ref"
if [ -s "$work/from-ref" ]; then
  append "$work/from-ref"
  echo "urls.txt: $(wc -l <"$work/from-ref" | tr -d ' ') URL(s) published by earlier deploys that $branch's urls.txt no longer lists (was $branch reset or force-pushed?) taken from $published_ref: the build checks them as published"
fi
if [ ! -s "$work/from-main" ] && [ ! -s "$work/from-ref" ]; then
  echo "urls.txt: every URL $branch lists is here"
fi
