# Sourced by scripts/test: a throwaway Redis server for the test run (production's cache).
#   redis_ensure_installed   find redis-server; as root with apt-get, install Debian's package
#   redis_start              start a server in a temporary directory ($REDIS_TMP), listening
#                            only on 127.0.0.1 (a free port), nothing written to disk, and
#                            set REDIS_BASE_URL (redis://127.0.0.1:PORT, add /<database>)
#   redis_stop               stop the server and remove the directory: the caller's EXIT trap
# Both return non-zero, with a message on stderr, when Redis cannot be had.

source "$ROOT/scripts/_server.sh"

REDIS_SERVER=""
REDIS_TMP=""
REDIS_PID=""

redis_find_server() {
    if command -v redis-server >/dev/null 2>&1; then
        REDIS_SERVER="$(command -v redis-server)"
        return 0
    fi
    return 1
}

redis_ensure_installed() {
    redis_find_server && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> Installing redis-server (Debian package) for the cache tests"
        # Debian's package may start a system server on port 6379 where an init system
        # runs; the tests never use it (they start their own below).
        if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            -o Dpkg::Use-Pty=0 redis-server >/dev/null; then
            redis_find_server && return 0
        fi
        echo "!! Could not install Redis (apt-get install redis-server failed)." >&2
    else
        echo "!! redis-server is not on PATH and this is not root: install it with" \
            "'sudo apt-get install redis-server'." >&2
    fi
    return 1
}

redis_stop() {
    stop_background "$REDIS_PID" "$REDIS_TMP"
    REDIS_PID=""
    REDIS_TMP=""
}

redis_start() {
    local port
    REDIS_TMP="$(mktemp -d "${TMPDIR:-/tmp}/pressroom-redis.XXXXXX")"
    port="$(free_port)"
    # In the foreground of a background job (not --daemonize), so its pid is ours to stop.
    # A throwaway cache: no snapshots, no append-only file, loopback only.
    (cd "$REDIS_TMP" && exec "$REDIS_SERVER" --bind 127.0.0.1 --port "$port" \
        --dir "$REDIS_TMP" --save '' --appendonly no --logfile "$REDIS_TMP/server.log") \
        </dev/null &
    REDIS_PID=$!
    local tries=0
    until "$PY" -c 'import redis, sys; redis.Redis("127.0.0.1", int(sys.argv[1]), socket_timeout=1).ping()' \
        "$port" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -ge 50 ] || ! kill -0 "$REDIS_PID" 2>/dev/null; then
            cat "$REDIS_TMP/server.log" >&2 2>/dev/null || true
            echo "!! The Redis test server did not start." >&2
            return 1
        fi
        sleep 0.1
    done
    REDIS_BASE_URL="redis://127.0.0.1:$port"
    echo "==> Redis $("$REDIS_SERVER" --version | sed -n 's/.* v=\([^ ]*\).*/\1/p') on 127.0.0.1:$port" \
        "(no persistence, in $REDIS_TMP, removed on exit)"
}
