# Throwaway PostgreSQL cluster for tests and benchmarks: `pg_start` sets PG_URL, `pg_stop` removes everything.
# Runs the server as the `postgres` system user when we are root (initdb refuses root). Tests run it with
# fsync off; `PG_FSYNC=on` (the benchmarks) keeps a production's durability.

pg_bin() {
    local name=$1
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
    ls -1d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1
}

pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_start() {
    local initdb pg_ctl
    initdb=$(pg_bin initdb); pg_ctl=$(pg_bin pg_ctl)
    if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then echo "PostgreSQL binaries not found" >&2; return 1; fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then echo "no postgres system user" >&2; return 1; fi
    PG_DIR=$(mktemp -d)
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
    PG_PORT=$(free_port)
    pg_as_owner "$initdb" -D "$PG_DIR/data" -A trust -U relief -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; return 1; }
    pg_as_owner "$pg_ctl" -D "$PG_DIR/data" -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c max_connections=500" \
        -l "$PG_DIR/server.log" -w start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
    PG_URL="postgres://relief@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
    export PG_URL PG_DIR
}

pg_stop() {
    [ -n "${PG_DIR:-}" ] || return 0
    pg_as_owner "$(pg_bin pg_ctl)" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=
}
