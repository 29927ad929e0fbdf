#!/usr/bin/env bash
# Writes prisma/migrations/NNNN_<name>/migration.sql: the SQL from the committed schema (which the committed
# migrations produce) to the working prisma/schema.prisma. `prisma migrate dev` and `--from-migrations` need a
# shadow database that the JS schema engine cannot make here, so this diffs two datamodels instead.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/new-migration.sh <name>}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git show HEAD:prisma/schema.prisma > "$work/base.prisma"
next=$(printf '%04d' $(( $(ls prisma/migrations | grep -cE '^[0-9]{4}_') + 1 )))
sql=$(SLIPWAY_DATA_DIR=$work node_modules/.bin/prisma migrate diff --from-schema-datamodel "$work/base.prisma" --to-schema-datamodel prisma/schema.prisma --script 2>/dev/null | grep -v '^Loaded Prisma config')
[ -n "$(printf '%s' "$sql" | tr -d '[:space:]')" ] || { echo "schema.prisma matches the committed schema: nothing to write"; exit 0; }
mkdir -p "prisma/migrations/${next}_${name}"
printf '%s\n' "$sql" > "prisma/migrations/${next}_${name}/migration.sql"
echo "wrote prisma/migrations/${next}_${name}/migration.sql"
