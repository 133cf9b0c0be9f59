#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#
#   scripts/with-postgres.sh <command...>
#
# initdb's a cluster in a temp folder, starts it on a free loopback port (its unix
# socket stays in the temp folder too), runs the command with DATABASE_URL pointing
# at it, then stops and removes the cluster, whatever the command's outcome. The
# command's exit code is the script's. Exit code 3: PostgreSQL's server programs
# are not installed (`pg_config --bindir` names where they would be).
#
# The cluster is for tests only: trust authentication on loopback, fsync off.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command...>" >&2
    exit 2
fi

bindir="$(pg_config --bindir 2>/dev/null || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
    echo "with-postgres: PostgreSQL server programs (initdb, pg_ctl) not found in '${bindir:-?}'" >&2
    exit 3
fi

# initdb refuses to run as root: the cluster then belongs to an unprivileged user.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    owner="${PACESETTER_PG_USER:-nobody}"
    as_owner=(runuser -u "$owner" --)
fi

# As root the cluster's owner must reach the folder: /tmp, whatever TMPDIR says.
if [ "${#as_owner[@]}" -gt 0 ]; then tmproot=/tmp; else tmproot="${TMPDIR:-/tmp}"; fi
workdir="$(mktemp -d "$tmproot/pacesetter-pg.XXXXXX")"
chmod 700 "$workdir"
if [ "${#as_owner[@]}" -gt 0 ]; then
    chown "$owner" "$workdir"
fi
datadir="$workdir/data"
logfile="$workdir/server.log"
started=0

cleanup() {
    if [ "$started" -eq 1 ]; then
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

"${as_owner[@]}" "$bindir/initdb" -D "$datadir" --no-locale -E UTF8 -U pacesetter \
    --auth=trust --no-sync >"$workdir/initdb.log" 2>&1 || {
    cat "$workdir/initdb.log" >&2
    exit 1
}

# A port found free can be taken before the server binds it: try a few.
for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if "${as_owner[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $workdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
        start >/dev/null; then
        started=1
        break
    fi
done
if [ "$started" -ne 1 ]; then
    echo "with-postgres: the server did not start; its log:" >&2
    cat "$logfile" >&2 || true
    exit 1
fi

"$bindir/createdb" -h 127.0.0.1 -p "$port" -U pacesetter pacesetter
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

export DATABASE_URL="postgres://pacesetter@127.0.0.1:$port/pacesetter"
status=0
"$@" || status=$?
exit "$status"
