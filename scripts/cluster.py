"""Pacesetter on several app nodes, all on loopback: `make cluster`, and the cluster tests.

    .venv/bin/python scripts/cluster.py up [--dir D] [--nodes 2] [--port 8080] [--seed-demo small|county|none] [--wait]
    .venv/bin/python scripts/cluster.py down [--dir D]
    .venv/bin/python scripts/cluster.py status [--dir D]

`up` makes the folder (default var/cluster/) and starts, each on a free 127.0.0.1 port:
a PostgreSQL primary and a streaming replica of it (pg_basebackup -R, hot standby), Redis
(nothing kept on disk), N gunicorn app nodes sharing one environment (DATABASE_URL,
DATABASE_REPLICA_URL, REDIS_URL, one SECRET_KEY generated into the folder, MEDIA_ROOT), one
`pacesetter db_worker`, and nginx on --port in front of the nodes (deploy/nginx.conf.template).
It migrates once before the nodes start and returns when /healthz answers through nginx.
Every process is recorded in run/*.pid, so `down` stops them all and an `up` after a crash
stops what is left and starts clean (the databases are made anew).

As root (CI) PostgreSQL runs as an unprivileged user (PACESETTER_PG_USER, default nobody)
with its data in a folder under /tmp that user can reach, as scripts/with-postgres.sh does.
This is a test and demonstration set-up: trust authentication on loopback, fsync off.

Standard library only; the tests drive the `Cluster` class (tests/cluster/).
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
DB_USER = "pacesetter"
DB_NAME = "pacesetter"


class ClusterError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bindir() -> Path:
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise ClusterError("PostgreSQL's server programs are not installed (pg_config --bindir failed)") from exc
    bindir = Path(out)
    for program in ("initdb", "pg_ctl", "pg_basebackup", "postgres"):
        if not (bindir / program).exists():
            raise ClusterError(f"{bindir / program} is missing: install Debian's postgresql")
    return bindir


def _alive(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)  # reap our own child if it died
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie that is not ours to reap counts as dead
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


def _start_time(pid: int) -> str:
    """The process's start time (clock ticks after boot, /proc/<pid>/stat field 22); "" if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def render(template: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        template = template.replace("{{ " + name + " }}", value)
    if "{{ " in template:
        raise ClusterError("the nginx template has a placeholder nobody filled: " + template.split("{{ ", 1)[1][:30])
    return template


class Cluster:
    """One cluster folder: its state (ports, paths) in state.json, its processes in run/*.pid."""

    def __init__(self, directory: str | Path | None = None, *, nodes: int = 2, port: int = 8080, workers: int = 2):
        self.dir = Path(directory or ROOT / "var" / "cluster").resolve()
        self.run_dir = self.dir / "run"
        self.log_dir = self.dir / "logs"
        self.state_file = self.dir / "state.json"
        self.state: dict = json.loads(self.state_file.read_text()) if self.state_file.exists() else {}
        self.node_count = self.state.get("nodes", nodes)
        self.port = self.state.get("port", port)
        self.workers = workers

    # --- addresses -------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.state['port']}"

    def node_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.state['node_ports'][i]}"

    def node_addr(self, i: int) -> str:
        return f"127.0.0.1:{self.state['node_ports'][i]}"

    def dsn(self, *, replica: bool = False) -> str:
        port = self.state["pg_replica_port" if replica else "pg_primary_port"]
        return f"postgres://{DB_USER}@127.0.0.1:{port}/{DB_NAME}"

    def env(self) -> dict[str, str]:
        """The environment of every app process (nodes, worker, management commands)."""
        env = dict(os.environ)
        for name in ("DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST"):
            env.pop(name, None)
        env.update({
            "DJANGO_SETTINGS_MODULE": "pacesetter.settings",
            "DATABASE_URL": self.dsn(),
            "DATABASE_REPLICA_URL": self.dsn(replica=True),
            "REDIS_URL": f"redis://127.0.0.1:{self.state['redis_port']}/0",
            "SECRET_KEY": (self.dir / "secret_key").read_text().strip(),
            "BEHIND_PROXY": "1",
            "SECURE_HTTPS": "0",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MEDIA_ROOT": str(self.dir / "media"),
            "PACESETTER_VAR_DIR": str(self.dir / "var"),
        })
        return env

    # --- up / down ----------------------------------------------------------------
    def up(self, *, seed_demo: str = "none", timeout: float = 120) -> float:
        """Start everything (after stopping what an earlier run left); the seconds it took."""
        started = time.monotonic()
        self.down(quiet=True)
        self._clean()
        self._allocate()
        try:
            self._start_postgres()
            self._start_redis()
            self.manage("migrate", "--noinput", "--verbosity", "0")
            self.manage("collectstatic", "--noinput", "--verbosity", "0")
            if seed_demo != "none":
                self.manage("seed_demo", "--scale", seed_demo, "--seed", "1", "--if-empty")
            for i in range(self.node_count):
                self.start_node(i, wait=False)
            self._spawn("worker", [str(BIN / "pacesetter"), "db_worker", "--no-reload", "--verbosity", "1"])
            self._start_nginx()
            deadline = time.monotonic() + timeout
            for i in range(self.node_count):
                self.wait_healthy(self.node_url(i), deadline=deadline)
            self.wait_healthy(self.url, deadline=deadline)
        except BaseException:
            self.down(quiet=True)
            raise
        return time.monotonic() - started

    def down(self, *, quiet: bool = False) -> None:
        """Stop every recorded process (nginx first, PostgreSQL last); safe to repeat."""
        for name in ["nginx", *[f"node-{i}" for i in range(self.node_count)], "worker", "redis"]:
            self._stop(name)
        pg_root = self.state.get("pg_root")
        if pg_root:
            for which in ("replica", "primary"):
                self._pg_ctl(which, "stop", "-m", "fast", "-w", "-t", "30", check=False)
            if not Path(pg_root).is_relative_to(self.dir):  # as root: the data folder under /tmp goes too
                shutil.rmtree(pg_root, ignore_errors=True)
        if not quiet:
            print(f"cluster: stopped ({self.dir})", file=sys.stderr)

    def _clean(self) -> None:
        """Remove what a previous run left (databases, logs), keeping the secret key."""
        pg_root = self.state.get("pg_root")
        if pg_root and Path(pg_root).exists() and not Path(pg_root).is_relative_to(self.dir):
            shutil.rmtree(pg_root, ignore_errors=True)
        for name in ("pg", "redis", "run", "logs", "nginx", "media", "var"):
            shutil.rmtree(self.dir / name, ignore_errors=True)
        self.state = {}
        self.state_file.unlink(missing_ok=True)

    def _allocate(self) -> None:
        if self.port:
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", self.port))
                except OSError as exc:
                    raise ClusterError(f"port {self.port} on 127.0.0.1 is taken (choose another with --port)") from exc
        self.dir.mkdir(parents=True, exist_ok=True)
        for folder in (self.run_dir, self.log_dir, self.dir / "media", self.dir / "var"):
            folder.mkdir(parents=True, exist_ok=True)
        key = self.dir / "secret_key"
        if not key.exists():
            key.write_text(secrets.token_urlsafe(50))
            key.chmod(0o600)
        ports: set[int] = set()
        while len(ports - {self.port}) < 4 + self.node_count:
            ports.add(free_port())
        ports.discard(self.port)
        free = sorted(ports)
        if os.geteuid() == 0:
            pg_root = tempfile.mkdtemp(prefix="pacesetter-cluster-pg.", dir="/tmp")
            pg_user = os.environ.get("PACESETTER_PG_USER", "nobody")
            shutil.chown(pg_root, user=pg_user)
            os.chmod(pg_root, 0o700)
        else:
            pg_root, pg_user = str(self.dir / "pg"), ""
            Path(pg_root).mkdir(parents=True)
        self.state = {
            "nodes": self.node_count,
            "port": self.port or free.pop(),
            "pg_primary_port": free.pop(),
            "pg_replica_port": free.pop(),
            "redis_port": free.pop(),
            "node_ports": [free.pop() for _ in range(self.node_count)],
            "pg_root": pg_root,
            "pg_user": pg_user,
        }
        self._save()

    def _save(self) -> None:
        self.state_file.write_text(json.dumps(self.state, indent=2))

    # --- PostgreSQL ---------------------------------------------------------------
    def _as_pg_user(self) -> list[str]:
        return ["runuser", "-u", self.state["pg_user"], "--"] if self.state.get("pg_user") else []

    def _pg_ctl(self, which: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        data = Path(self.state["pg_root"]) / which
        if not data.exists():
            return subprocess.CompletedProcess([], 0)
        cmd = [*self._as_pg_user(), str(pg_bindir() / "pg_ctl"), "-D", str(data),
               "-l", str(Path(self.state["pg_root"]) / f"{which}.log"), *args]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise ClusterError(f"pg_ctl {' '.join(args)} ({which}) failed: {result.stderr or result.stdout}"
                               + self._tail(Path(self.state["pg_root"]) / f"{which}.log"))
        return result

    def _pg(self, program: str, *args: str) -> None:
        result = subprocess.run([*self._as_pg_user(), str(pg_bindir() / program), *args], capture_output=True, text=True)
        if result.returncode != 0:
            raise ClusterError(f"{program} failed: {result.stderr or result.stdout}")

    def _start_postgres(self) -> None:
        root = Path(self.state["pg_root"])
        primary, replica = root / "primary", root / "replica"
        self._pg("initdb", "-D", str(primary), "--no-locale", "-E", "UTF8", "-U", DB_USER, "--auth=trust", "--no-sync")
        conf = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.state["pg_primary_port"]),
            "unix_socket_directories": f"'{root}'",
            "max_connections": "200",
            "wal_level": "replica",
            "max_wal_senders": "5",
            "hot_standby": "on",
            "fsync": "off",  # a throwaway cluster: speed over durability
            "synchronous_commit": "off",
            "jit": "off",
            "log_min_messages": "warning",
        }
        self._append_conf(primary, conf)
        self._pg_ctl("primary", "-w", "-t", "60", "start")
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(self.state["pg_primary_port"]), "-U", DB_USER, DB_NAME)
        # The replica: a copy of the primary that follows its WAL stream (standby.signal and
        # primary_conninfo written by -R), answering read-only queries (hot_standby).
        self._pg("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.state["pg_primary_port"]), "-U", DB_USER,
                 "-D", str(replica), "-R", "-X", "stream", "-c", "fast", "--no-sync")
        self._append_conf(replica, {"port": str(self.state["pg_replica_port"])})
        self._pg_ctl("replica", "-w", "-t", "60", "start")

    def _append_conf(self, data: Path, conf: dict[str, str]) -> None:
        lines = "".join(f"{name} = {value}\n" for name, value in conf.items())
        cmd = [*self._as_pg_user(), "sh", "-c", f"cat >> '{data}/postgresql.conf'"]
        subprocess.run(cmd, input="\n# scripts/cluster.py\n" + lines, text=True, check=True)

    def stop_primary(self) -> None:
        """Stop the PostgreSQL primary (fast shutdown: open transactions are rolled back)."""
        self._pg_ctl("primary", "stop", "-m", "fast", "-w", "-t", "30")

    def start_primary(self) -> None:
        self._pg_ctl("primary", "-w", "-t", "60", "start")

    # --- Redis ---------------------------------------------------------------------
    def _start_redis(self) -> None:
        folder = self.dir / "redis"
        folder.mkdir(parents=True, exist_ok=True)
        conf = folder / "redis.conf"
        conf.write_text(
            "# scripts/cluster.py: cache, sessions, login throttle and rate limits of the app nodes\n"
            f"bind 127.0.0.1\nport {self.state['redis_port']}\nprotected-mode yes\ndaemonize no\n"
            f'save ""\nappendonly no\ndir {folder}\nlogfile {self.log_dir / "redis.log"}\n'
            "maxmemory 256mb\nmaxmemory-policy volatile-lru\n"
        )
        self._spawn("redis", [shutil.which("redis-server") or "redis-server", str(conf)], app=False)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.state["redis_port"]), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        raise ClusterError("Redis did not start" + self._tail(self.log_dir / "redis.log"))

    # --- app nodes and worker -------------------------------------------------------------
    def start_node(self, i: int, *, wait: bool = True) -> None:
        argv = [str(BIN / "gunicorn"), "pacesetter.wsgi", "--workers", str(self.workers),
                "--bind", self.node_addr(i), "--graceful-timeout", "5", "--timeout", "60",
                "--access-logfile", str(self.log_dir / f"node-{i}.access.log"),
                "--logger-class", "pacesetter.evaluation.accesslog.TokenlessAccessLog"]
        self._spawn(f"node-{i}", argv)
        if wait:
            self.wait_healthy(self.node_url(i), deadline=time.monotonic() + 60)

    def kill_node(self, i: int) -> None:
        """kill -9 node i: its master and workers at once, as if its machine died."""
        self._stop(f"node-{i}", sig=signal.SIGKILL)

    def restart_node(self, i: int) -> None:
        self._stop(f"node-{i}")
        self.start_node(i)

    def manage(self, *args: str) -> str:
        """Run a `pacesetter` management command in the cluster's environment; its output."""
        result = subprocess.run([str(BIN / "pacesetter"), *args], env=self.env(), cwd=ROOT,
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise ClusterError(f"pacesetter {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    # --- nginx ------------------------------------------------------------------------
    def nginx_conf(self) -> str:
        prefix = self.dir / "nginx"
        import_mb = int(os.environ.get("IMPORT_MAX_MB", "20"))
        servers = "\n".join(f"        server {self.node_addr(i)} max_fails=1 fail_timeout=5s;"
                            for i in range(self.node_count))
        return render(TEMPLATE.read_text(), {
            # As root nginx's workers run as nobody, who can read the static files and the temp folders.
            "user": "user nobody nogroup;" if os.geteuid() == 0 else "",
            "prefix": str(prefix),
            "mime_types": "/etc/nginx/mime.types",
            "upstream_servers": servers,
            "listen": f"127.0.0.1:{self.state['port']}",
            "client_max_body_size": f"{import_mb + 1}m",
            "static_root": str(ROOT / "staticfiles"),
            # Names the node that answered, so the tests can see both serve.
            "upstream_header": "add_header X-Upstream $upstream_addr always;",
        })

    def _start_nginx(self) -> None:
        prefix = self.dir / "nginx"
        for sub in ("logs", "tmp"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        conf = prefix / "nginx.conf"
        conf.write_text(self.nginx_conf())
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        base = [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "logs" / "error.log")]
        check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise ClusterError(f"nginx -t: {check.stderr}")
        self._spawn("nginx", [*base, "-g", "daemon off;"], app=False)

    # --- processes ------------------------------------------------------------------------
    def _spawn(self, name: str, argv: list[str], *, app: bool = True) -> int:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
        proc = subprocess.Popen(argv, cwd=ROOT, env=self.env() if app else None, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        (self.run_dir / f"{name}.pid").write_text(f"{proc.pid} {_start_time(proc.pid)}")
        return proc.pid

    def pid(self, name: str) -> int | None:
        """The recorded process, if it still runs: a pid reused by another process (after a
        reboot) does not count, as its start time differs from the one recorded."""
        path = self.run_dir / f"{name}.pid"
        try:
            pid, started = path.read_text().split()
            pid = int(pid)
        except (OSError, ValueError):
            return None
        return pid if _start_time(pid) == started else None

    def _stop(self, name: str, *, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        pid = self.pid(name)
        if pid is None:
            self._kill_orphans(name)
            (self.run_dir / f"{name}.pid").unlink(missing_ok=True)
            return
        if _alive(pid):
            try:
                os.killpg(pid, sig)  # its own session: the whole process group (gunicorn's workers too)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + timeout
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if _alive(pid):
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                while _alive(pid):
                    time.sleep(0.05)
        # Workers of a killed master may outlive it a moment in the same group.
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        (self.run_dir / f"{name}.pid").unlink(missing_ok=True)

    def _kill_orphans(self, name: str) -> None:
        """The leader recorded for `name` is gone (killed -9, say): what is left of its process group.
        Linux reuses no pid while it names a live process group, so the group is still ours."""
        try:
            pid = int((self.run_dir / f"{name}.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return
        if not _alive(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def wait_healthy(self, url: str, *, deadline: float) -> None:
        last = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError) as exc:
                last = exc
            time.sleep(0.2)
        raise ClusterError(f"{url}/healthz did not answer 200 in time ({last})" + self._logs_tail())

    def status(self) -> dict[str, str]:
        names = ["nginx", *[f"node-{i}" for i in range(self.node_count)], "worker", "redis"]
        result = {}
        for name in names:
            pid = self.pid(name)
            result[name] = f"running (pid {pid})" if pid and _alive(pid) else "stopped"
        for which in ("primary", "replica"):
            if self.state.get("pg_root"):
                data = Path(self.state["pg_root"]) / which
                running = data.exists() and self._pg_ctl(which, "status", check=False).returncode == 0
                result[f"postgres-{which}"] = "running" if running else "stopped"
        return result

    def _tail(self, path: Path, lines: int = 20) -> str:
        try:
            return "\n--- " + str(path) + "\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def _logs_tail(self) -> str:
        return "".join(self._tail(path, 10) for path in sorted(self.log_dir.glob("*.log")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument("--dir", default=None, help="the cluster's folder (default var/cluster/)")
    parser.add_argument("--nodes", type=int, default=2, help="gunicorn app nodes (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1 (default 8080)")
    parser.add_argument("--seed-demo", choices=["small", "county", "none"], default="none",
                        help="create the demo data when the database is empty")
    parser.add_argument("--wait", action="store_true", help="after up, stay in the foreground; Ctrl-C stops all")
    args = parser.parse_args(argv)
    cluster = Cluster(args.dir, nodes=args.nodes, port=args.port)
    if args.command == "down":
        cluster.down()
        return 0
    if args.command == "status":
        if not cluster.state:
            print("cluster: not set up", file=sys.stderr)
            return 1
        for name, state in cluster.status().items():
            print(f"{name:18} {state}")
        print(f"{'nginx':18} {cluster.url}")
        return 0
    try:
        seconds = cluster.up(seed_demo=args.seed_demo)
    except ClusterError as exc:
        print(f"cluster: {exc}", file=sys.stderr)
        return 1
    print(f"cluster: up in {seconds:.1f} s — Pacesetter at {cluster.url}/ "
          f"({cluster.node_count} app nodes, PostgreSQL primary :{cluster.state['pg_primary_port']} "
          f"+ replica :{cluster.state['pg_replica_port']}, Redis :{cluster.state['redis_port']}; folder {cluster.dir})")
    if not args.wait:
        return 0
    stop = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.append(1))
    print("cluster: Ctrl-C stops it", file=sys.stderr)
    while not stop:
        time.sleep(0.5)
    cluster.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
