"""Serve the web chat page (web/) for `make run`.

    WEB_HOST (127.0.0.1), WEB_PORT (8080), RASA_PORT (5005), RASA_PUBLIC_URL (unset)

Only the files in web/ are served (a fixed directory, no listings). ``/config.js`` tells the page
where the Rasa server is: RASA_PUBLIC_URL when set, otherwise the page's own host name on
RASA_PORT (http://localhost:5005 when the page is opened at http://localhost:8080). HTML pages
get a Content-Security-Policy that allows scripts and styles from this server only and
connections to that Rasa server only, so even a rendering mistake could not run injected code.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

WEB_ROOT = Path(__file__).resolve().parent.parent / "web"


def rasa_url(host_header: str | None) -> str:
    public = os.environ.get("RASA_PUBLIC_URL", "").strip().rstrip("/")
    if public:
        return public
    hostname = urlsplit(f"//{host_header}").hostname if host_header else None
    if not hostname or any(c in hostname for c in "\"'<>\\ ;"):
        hostname = "localhost"
    if ":" in hostname:  # an IPv6 literal
        hostname = f"[{hostname}]"
    return f"http://{hostname}:{os.environ.get('RASA_PORT', '5005')}"


class Handler(SimpleHTTPRequestHandler):
    server_version = "backbump-web"
    sys_version = ""

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        if self.path.split("?")[0].endswith((".html", "/")):
            connect = rasa_url(self.headers.get("Host"))
            self.send_header(
                "Content-Security-Policy",
                f"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                f"connect-src 'self' {connect}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
            )
            self.send_header("X-Frame-Options", "SAMEORIGIN")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?")[0]
        if path == "/config.js":
            config = {"serverUrl": rasa_url(self.headers.get("Host"))}
            return self._send(f"window.BACKBUMP_CONFIG = {json.dumps(config)};\n", "text/javascript; charset=utf-8")
        if path == "/healthz":
            return self._send("ok\n", "text/plain")
        super().do_GET()

    def _send(self, text: str, content_type: str) -> None:
        body = text.encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def list_directory(self, path):  # no directory listings
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def log_message(self, format: str, *args) -> None:  # quiet: run.sh's output stays readable
        pass


Handler.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    args = parser.parse_args()
    try:
        httpd = ThreadingHTTPServer((args.host, args.port), partial(Handler, directory=str(WEB_ROOT)))
    except OSError as error:
        print(f"web server: cannot listen on {args.host}:{args.port}: {error.strerror} (set WEB_PORT to a free port)", file=sys.stderr)
        return 1
    httpd.daemon_threads = True
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
