#!/bin/sh
# Prints `digest=…` for $GITHUB_OUTPUT: a digest of Dépêche itself at HEAD, every file the
# repository tracks but the archive (content/). The tests gate code, never an article: a run whose
# digest passed its tests before (the workflow remembers it in its cache) skips them, whatever
# the pushes between; any other runs them, so code is never deployed untested, not after a push
# whose tests failed, nor after a run cancelled while it waited.
#
# usage: code-digest.sh   (run in a clone; HEAD is the commit built)
#
# The top-level tree's entries but content's: each names its folder's whole tree by its hash.
set -eu

digest=$(git ls-tree --full-tree HEAD | awk -F '\t' '$2 != "content"' | git hash-object --stdin)
echo "digest=$digest"
