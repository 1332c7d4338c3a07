"""A real CUPS scheduler for the emboss tests: cupsd on its own socket, with queues whose device
is an AppSocket (port 9100 style) listener on loopback, the way network embossers are reached.

Needs root (cupsd's backends) and cups, cups-filters and lp installed; skips cleanly otherwise.
"""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CUPSD = "/usr/sbin/cupsd"
BRAILLE_PPD = "drv:///generic-brf.drv/gen-brf.ppd"  # cups-filters' generic braille driver
JOB_TIMEOUT = 30  # seconds for a job to reach the device


@dataclass
class Device:
    """What the embosser would have received: one entry per connection from CUPS."""

    received: queue.Queue[bytes]

    def next_job(self) -> bytes:
        return self.received.get(timeout=JOB_TIMEOUT)


@dataclass(frozen=True)
class Cups:
    server: str  # the scheduler's socket, for CUPS_SERVER
    queues: tuple[str, ...]  # "raw": no driver; "braille": cups-filters' generic BRF driver
    device: Device


def _listen(server: socket.socket, device: Device) -> None:
    while True:
        try:
            conn, _ = server.accept()
        except OSError:
            return  # closed at the end of the session
        with conn:
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        device.received.put(b"".join(chunks))


def _config(root: Path) -> tuple[Path, Path]:
    for sub in ("etc", "spool/tmp", "cache", "state", "log"):
        (root / sub).mkdir(parents=True)
    cupsd_conf = root / "etc/cupsd.conf"
    cupsd_conf.write_text(
        f"Listen {root}/cups.sock\nBrowsing Off\nWebInterface No\nLogLevel warn\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
    )
    files_conf = root / "etc/cups-files.conf"
    files_conf.write_text(
        f"ServerRoot {root}/etc\nRequestRoot {root}/spool\nTempDir {root}/spool/tmp\n"
        f"CacheDir {root}/cache\nStateDir {root}/state\nErrorLog {root}/log/error_log\n"
        f"AccessLog {root}/log/access_log\nPageLog {root}/log/page_log\n"
    )
    return cupsd_conf, files_conf


def _wait_for(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture(scope="session")
def cups() -> Iterator[Cups]:
    missing = [tool for tool in (CUPSD, "lp", "lpadmin") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"CUPS is not installed ({', '.join(missing)} missing)")
    if os.geteuid() != 0:
        pytest.skip("cupsd's backends need root to run a private scheduler")
    # Under /tmp itself (not pytest's private tmp folder): cupsd's filter user must reach it.
    root = Path(tempfile.mkdtemp(prefix="accessnews-cups-"))
    root.chmod(0o755)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    device = Device(queue.Queue())
    threading.Thread(target=_listen, args=(listener, device), daemon=True).start()
    cupsd_conf, files_conf = _config(root)
    cupsd = subprocess.Popen(
        [CUPSD, "-f", "-c", str(cupsd_conf), "-s", str(files_conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not _wait_for(root / "cups.sock", 10):
            pytest.skip("cupsd did not start here")
        env = {**os.environ, "CUPS_SERVER": str(root / "cups.sock")}
        uri = f"socket://127.0.0.1:{port}/?waiteof=false&snmp=false"
        for name, model in (("raw", "raw"), ("braille", BRAILLE_PPD)):
            added = subprocess.run(
                ["lpadmin", "-p", name, "-E", "-v", uri, "-m", model],
                env=env,
                capture_output=True,
                text=True,
            )
            assert added.returncode == 0, added.stderr
        yield Cups(str(root / "cups.sock"), ("raw", "braille"), device)
    finally:
        cupsd.terminate()
        cupsd.wait(timeout=10)
        listener.close()
        shutil.rmtree(root, ignore_errors=True)
