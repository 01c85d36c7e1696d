#!/bin/sh
# Commits the URLs a deploy from main recorded in urls.txt back to main, racing editors' pushes.
#
# usage: commit-published-urls.sh DEPLOYED_COMMIT CONTENT_DIR RECORD_COMMAND
#   run in a clone whose working tree is DEPLOYED_COMMIT with urls.txt as the deploy recorded it;
#   RECORD_COMMAND is run by sh with a content folder as $1, and records that folder's URLs
#   (`depeche build --record-urls --content "$1" …`), at the deploy build's time (the workflow
#   sets SOURCE_DATE_EPOCH for both).
#
# The commit says [skip ci]: it changes no page, so it must not start another deploy. A push
# rejected because main moved is rebased and tried again, a bounded number of times. When the
# rebase meets a conflict in urls.txt (only deploys write it, save editors' comments and `!`
# lines), the text is never merged: the deployed articles are recorded again into main's newest
# urls.txt, so main gets exactly the URLs this deploy shipped, whatever the other side added.
# A push that had to be rebased says so in one line; git's own output is shown only when a push
# fails for another reason (a protected branch, a token without the right).
#
# Once main lists them, the URLs are added to refs/depeche/published-urls too (see
# published-urls-ref.sh), which a reset or force-push of main leaves as it is.
set -eu

. "$(dirname "$0")/published-urls-ref.sh"

deployed=$1
content=$2
record=$3
file=$content/urls.txt
attempts=${PUBLISH_ATTEMPTS:-5}
message="Published URLs: recorded by the deploy of $(git rev-parse --short "$deployed") [skip ci]"
# A runner has no git identity, and a rebase writes commits too.
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-github-actions[bot]}"
export GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}"
export GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME}"
export GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}"

commit_if_changed() {
  # An archive with no article published yet has no urls.txt.
  [ -e "$file" ] || return 1
  git add -- "$file"
  if git diff --cached --quiet -- "$file"; then return 1; fi
  git commit --quiet -m "$message" -- "$file"
}

# The deployed articles recorded into the urls.txt of main as it is now, committed on top of it.
record_again() {
  tree=$(mktemp -d)
  git worktree add --quiet --detach "$tree/deployed" "$deployed"
  if git cat-file -e "origin/$branch:$file" 2>/dev/null; then
    git show "origin/$branch:$file" >"$tree/deployed/$file"
  else
    rm -f "$tree/deployed/$file"
  fi
  # Its diagnostics are the deploy build's, told already (or of the deployed tree beside main's
  # newer urls.txt): kept out of the log and its annotations, unless it fails.
  if ! sh -c "$record" record "$tree/deployed/$content" >"$tree/record.log" 2>&1; then
    cat "$tree/record.log" >&2
    echo "urls.txt: the deployed articles could not be recorded again; the site is not deployed" >&2
    exit 1
  fi
  git reset --quiet --hard "origin/$branch"
  if [ -f "$tree/deployed/$file" ]; then cp "$tree/deployed/$file" "$file"; fi
  git worktree remove --force "$tree/deployed"
  rm -rf "$tree"
  commit_if_changed || true
}

# Pushes $1 to the ref $2 of origin (never forcing); fails when origin refused it, with `moved`
# in $work/push.why when the ref moved meanwhile (a retry may do), and git's output in $work/push.log.
push_to() {
  : >"$work/push.why"
  if git push --porcelain origin "$1:$2" >"$work/push.log" 2>&1; then return 0; fi
  if grep -q '^!.*\[rejected\] (\(fetch first\|non-fast-forward\))' "$work/push.log"; then echo moved >"$work/push.why"; fi
  return 1
}

# Adds the URLs published that urls.txt (main's, as pushed) lists to the published ref.
keep_published() {
  try=1
  while :; do
    if ! fetch_published 2>"$work/fetch.log"; then
      cat "$work/fetch.log" >&2
      echo "urls.txt: could not fetch $published_ref from origin; the site is not deployed" >&2
      exit 1
    fi
    parent=$(git rev-parse -q --verify "$fetched_published^{commit}" || true)
    if [ -n "$parent" ]; then
      git show "$parent:urls.txt" >"$work/published"
    else
      printf '%s\n' "# Every URL a deploy from $branch published, one a line, kept apart from $branch by its workflow" \
        "# (.github/scripts/published-urls-ref.sh): a reset or force-push of $branch does not drop them." >"$work/published"
    fi
    listed=$file
    [ -e "$listed" ] || listed=/dev/null
    awk "$url_of_line"'
      part == 1 { u = url_of($0); if (u != "") have[u] = 1; next }
      !is_removal($0) { u = url_of($0); if (u != "" && !(u in have)) { have[u] = 1; print u } }' part=1 "$work/published" part=2 "$listed" >"$work/new"
    if [ ! -s "$work/new" ]; then return 0; fi
    cat "$work/new" >>"$work/published"
    blob=$(git hash-object -w "$work/published")
    tree=$(printf '100644 blob %s\turls.txt\n' "$blob" | git mktree)
    commit=$(git commit-tree "$tree" ${parent:+-p "$parent"} -m "$(wc -l <"$work/new" | tr -d ' ') URL(s) published by the deploy of $(git rev-parse --short "$deployed")")
    if push_to "$commit" "$published_ref"; then
      echo "urls.txt: $(wc -l <"$work/new" | tr -d ' ') URL(s) kept in $published_ref"
      return 0
    fi
    if [ "$try" -ge "$attempts" ] || [ ! -s "$work/push.why" ]; then
      cat "$work/push.log" >&2
      echo "urls.txt: could not push $published_ref in $try attempt(s); the site is not deployed" >&2
      exit 1
    fi
    try=$((try + 1))
  done
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! commit_if_changed; then
  echo "urls.txt: no new URL to record"
  keep_published
  exit 0
fi

attempt=1
moved=0
while :; do
  if push_to HEAD "refs/heads/$branch"; then
    if [ "$moved" -gt 0 ]; then
      echo "urls.txt: $branch moved while this deploy ran: the commit was rebased onto it and pushed again"
    fi
    echo "urls.txt: recorded on $branch (attempt $attempt)"
    keep_published
    exit 0
  fi
  if [ -s "$work/push.why" ]; then
    moved=$((moved + 1))
  else
    # Not a race: git says why (a protected branch, a token without the right to push).
    cat "$work/push.log" >&2
  fi
  if [ "$attempt" -ge "$attempts" ]; then
    echo "urls.txt: could not push to $branch in $attempts attempts; the site is not deployed" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  git fetch --quiet --no-tags origin "+refs/heads/$branch:refs/remotes/origin/$branch"
  if ! git rebase --quiet "origin/$branch" >/dev/null 2>&1; then
    git rebase --abort 2>/dev/null || true
    record_again
  fi
  # Main may already hold every URL (another deploy recorded them): nothing left to push.
  if [ "$(git rev-parse HEAD)" = "$(git rev-parse "origin/$branch")" ]; then
    echo "urls.txt: $branch already lists every URL deployed"
    keep_published
    exit 0
  fi
done
