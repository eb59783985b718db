# Shared by run-quick and run-all: a private PostgreSQL and a casecircle server for one benchmark.
# Source it; call load_start_cluster once, then load_start_server as often as needed.

LOAD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOAD_BUILD=$LOAD_ROOT/build/release

# Builds the given targets in build/release; quiet unless the build fails.
load_build() {
  local out
  cmake -S "$LOAD_ROOT" -B "$LOAD_BUILD" -DCMAKE_BUILD_TYPE=Release -DCASECIRCLE_SANITIZE=OFF >/dev/null
  if ! out=$(cmake --build "$LOAD_BUILD" --target "$@" -j2 2>&1); then
    echo "$out" >&2
    return 1
  fi
}

load_cleanup() {
  [ -n "${LOAD_SERVER_PID:-}" ] && kill "$LOAD_SERVER_PID" 2>/dev/null && wait "$LOAD_SERVER_PID" 2>/dev/null
  [ -n "${LOAD_WORK:-}" ] && "$LOAD_ROOT/deploy/pg-cluster" stop "$LOAD_WORK/pg"
  [ -n "${LOAD_WORK:-}" ] && "$LOAD_ROOT/deploy/pg-cluster" stop "$LOAD_WORK/pg-fast"
  return 0
}

# Under /tmp and open to all: as root the cluster runs as `postgres`, which must reach the folder.
load_start_cluster() {
  LOAD_WORK=$(mktemp -d /tmp/casecircle-load.XXXXXX)
  chmod 755 "$LOAD_WORK"
  trap load_cleanup EXIT
  # The roles' passwords (scram-sha-256) of this run's clusters, whatever PGPASSFILE the caller
  # had: pg-cluster keeps them here, psql, the server and chaos_client read them from here.
  export PGPASSFILE=$LOAD_WORK/pgpass
  local admin
  admin=$("$LOAD_ROOT/deploy/pg-cluster" start "$LOAD_WORK/pg")
  LOAD_ADMIN_URL=$admin
}

# A second cluster with fsync and synchronous_commit off: casecircle against it shows what the
# fsync costs, short of an in-memory event log (which the server does not offer).
load_start_fast_cluster() {
  LOAD_FAST_ADMIN_URL=$("$LOAD_ROOT/deploy/pg-cluster" start "$LOAD_WORK/pg-fast" --fast)
}

# A fresh database per server, so that no run starts with another run's rooms to restore; owned
# by casecircle_owner as in production (db/setup). Prints the URL of the server's own role on it.
#   load_fresh_database NAME [CLUSTER_DIR]   (default: the cluster of load_start_cluster)
load_fresh_database() {
  local name=$1 dir=${2:-$LOAD_WORK/pg}
  psql -q "$("$LOAD_ROOT/deploy/pg-cluster" url "$dir")" -c "DROP DATABASE IF EXISTS $name" \
    >/dev/null 2>&1
  "$LOAD_ROOT/deploy/pg-cluster" database "$dir" "$name" >/dev/null
  "$LOAD_ROOT/deploy/pg-cluster" url "$dir" casecircle_server "$name"
}

# The owner's URL of the database of a server URL from load_fresh_database: the server applies
# the migrations with it (--owner-database-url), as the run command does.
load_owner_url() {
  echo "${1/\/\/casecircle_server@/\/\/casecircle_owner@}"
}

# Starts any server that prints "listening on http://HOST:PORT/" and waits for that line;
# sets LOAD_SERVER_PID and LOAD_PORT.
load_start_process() {
  # A new log each time: polling a reused one could read the previous server's port before the
  # new process has truncated it.
  local log pin=()
  log=$(mktemp "$LOAD_WORK/server.XXXXXX.log")
  # LOAD_PIN=CPUS runs the server on those cores only (taskset execs it: $! stays its pid).
  [ -n "${LOAD_PIN:-}" ] && pin=(taskset -c "$LOAD_PIN")
  "${pin[@]}" "$@" >"$log" 2>&1 &
  LOAD_SERVER_PID=$!
  local i
  for i in $(seq 1 300); do
    LOAD_PORT=$(sed -n 's|.*listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$LOAD_PORT" ] && return 0
    kill -0 "$LOAD_SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  echo "run: $1 did not start" >&2
  return 1
}

# Open rooms (anonymous create/join, as a training installation runs): the benchmarks measure
# live sessions, not logins. Every client comes from 127.0.0.1, so the connection limits are
# raised past the thousands of connections S4 and S5 open. As in production the server connects
# as its own role (it refuses to start as the superuser or the owner) and migrates as the owner.
# Later flags in "$@" win.
load_start_server() {
  local database_url=$1; shift
  load_start_process "$LOAD_BUILD/server/casecircle" --port 0 --database-url "$database_url" \
    --owner-database-url "$(load_owner_url "$database_url")" \
    --open-rooms yes --max-connections 100000 --max-connections-per-address 100000 "$@"
}

load_stop_server() {
  kill "$LOAD_SERVER_PID" 2>/dev/null || true
  wait "$LOAD_SERVER_PID" 2>/dev/null || true
  LOAD_SERVER_PID=
}

# The processes of a cluster: its postmaster and every process it started.
load_cluster_pids() {
  local postmaster
  postmaster=$(head -1 "$1/postmaster.pid")
  echo "$postmaster" $(pgrep -P "$postmaster")
}

# Pins a cluster (load_cluster_pids DIR) to CPUS; the backends it forks later inherit it.
load_pin_cluster() {
  local dir=$1 cpus=$2 pid
  for pid in $(load_cluster_pids "$dir"); do
    taskset -a -cp "$cpus" "$pid" >/dev/null
  done
}

# CPU seconds a cluster has used so far: its live processes and the children that ended.
load_cluster_cpu() {
  local pids
  pids=$(load_cluster_pids "$1")
  python3 - $pids <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
total = 0
for i, pid in enumerate(sys.argv[1:]):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    # utime, stime; for the postmaster also cutime, cstime (backends that have ended)
    total += int(fields[11]) + int(fields[12])
    if i == 0:
        total += int(fields[13]) + int(fields[14])
print(f"{total / tick:.2f}")
PY
}
