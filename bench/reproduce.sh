#!/usr/bin/env bash
# The page benchmark's table and plot, in one command (bench/README.md, "Page benchmark").
#
#   bench/reproduce.sh [OUT]      # OUT: where databases and figures go (/tmp/pressroom-bench)
#
# Generates 1k, 10k and 100k releases (bench/generate.py) on SQLite under OUT (kept and
# reused by a later run) and on a throwaway PostgreSQL server (scripts/_postgres.sh, made
# again each run), measures each with bench/pages.py under gunicorn and wrk, then prints
# bench/report.py's table and budget check and writes bench/latency.png. Run it on an
# otherwise idle machine: about 40 minutes of measuring, plus about 50 of generating.
source "$(dirname "$0")/../scripts/_venv.sh"
source "$ROOT/scripts/_postgres.sh"
install_group bench

OUT="$(mkdir -p "${1:-/tmp/pressroom-bench}" && cd "${1:-/tmp/pressroom-bench}" && pwd)"
read -r -a SIZES <<<"${BENCH_SIZES:-1k 10k 100k}"  # BENCH_SIZES=1k for a quick try
MEASURE=(--duration 6 --floor-duration 3 --warmup 1)

pg_ensure_installed
trap pg_stop EXIT
pg_start
server="${PG_DATABASE_URL%/*}"  # one database per size on the throwaway server

for size in "${SIZES[@]}"; do
    sqlite="$OUT/sqlite-$size.sqlite3"
    if [ ! -f "$sqlite" ]; then
        "$PY" bench/generate.py --size "$size" --database-url "sqlite:///$sqlite" \
            --media-root "$OUT/media" >"$OUT/generate-sqlite-$size.md"
    fi
    "$PY" bench/generate.py --size "$size" --database-url "$server/pressroom_$size" \
        --media-root "$OUT/media" >"$OUT/generate-postgresql-$size.md"
done
for size in "${SIZES[@]}"; do
    "$PY" bench/pages.py --database-url "sqlite:///$OUT/sqlite-$size.sqlite3" --label "$size" \
        "${MEASURE[@]}" --json "$OUT/pages-sqlite-$size.json"
    "$PY" bench/pages.py --database-url "$server/pressroom_$size" --label "$size" \
        "${MEASURE[@]}" --json "$OUT/pages-postgresql-$size.json"
done
"$PY" bench/report.py "$OUT"/pages-*.json --plot bench/latency.png | tee "$OUT/table.md"
