# Sourced by scripts/test: a throwaway PostgreSQL server for the test run.
#   pg_ensure_installed   find the server binaries; as root with apt-get, install Debian's package
#   pg_start              initdb a private cluster in a temporary directory ($PG_TMP), listening
#                         only on 127.0.0.1 (a free port) and a socket in that directory, and
#                         set PG_DATABASE_URL
#   pg_stop               stop the server and remove the directory: the caller's EXIT trap
# Both return non-zero, with a message on stderr, when PostgreSQL cannot be had.

source "$ROOT/scripts/_server.sh"

PG_BINDIR=""
PG_TMP=""
PG_RUN_AS=""

pg_find_bindir() {
    local dir
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 &&
        command -v postgres >/dev/null 2>&1; then
        dir="$(dirname "$(command -v initdb)")"
        # Debian links only psql & co. into /usr/bin; a PATH entry must have the server too.
        if [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            PG_BINDIR="$dir"
            return 0
        fi
    fi
    # Debian's own place, newest version first.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -rn); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            PG_BINDIR="$dir"
            return 0
        fi
    done
    return 1
}

pg_ensure_installed() {
    pg_find_bindir && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> Installing postgresql (Debian package) for the PostgreSQL test pass"
        # No "main" cluster (a system server on port 5432): the tests make a private one.
        # createcluster.conf includes this directory, read when the package is configured.
        mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/pressroom-tests.conf
        if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            -o Dpkg::Use-Pty=0 postgresql >/dev/null; then
            pg_find_bindir && return 0
        fi
        echo "!! Could not install PostgreSQL (apt-get install postgresql failed)." >&2
    else
        echo "!! PostgreSQL's server (initdb, pg_ctl, postgres) is not on PATH nor in" \
            "/usr/lib/postgresql/*/bin, and this is not root: install it with" \
            "'sudo apt-get install postgresql'." >&2
    fi
    return 1
}

# Run a server command as the cluster's owner (postgres refuses to run as root).
pg_as_owner() {
    if [ -n "$PG_RUN_AS" ]; then
        runuser -u "$PG_RUN_AS" -- "$@"
    else
        "$@"
    fi
}

pg_stop() {
    if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
        if [ -f "$PG_TMP/data/postmaster.pid" ]; then
            (cd / && pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop \
                >/dev/null 2>&1) || true
        fi
        rm -rf "$PG_TMP"
    fi
    PG_TMP=""
}

pg_start() {
    local port password
    if [ "$(id -u)" -eq 0 ]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "!! Running as root and there is no 'postgres' user to own the test cluster." >&2
            return 1
        fi
        PG_RUN_AS=postgres
    fi
    PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/pressroom-pg.XXXXXX")"
    [ -z "$PG_RUN_AS" ] || chown "$PG_RUN_AS:" "$PG_TMP"

    port="$(free_port)"
    password="$("$PY" -c 'import secrets; print(secrets.token_hex(16))')"
    (umask 077 && printf '%s\n' "$password" >"$PG_TMP/pwfile")
    [ -z "$PG_RUN_AS" ] || chown "$PG_RUN_AS:" "$PG_TMP/pwfile"

    # ICU collation: text sorts as in a real (non-C) locale, whatever locales the machine has.
    if ! (cd "$PG_TMP" && pg_as_owner "$PG_BINDIR/initdb" -D "$PG_TMP/data" -U postgres \
        --pwfile="$PG_TMP/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US \
        --no-sync >"$PG_TMP/initdb.log" 2>&1); then
        cat "$PG_TMP/initdb.log" >&2
        echo "!! initdb failed." >&2
        return 1
    fi
    rm -f "$PG_TMP/pwfile"
    cat >>"$PG_TMP/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_TMP'
# A throwaway cluster: durability is not wanted, speed is.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    if ! (cd "$PG_TMP" && pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" \
        -l "$PG_TMP/server.log" -w -t 60 start >/dev/null); then
        cat "$PG_TMP/server.log" >&2 || true
        echo "!! The PostgreSQL test server did not start." >&2
        return 1
    fi
    PG_DATABASE_URL="postgres://postgres:$password@127.0.0.1:$port/pressroom"
    echo "==> PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" \
        "(cluster in $PG_TMP, removed on exit)"
}
