#!/usr/bin/env bash
# run.sh measures tiptapmd against its dependency floors and its peers on
# every page of the shared corpus, and rewrites bench/results.json, the
# tables of BENCHMARKS.md and bench/throughput.png.
#
# It installs the peers first: pandoc (Debian's package, run with
# --sandbox so that it never fetches what a page links to), GNU time (to
# read pandoc's peak memory), and the npm packages pinned in
# bench/package-lock.json (turndown with turndown-plugin-gfm, and
# Tiptap's own @tiptap/markdown and @tiptap/html with happy-dom).
#
# Usage: bench/run.sh [benchcorpus run flags…]
# e.g.   bench/run.sh -note "The machine was shared with other work."
# The corpus is read from ../shared/corpus beside the repository, or from
# the path in $TIPTAPMD_CORPUS. A run takes about half an hour on 2 cores, most of it
# in Tiptap's pipeline and in pandoc (one process per page).
set -euo pipefail
cd "$(dirname "$0")"

# TIPTAPMD_CORPUS as the tests read it: unset or "full" (or "1") for the
# shared corpus beside the repository, otherwise the corpus's path.
corpus=${TIPTAPMD_CORPUS:-full}
case "$corpus" in full|1) corpus=../../shared/corpus ;; esac
if [ ! -d "$corpus" ]; then
  echo "run.sh: no corpus at $corpus (set TIPTAPMD_CORPUS)" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
if ! command -v pandoc >/dev/null || [ ! -x /usr/bin/time ]; then
  echo "== installing pandoc and GNU time"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq pandoc time >/dev/null
fi
if ! command -v node >/dev/null; then
  echo "run.sh: node (20 or later) is needed for the JavaScript peers" >&2
  exit 1
fi
echo "== installing the npm peers (package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

version=$(git rev-parse --short=12 HEAD)
if [ -n "$(git status --porcelain -- .. 2>/dev/null)" ]; then
  version="$version+dirty"
fi

echo "== measuring (tiptapmd $version, $(nproc) cores)"
go run ./cmd/benchcorpus run -corpus "$corpus" -out out -results results.json -version "$version" "$@"

echo "== writing ../BENCHMARKS.md and throughput.png"
go run ./cmd/benchreport -results results.json -md ../BENCHMARKS.md -png throughput.png
