"""A local HTTP endpoint that records what it receives: the stand-in for a robot webhook or an SMS
gateway (the real ones are on the internet, which tests never reach)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Endpoint:
    url: str
    received: list[dict] = field(default_factory=list)
    fail_next: int = 0  # answer this many requests with HTTP 500


@pytest.fixture
def endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    state = Endpoint(url=f"http://127.0.0.1:{server.server_port}/hook")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 — http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if state.fail_next > 0:
                state.fail_next -= 1
                self.send_response(500)
            else:
                state.received.append(json.loads(body or b"{}"))
                self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
