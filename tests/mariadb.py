"""Run the database-bound tests against a throw-away MariaDB server on loopback.

    python -m tests.mariadb [pytest arguments]      (`make test` runs it after the SQLite suite)

Debian's mariadb-server provides the server; the data directory lives in a temporary folder and is deleted
afterwards. The tests marked `mariadb` run with `tests.settings_mariadb`, which reads the port from
DIGICOMP_MARIADB_PORT. Exit status: pytest's, or 3 when MariaDB is not installed. `bench/cohort.py --database
mariadb` starts and stops its server with the same functions.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.servers import free_port

USER = "digicomp"
PASSWORD = "digicomp-tests"
SERVER = next((p for p in ("mariadbd", "/usr/sbin/mariadbd") if shutil.which(p)), None)
INSTALL_DB = shutil.which("mariadb-install-db")


def _wait_for(port: int, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"MariaDB stopped while starting:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"MariaDB did not listen on port {port} within {seconds} s")


def start(folder: Path) -> tuple[subprocess.Popen, int]:
    """Initialise a data directory in `folder` and start a server on 127.0.0.1 with a test user."""
    data, log = folder / "data", folder / "server.log"
    root = ["--user=root"] if os.geteuid() == 0 else []  # the server refuses root unless told so
    subprocess.run([INSTALL_DB, "--no-defaults", f"--datadir={data}", "--skip-test-db",
                    "--auth-root-authentication-method=normal", *root],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    init = folder / "init.sql"
    init.write_text(f"CREATE USER '{USER}'@'127.0.0.1' IDENTIFIED BY '{PASSWORD}';\n"
                    f"GRANT ALL PRIVILEGES ON *.* TO '{USER}'@'127.0.0.1';\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([SERVER, "--no-defaults", f"--datadir={data}", f"--socket={folder / 'sock'}",
                               f"--pid-file={folder / 'pid'}", "--bind-address=127.0.0.1", f"--port={port}",
                               "--skip-name-resolve", f"--init-file={init}", f"--log-error={log}",
                               "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                               "--innodb-flush-log-at-trx-commit=2", *root],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, server, log)
    except RuntimeError:
        server.kill()
        raise
    return server, port


def stop(server: subprocess.Popen) -> None:
    """Stop a server that `start` started (killed when it does not stop within a minute)."""
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def environment(port: int) -> dict[str, str]:
    """The environment variables that point `database_settings` (and `create_database`) at the server on `port`."""
    return {"DIGICOMP_MARIADB_PORT": str(port), "DIGICOMP_MARIADB_USER": USER, "DIGICOMP_MARIADB_PASSWORD": PASSWORD}


def database_settings() -> dict:
    """Django's settings of a database on the server that DIGICOMP_MARIADB_PORT names (`environment`), the
    database DIGICOMP_MARIADB_NAME (default "digicomp")."""
    return {
        "ENGINE": "django.db.backends.mysql",
        "HOST": "127.0.0.1",
        "PORT": os.environ.get("DIGICOMP_MARIADB_PORT", "3306"),
        "NAME": os.environ.get("DIGICOMP_MARIADB_NAME", "digicomp"),
        "USER": os.environ.get("DIGICOMP_MARIADB_USER", USER),
        "PASSWORD": os.environ.get("DIGICOMP_MARIADB_PASSWORD", ""),
        "OPTIONS": {"charset": "utf8mb4"},
        "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
    }


def _execute(statement: str) -> None:
    import MySQLdb

    connection = MySQLdb.connect(host="127.0.0.1", port=int(os.environ["DIGICOMP_MARIADB_PORT"]), user=USER,
                                 password=PASSWORD)
    try:
        connection.cursor().execute(statement)
    finally:
        connection.close()


def create_database(name: str) -> str:
    """Create database `name` on the server of this run (for a demo server of its own); returns the name."""
    _execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    return name


def drop_database(name: str) -> None:
    """Drop database `name` on the server of this run."""
    _execute(f"DROP DATABASE `{name}`")


def main(args: list[str]) -> int:
    if not (SERVER and INSTALL_DB):
        print("MariaDB is not installed (Debian: apt-get install mariadb-server libmariadb-dev pkg-config).",
              file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory(prefix="digicomp-mariadb-") as folder:
        server, port = start(Path(folder))
        print(f"MariaDB {SERVER} on 127.0.0.1:{port}", flush=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings_mariadb", **environment(port)}
        try:
            return subprocess.run([sys.executable, "-m", "pytest", "-m", "mariadb", *args], env=env,
                                  check=False).returncode
        finally:
            stop(server)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
