# Shared PostgreSQL helpers for ops scripts (sourced, not run).
# A cluster is a data folder plus a run folder (socket, log); as root the
# server must run as the `postgres` user, which must then own both folders.

pg_find_bin() {
  if [ -n "${PGBIN:-}" ] && [ -x "$PGBIN/pg_ctl" ]; then echo "$PGBIN"; return; fi
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$candidate/pg_ctl" ]; then echo "$candidate"; return; fi
  done
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/pg_ctl" ]; then
    pg_config --bindir; return
  fi
  echo "PostgreSQL ≥ 15 server binaries not found (apt-get install postgresql, or set PGBIN)" >&2
  return 1
}

# Runs a PostgreSQL binary as the right user.
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
  python3 - <<'PY' 2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# pg_start DATA RUN PORT: creates the cluster on first use, then starts it.
pg_start() {
  local data=$1 run=$2 port=$3 bin
  bin=$(pg_find_bin)
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    install -d -o postgres -g postgres "$data" "$run"
    # postgres must be able to reach the folders through their parents.
    local parent; parent=$(dirname "$data")
    chmod o+x "$parent" 2>/dev/null || true
  else
    mkdir -p "$data" "$run"
  fi
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$run/pg.log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $run -c max_connections=300 ${PG_EXTRA_OPTIONS:-}" -w start >/dev/null
}

pg_stop() {
  local data=$1 bin
  bin=$(pg_find_bin)
  if [ -f "$data/postmaster.pid" ]; then pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true; fi
}

# pg_create_db PORT NAME: creates the database if it does not exist.
pg_create_db() {
  local port=$1 name=$2 bin
  bin=$(pg_find_bin)
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$name'" | grep -q 1; then
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database \"$name\"" >/dev/null
  fi
}

pg_connection_string() {
  echo "Host=127.0.0.1;Port=$1;Database=$2;Username=postgres;Maximum Pool Size=100"
}
