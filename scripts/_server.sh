# Sourced by the scripts that start a throwaway server for the test run (_postgres.sh,
# _redis.sh, _s3.sh): what each of them needs alike.
#   free_port                  print a TCP port free on 127.0.0.1 now
#   stop_background PID DIR    stop a server started as a background job (and wait for it),
#                              then remove its temporary directory; either may be empty

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stop_background() {
    local pid="$1" dir="$2"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    if [ -n "$dir" ] && [ -d "$dir" ]; then
        rm -rf "$dir"
    fi
}
