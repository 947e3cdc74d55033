"""What every fake service shares: served from a daemon thread on a free loopback port."""

from __future__ import annotations

import threading
from typing import Any, Self


class LoopbackService:
    """`start` / `stop`, a with-block and `port` for a server bound to 127.0.0.1.

    A subclass says how to bind its server (:meth:`_open`, to port 0 so the system picks
    a free one), how to serve (:meth:`_serve`) and how to shut down (:meth:`_shut`).
    """

    #: The serving thread's name, as thread dumps show it.
    thread_name = "fake-service"
    _server: Any = None
    _thread: threading.Thread | None = None

    def _open(self) -> Any:
        """A bound server, not yet serving."""
        raise NotImplementedError

    def _serve(self, server: Any) -> None:
        server.serve_forever()

    def _shut(self, server: Any) -> None:
        """Stop `server` serving and close its socket; `serve_forever` then returns."""
        server.shutdown()

    def start(self) -> Self:
        """Bind a free loopback port and serve in a daemon thread; returns ``self``."""
        if self._server is not None:
            return self
        self._server = self._open()
        self._thread = threading.Thread(
            target=self._serve, args=(self._server,), name=self.thread_name, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        server, self._server = self._server, None
        if server is None:
            return
        self._shut(server)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port (the server must be started)."""
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return self._server.socket.getsockname()[1]
