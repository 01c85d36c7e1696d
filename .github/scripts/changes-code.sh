#!/bin/sh
# Says whether a push changes Dépêche itself (its code, templates, dependencies, workflow…) or
# only the archive (content/): the tests gate code changes only.
#
# usage: changes-code.sh BEFORE AFTER
#   run in a clone holding AFTER; BEFORE is the commit the push started from (empty or all zeros
#   for a new branch or a manual run). Prints `code=true` or `code=false` on standard output, for
#   $GITHUB_OUTPUT, and the reason on standard error.
#
# When in doubt, it is code: a new branch, a manual run, or a BEFORE that can't be fetched (a
# force push) runs the tests. A file counts as content only when every path it has on either side
# of the push (a rename has two) is under content/.
set -eu

before=${1:-}
after=$2

code() {
  echo "code=$1"
  echo "$2" >&2
  exit 0
}

case $before in
  "" | *[!0]*) ;;
  *) before= ;;
esac
[ -n "$before" ] || code true "no commit to compare with (a new branch or a manual run): the tests run"

# A shallow clone holds AFTER only: fetch the commit the push started from, alone.
if ! git cat-file -e "$before^{commit}" 2>/dev/null; then
  git fetch --quiet --no-tags --depth=1 origin "$before" 2>/dev/null || code true "$before can't be fetched (a force push?): the tests run"
fi

changed=$(git -c core.quotePath=false diff --name-only --no-renames "$before" "$after") || code true "can't compare $before with $after: the tests run"
outside=$(printf '%s\n' "$changed" | grep -v -e '^content/' -e '^$' || true)
[ -n "$outside" ] || code false "only content/ changed: no tests, the archive is checked and built"
code true "code changed ($(printf '%s\n' "$outside" | head -n 3 | tr '\n' ' ')…): the tests run"
