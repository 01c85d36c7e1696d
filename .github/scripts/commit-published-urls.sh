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
set -eu

deployed=$1
content=$2
record=$3
file=$content/urls.txt
branch=${PUBLISH_BRANCH:-main}
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

if ! commit_if_changed; then
  echo "urls.txt: no new URL to record"
  exit 0
fi

attempt=1
while :; do
  if git push --quiet origin "HEAD:refs/heads/$branch"; then
    echo "urls.txt: recorded on $branch (attempt $attempt)"
    exit 0
  fi
  if [ "$attempt" -ge "$attempts" ]; then
    echo "urls.txt: could not push to $branch in $attempts attempts; the site is not deployed" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  git fetch --quiet origin "$branch"
  if ! git rebase --quiet "origin/$branch" >/dev/null 2>&1; then
    git rebase --abort 2>/dev/null || true
    record_again
  fi
  # Main may already hold every URL (another deploy recorded them): nothing left to push.
  if [ "$(git rev-parse HEAD)" = "$(git rev-parse "origin/$branch")" ]; then
    echo "urls.txt: $branch already lists every URL deployed"
    exit 0
  fi
done
