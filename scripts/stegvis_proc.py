"""Shared by scripts/crash-test and scripts/soak: run the real `stegvis` binary as a child process
on a loopback port and talk to it over HTTP with the standard library only."""

import http.client
import json
import os
import socket
import subprocess
import time

ADMIN_PASSWORD = "proc-admin-password"
STAFF_PASSWORD = "proc-staff-password"
JWT_SECRET = "proc-secret-0123456789abcdef0123456789abcdef"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The server binary on `data_dir` (SQLite) and `port`; start() again after a kill restarts it."""

    def __init__(self, binary, data_dir, port=None, extra_env=None):
        self.binary = binary
        self.data_dir = data_dir
        self.port = port or free_port()
        self.extra_env = extra_env or {}
        self.proc = None
        self.log = open(os.path.join(data_dir, "server.log"), "ab")

    def start(self):
        env = dict(os.environ)
        env.update({
            "STEGVIS_BIND": f"127.0.0.1:{self.port}",
            "STEGVIS_DATA_DIR": self.data_dir,
            "STEGVIS_DATABASE_URL": "",
            "DATABASE_URL": "",
            "STEGVIS_FRONTEND_DIR": os.path.join(self.data_dir, "no-frontend"),
            "STEGVIS_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "STEGVIS_JWT_SECRET": JWT_SECRET,
            "STEGVIS_ACCESS_TOKEN_TTL": "7200",
            "RUST_LOG": "warn",
        })
        env.update(self.extra_env)
        self.proc = subprocess.Popen([self.binary], env=env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}; see {self.log.name}")
            try:
                status, _ = self.call("GET", "/readyz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the server did not become ready within 60 s")

    def kill9(self):
        self.proc.kill()  # SIGKILL: no shutdown, no flush
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def memory_kib(self):
        """The server's resident memory from /proc/PID/status, in KiB: VmRSS and its parts
        RssAnon (heap and stacks), RssFile (file pages mapped in: code, the SQLite database file's
        memory map) and RssShmem."""
        out = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                    out[key] = int(rest.split()[0])
        return out

    def call(self, method, path, token=None, body=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = {"Content-Type": "application/json"}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            data = json.dumps(body).encode() if body is not None else None
            conn.request(method, path, body=data, headers=headers)
            res = conn.getresponse()
            raw = res.read()
            try:
                payload = json.loads(raw) if raw else None
            except ValueError:
                payload = raw.decode(errors="replace")
            return res.status, payload
        finally:
            conn.close()

    def login(self, username, password):
        status, body = self.call("POST", "/api/v1/auth/login", body={"username": username, "password": password})
        if status != 200:
            raise RuntimeError(f"login {username}: {status} {body}")
        return body["access_token"]

    def caseworker(self):
        """Creates a unit and a caseworker in it; returns (token, unit_id)."""
        admin = self.login("admin", ADMIN_PASSWORD)
        status, unit = self.call("POST", "/api/v1/units", admin, {"name": "Provenheten"})
        assert status == 201, (status, unit)
        username = f"provare.{os.getpid()}"
        status, staff = self.call("POST", "/api/v1/staff", admin, {
            "username": username, "display_name": "Test Provare", "password": STAFF_PASSWORD,
            "role": "caseworker", "unit_ids": [unit["id"]]})
        assert status == 201, (status, staff)
        return self.login(username, STAFF_PASSWORD), unit["id"]


def participant(unit_id, n):
    """A fictional participant without personnummer (so no real-looking number reaches any log)."""
    return {
        "first_name": "Prov", "last_name": f"Deltagare{n}", "gender": "man", "unit_id": unit_id,
        "housing_situation": "shelter", "main_substance": "alcohol",
        "income_source": "financial_assistance",
    }


def binary_from_env(root):
    """STEGVIS_BIN, else the release build, else the debug build in CARGO_TARGET_DIR (or target)."""
    if os.environ.get("STEGVIS_BIN"):
        return os.environ["STEGVIS_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    for profile in ("release", "debug"):
        path = os.path.join(target, profile, "stegvis")
        if os.path.exists(path):
            return path
    raise SystemExit("no stegvis binary: build it (cargo build --release) or set STEGVIS_BIN")
