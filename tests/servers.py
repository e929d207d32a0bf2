"""The demo server as the tests start it: its own database, on a free loopback port, stopped (or killed) by them."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

#: How long a demo server may take to answer its first request.
STARTUP_SECONDS = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DemoServer:
    """The demo on a database of its own (the test run's settings: the demo's SQLite, or `tests.settings_mariadb`
    with a new database), prepared once and served as often as a test starts it."""

    def __init__(self, var: Path, *commands: list[str]):
        settings = os.environ.get("DJANGO_SETTINGS_MODULE", "tests.settings")
        self.var = var
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "DIGICOMP_VAR_DIR": str(var)}
        if settings == "tests.settings_mariadb":
            from tests.mariadb import create_database

            self.env["DIGICOMP_MARIADB_NAME"] = create_database(f"digicomp_demo_{os.getpid()}_{var.name}")
        for command in (["migrate", "--run-syncdb", "--verbosity", "0"], ["digicomp_taxonomy"], *commands):
            self.admin(*command)
        self.process = None
        self.url = ""

    def admin(self, *command: str) -> str:
        """Run a django-admin command on the server's database; its output."""
        return subprocess.run([sys.executable, "-m", "django", *command], env=self.env, check=True,
                              capture_output=True, text=True).stdout

    def start(self) -> str:
        port = free_port()
        with open(self.var / "server.err", "a", encoding="utf-8") as errors:
            self.process = subprocess.Popen([sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}",
                                             "--noreload"], env=self.env, stdout=subprocess.DEVNULL, stderr=errors)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS  # generous: a loaded two-core machine starts Django slowly
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)
                return self.url
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"demo server did not start: {(self.var / 'server.err').read_text()}")

    def last_error(self) -> str:
        """The server's last logged traceback of a request (what a 5xx was), or ""."""
        log = (self.var / "server.err").read_text(encoding="utf-8", errors="replace")
        found = log.split("Internal Server Error:")[1:]
        return ("Internal Server Error:" + found[-1])[-3000:] if found else ""

    def kill(self) -> None:
        """SIGKILL: no chance to finish a request or close a transaction."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@contextlib.contextmanager
def demo_server(var: Path, *commands: list[str]):
    """Migrate a fresh database, run the taxonomy and `commands` (django-admin argument lists), serve; yield the URL."""
    server = DemoServer(var, *commands)
    try:
        yield server.start()
    finally:
        server.stop()


class Visitor:
    """A browser-like client: its own cookies, and the CSRF token Django asks of a POST."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def call(self, url, payload=None, form=None):
        """(status, body) of a GET, a JSON POST (`payload`) or a form POST (`form`); never raises on a status."""
        headers = {"X-CSRFToken": next((c.value for c in self.cookies if c.name == "csrftoken"), "")}
        data = None
        if payload is not None:
            data, headers["Content-Type"] = json.dumps(payload).encode(), "application/json"
        elif form is not None:
            data = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": headers["X-CSRFToken"]}).encode()
        try:
            with self.opener.open(urllib.request.Request(url, data=data, headers=headers), timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def staff_export(base, usage):
    """The lecturer logs in like a person and asks for the per-learner export of the block: (status, body)."""
    lecturer = Visitor()
    lecturer.call(f"{base}/accounts/login/")
    status, _ = lecturer.call(f"{base}/accounts/login/", form={"username": "lecturer", "password": "lecturer"})
    assert status == 200
    query = urllib.parse.urlencode({"block": usage})
    return lecturer.call(f"{base}/digicomp/courses/{usage.split('.', 1)[0]}/cohort/export/learners.json?{query}")


def stored_rows(server: DemoServer, usage: str) -> list[dict]:
    """The dashboard's rows of a block, flat as the per-learner export writes them, read from the server's database:
    the demo's self-assessments keep answers to the learner, so no lecturer can download them."""
    script = (
        "import json; from digicomp_xblock.core import cohort; from digicomp_xblock.core.loader import get_framework; "
        "from digicomp_xblock.dashboard import api; "
        f"rows = api.rows({usage.split('.', 1)[0]!r}, [{usage!r}]); "
        "ids = cohort.covered_clusters(rows, [c.id for c in get_framework().clusters()]); "
        "print(json.dumps(cohort.learner_rows_for_export(rows, ids)))"
    )
    return json.loads(server.admin("shell", "--verbosity", "0", "-c", script))  # no "N objects imported" line
