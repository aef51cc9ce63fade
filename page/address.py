"""Where ``python app.py`` serves the page: the host and port, from the command line or the environment.

Command-line ``--host`` / ``--port`` win; then mtrepair's own variables,
``MTREPAIR_HOST`` / ``MTREPAIR_PORT``; then Gradio's, ``GRADIO_SERVER_NAME``
/ ``GRADIO_SERVER_PORT``, which people who deploy Gradio apps already set
(Gradio reads them only when ``launch`` is given no address, and the page
always gives one); then 127.0.0.1 (this machine only) and 7860.  Imports no
Gradio, so that it can be checked in a blink.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
HOST_VARIABLES = ("MTREPAIR_HOST", "GRADIO_SERVER_NAME")
PORT_VARIABLES = ("MTREPAIR_PORT", "GRADIO_SERVER_PORT")


def server_address(argv: Sequence[str] | None, environ: Mapping[str, str]) -> tuple[str, int]:
    """(host, port) for ``app.py``'s arguments ``argv``; a bad value stops with one line (argparse's exit 2)."""
    parser = argparse.ArgumentParser(description="Serve mtrepair's web page.")
    parser.add_argument("--host", help=f"default: ${' or $'.join(HOST_VARIABLES)}, else {DEFAULT_HOST} (this "
                                       f"machine only; 0.0.0.0 lets other machines in)")
    parser.add_argument("--port", type=_port, help=f"default: ${' or $'.join(PORT_VARIABLES)}, else {DEFAULT_PORT}")
    args = parser.parse_args(argv)
    host = args.host or _first(environ, HOST_VARIABLES) or DEFAULT_HOST
    if args.port is not None:
        return host, args.port
    for name in PORT_VARIABLES:
        if environ.get(name, "").strip():
            try:
                return host, _port(environ[name])
            except argparse.ArgumentTypeError as error:
                parser.error(f"{name}={environ[name]!r}: {error}")
    return host, DEFAULT_PORT


def _first(environ: Mapping[str, str], names: Sequence[str]) -> str | None:
    return next((environ[name].strip() for name in names if environ.get(name, "").strip()), None)


def _port(text: str) -> int:
    try:
        port = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port
