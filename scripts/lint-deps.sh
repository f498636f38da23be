#!/bin/sh
# Architecture checks (npm run lint:deps): import cycles and boundaries (.dependency-cruiser.cjs), and SQL only in worker/db/.
set -e
npx depcruise worker --config .dependency-cruiser.cjs --output-type err
# Each table group's SQL lives in one worker/db/ module. Exceptions, each for a reason:
#   worker/ingest/store.ts, worker/stats/record.ts  the ingest batch's statements (one write round trip; query-plans test)
#   worker/lib/db-meter.ts                          wraps prepare( to count D1 round trips
ALLOWED='^worker/(db/|ingest/store\.ts|stats/record\.ts|lib/db-meter\.ts)'
if grep -rn "prepare(" worker | grep -Ev "$ALLOWED"; then
  echo "SQL belongs in a worker/db/ module (one per table group); see scripts/lint-deps.sh for the exceptions" >&2
  exit 1
fi
