"""Where the page is served (page/address.py): --host/--port, then MTREPAIR_*, then Gradio's GRADIO_SERVER_*."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT

from page.address import server_address


@pytest.mark.parametrize("argv, environ, expected", [
    ([], {}, ("127.0.0.1", 7860)),
    ([], {"GRADIO_SERVER_PORT": "7999", "GRADIO_SERVER_NAME": "0.0.0.0"}, ("0.0.0.0", 7999)),
    ([], {"GRADIO_SERVER_PORT": "7999", "MTREPAIR_PORT": "8001"}, ("127.0.0.1", 8001)),
    (["--port", "8080", "--host", "::1"], {"GRADIO_SERVER_PORT": "7999", "MTREPAIR_HOST": "0.0.0.0"}, ("::1", 8080)),
    ([], {"GRADIO_SERVER_PORT": " ", "MTREPAIR_HOST": "10.0.0.1"}, ("10.0.0.1", 7860)),
])
def test_the_command_line_then_mtrepairs_then_gradios_variables(argv, environ, expected):
    assert server_address(argv, environ) == expected


@pytest.mark.parametrize("environ, fragment", [
    ({"GRADIO_SERVER_PORT": "http"}, "GRADIO_SERVER_PORT='http': 'http' is not a port number (1-65535)"),
    ({"MTREPAIR_PORT": "70000"}, "MTREPAIR_PORT='70000': 70000 is not a port number (1-65535)"),
])
def test_a_bad_port_in_the_environment_is_one_line(environ, fragment, capsys):
    with pytest.raises(SystemExit) as stop:
        server_address([], environ)
    err = capsys.readouterr().err
    assert stop.value.code == 2 and fragment in err and "Traceback" not in err


def test_python_app_py_serves_on_gradio_server_port(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "HF_HUB_OFFLINE": "1",
           "MTREPAIR_MODEL_AR_EN": "/nonexistent", "MTREPAIR_MODEL_EN_AR": "/nonexistent"}
    env.pop("MTREPAIR_PORT", None)
    log = tmp_path / "app.log"
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log.open("wb"),
                               stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    assert answer.status == 200
                    return
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"app.py did not serve on {port}:\n{log.read_text(errors='replace')[-3000:]}")
    finally:
        process.terminate()
        process.wait(timeout=30)
