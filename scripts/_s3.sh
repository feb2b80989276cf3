# Sourced by scripts/test: a throwaway S3-compatible server for the test run (production's
# media on object storage), moto in server mode from the test dependency group.
#   s3_ensure_installed   check that moto's server can be imported from .venv
#   s3_start              start a server in a temporary directory ($S3_TMP), listening only
#                         on 127.0.0.1 (a free port), buckets kept in memory only, and set
#                         S3_ENDPOINT_URL (http://127.0.0.1:PORT)
#   s3_stop               stop the server and remove the directory: the caller's EXIT trap
# Both return non-zero, with a message on stderr, when the server cannot be had.

source "$ROOT/scripts/_server.sh"

S3_TMP=""
S3_PID=""

s3_ensure_installed() {
    if "$PY" -c 'import moto.server, flask' 2>/dev/null; then
        return 0
    fi
    echo "!! moto's server cannot be imported from .venv: install the test group with" \
        "'.venv/bin/python -m pip install -e . --group test'." >&2
    return 1
}

s3_stop() {
    stop_background "$S3_PID" "$S3_TMP"
    S3_PID=""
    S3_TMP=""
}

s3_start() {
    local port
    S3_TMP="$(mktemp -d "${TMPDIR:-/tmp}/pressroom-s3.XXXXXX")"
    port="$(free_port)"
    # In the foreground of a background job, so its pid is ours to stop. moto keeps every
    # bucket in the process's memory: nothing is written to disk, nothing outlives it. Its
    # request recorder (which writes a file) stays off: any value of MOTO_ENABLE_RECORDING,
    # even "false", turns it on, so the variable is removed.
    (cd "$S3_TMP" && unset MOTO_ENABLE_RECORDING && exec "$PY" -m moto.server \
        -H 127.0.0.1 -p "$port") >"$S3_TMP/server.log" 2>&1 </dev/null &
    S3_PID=$!
    local tries=0
    # Any HTTP answer (moto's S3 answers GET / with its bucket list) means it is serving.
    until "$PY" -c 'import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=1)' \
        "http://127.0.0.1:$port/" >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -ge 100 ] || ! kill -0 "$S3_PID" 2>/dev/null; then
            cat "$S3_TMP/server.log" >&2 2>/dev/null || true
            echo "!! The S3 test server (moto) did not start." >&2
            return 1
        fi
        sleep 0.1
    done
    S3_ENDPOINT_URL="http://127.0.0.1:$port"
    echo "==> S3 (moto $("$PY" -c 'import moto; print(moto.__version__)')) on 127.0.0.1:$port" \
        "(buckets in memory only, removed on exit)"
}
