#!/usr/bin/env bash
# The page benchmark's table and plot, in one command (bench/README.md, "Page benchmark").
#
#   bench/reproduce.sh [OUT]      # OUT: where databases and figures go (/tmp/pressroom-bench)
#
# Generates 1k, 10k and 100k releases (bench/generate.py) on SQLite under OUT (kept and
# reused by a later run) and on a throwaway PostgreSQL server (scripts/_postgres.sh, made
# again each run), migrates each and rebuilds its read model (`manage.py rebuild_read_model`,
# when the command exists; timed in OUT/read-model-*.txt), measures each with bench/pages.py
# under gunicorn and wrk (uncached, cached, and the case "after an edit", which saves one
# release's title and puts it back), then prints bench/report.py's table and budget check,
# writes bench/latency.png and lists the after-edit shares. Run it on an otherwise idle
# machine: about 40 minutes of measuring, plus about 50 of generating.
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

read_model() {  # DATABASE_URL NAME: migrate if a reused file is older, rebuild, timed
    local started=$SECONDS
    : >"$OUT/read-model-$2.txt"
    # Only when needed: migrate on content without a read model queues its build as well.
    if ! DATABASE_URL="$1" "$PY" manage.py migrate --check >/dev/null 2>&1; then
        DATABASE_URL="$1" "$PY" manage.py migrate --no-input >>"$OUT/read-model-$2.txt"
        echo "migrate: $((SECONDS - started)) s" >>"$OUT/read-model-$2.txt"
    fi
    if DATABASE_URL="$1" "$PY" manage.py help rebuild_read_model >/dev/null 2>&1; then
        started=$SECONDS
        DATABASE_URL="$1" "$PY" manage.py rebuild_read_model >>"$OUT/read-model-$2.txt" 2>&1
        echo "rebuild_read_model: $((SECONDS - started)) s" >>"$OUT/read-model-$2.txt"
    fi
    tail -n 2 "$OUT/read-model-$2.txt"
}

for size in "${SIZES[@]}"; do
    sqlite="$OUT/sqlite-$size.sqlite3"
    if [ ! -f "$sqlite" ]; then
        "$PY" bench/generate.py --size "$size" --database-url "sqlite:///$sqlite" \
            --media-root "$OUT/media" >"$OUT/generate-sqlite-$size.md"
    fi
    read_model "sqlite:///$sqlite" "sqlite-$size"
    "$PY" bench/generate.py --size "$size" --database-url "$server/pressroom_$size" \
        --media-root "$OUT/media" >"$OUT/generate-postgresql-$size.md"
    read_model "$server/pressroom_$size" "postgresql-$size"
done
for size in "${SIZES[@]}"; do
    "$PY" bench/pages.py --database-url "sqlite:///$OUT/sqlite-$size.sqlite3" --label "$size" \
        "${MEASURE[@]}" --json "$OUT/pages-sqlite-$size.json"
    "$PY" bench/pages.py --database-url "$server/pressroom_$size" --label "$size" \
        "${MEASURE[@]}" --json "$OUT/pages-postgresql-$size.json"
done
"$PY" bench/report.py "$OUT"/pages-*.json --plot bench/latency.png | tee "$OUT/table.md"
"$PY" - "$OUT"/pages-*.json <<'EOF' | tee -a "$OUT/table.md"
import json, sys
print("\n#### After an edit to one release: pages still cached (X-Page-Cache: hit)\n")
print("| run | all | other pages | own trip's pages retired (miss) | no header |")
print("|---|---:|---:|---:|---:|")
for name in sys.argv[1:]:
    report = json.load(open(name))
    edit = report["modes"].get("cached", {}).get("after_edit")
    if edit:
        own = edit["own_trip"].values()
        print(f"| {report['database']} {report['label']} | {edit['all']['share']:.1%} "
              f"| {edit['other']['share']:.1%} | {sum(t['miss'] for t in own)} of "
              f"{sum(t['urls'] for t in own)} | {edit['all']['none']} |")
EOF
