"""`anjian worker` (what `make run` starts beside the server) parses its options and keeps running."""

import os
import subprocess
import sys
import time
from pathlib import Path

from anjian.core.management.commands.worker import Command

ROOT = Path(__file__).resolve().parents[2]


def test_the_options_make_run_uses_are_accepted():
    options = Command().create_parser("anjian", "worker").parse_args(["--quiet", "--workers", "1"])
    assert options.quiet is True and options.workers == 1


def test_the_worker_starts_and_keeps_running_on_its_sqlite_queue(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(ANJIAN_DATA_DIR=str(tmp_path), ANJIAN_TASKS_IMMEDIATE="0")
    worker = subprocess.Popen([sys.executable, "-m", "anjian", "worker", "--quiet"], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        time.sleep(4)
        assert worker.poll() is None, worker.stdout.read().decode()
        assert (tmp_path / "queue.sqlite3").exists()  # the embedded queue, no server
    finally:
        worker.terminate()
        worker.wait(timeout=20)
