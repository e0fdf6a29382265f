"""Running the app under uvicorn, with TCP_NODELAY on every connection.

With ``--workers N`` uvicorn binds the listening socket itself, and the connections
accepted on it do not get TCP_NODELAY (asyncio sets it only on sockets created with the TCP
protocol number): a response written as headers then body then waits for the client's
delayed ACK, about 40 ms on Linux, on every request. Linux hands TCP_NODELAY from the
listening socket down to the accepted ones, so :func:`run` sets it there. One worker goes
through ``uvicorn.run`` unchanged (asyncio sets TCP_NODELAY itself then).

    python -m sellerops.web.server --port 8000 --workers 2   # what bench/web.py starts
"""

from __future__ import annotations

import argparse
import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

APP = "sellerops.web.app:create_app"


def run(app: Any, *, workers: int = 1, **options: Any) -> None:
    """``uvicorn.run(app, workers=workers, **options)``, with TCP_NODELAY on the listening
    socket when there are several workers (``app`` is then an import string)."""
    if workers <= 1:
        uvicorn.run(app, **options)
        return
    config = uvicorn.Config(app, workers=workers, **options)
    sock = config.bind_socket()
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the web app (see the module's doc).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args()
    run(APP, factory=True, workers=args.workers, host=args.host, port=args.port,
        access_log=not args.no_access_log, log_level=args.log_level, server_header=False)  # fmt: skip


if __name__ == "__main__":
    main()
