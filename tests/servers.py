"""The demo server as the tests start it: its own database, on a free loopback port, stopped afterwards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def demo_server(var: Path, *commands: list[str]):
    """Migrate a fresh database, run the taxonomy and `commands` (django-admin argument lists), serve; yield the URL.

    The settings are the test run's (the demo's on SQLite, or `tests.settings_mariadb` with a new database).
    """
    settings = os.environ.get("DJANGO_SETTINGS_MODULE", "tests.settings")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "DIGICOMP_VAR_DIR": str(var)}
    if settings == "tests.settings_mariadb":
        from tests.mariadb import create_database

        env["DIGICOMP_MARIADB_NAME"] = create_database(f"digicomp_demo_{os.getpid()}_{var.name}")
    admin = [sys.executable, "-m", "django"]
    for command in (["migrate", "--run-syncdb", "--verbosity", "0"], ["digicomp_taxonomy"], *commands):
        subprocess.run(admin + command, env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    with open(var / "server.err", "w", encoding="utf-8") as errors:
        server = subprocess.Popen(admin + ["runserver", f"127.0.0.1:{port}", "--noreload"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=errors)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(url + "/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError(f"demo server did not start: {(var / 'server.err').read_text()}")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)
