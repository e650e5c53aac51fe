"""`anjian serve`: one waitress process, or granian's worker processes with --workers N > 1; both
answer on the port they were given and stop on SIGTERM."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(path.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(path.parent.name))
        except OSError:
            continue
    return found


def _get(port: int, deadline: float, server: subprocess.Popen) -> tuple[int, str]:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
                return response.status, response.read().decode()
        except OSError:
            if server.poll() is not None or time.time() > deadline:
                raise AssertionError(server.stdout.read().decode()) from None
            time.sleep(0.3)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_server_answers_and_stops(tmp_path, workers):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(ANJIAN_DATA_DIR=str(tmp_path))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "anjian", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        status, page = _get(port, time.time() + 60, server)
        assert status == 200 and "登录" in page
        if workers > 1:  # granian: a main process and one process per worker
            assert len(_children(server.pid)) >= workers
    finally:
        server.terminate()
        assert server.wait(timeout=30) is not None
    output = server.stdout.read().decode()
    assert f"http://127.0.0.1:{port}/" in output
    assert ("granian" in output) == (workers > 1)


def test_nonsense_counts_are_refused():
    with pytest.raises(CommandError, match="至少为 1"):
        call_command("serve", "--workers", "0")
