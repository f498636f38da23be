#!/bin/sh
# Architecture checks (npm run lint:deps): import cycles and boundaries (.dependency-cruiser.cjs), no SQL in routes.
set -e
npx depcruise worker --config .dependency-cruiser.cjs --output-type err
if grep -rn "prepare(" worker/routes; then
  echo "worker/routes must not prepare SQL: put it in a worker/db/ module" >&2
  exit 1
fi
