"""Hand a job to CUPS with `lp`, as raw data: the queue (raw, or a braille queue of cups-filters)
passes the bytes to its device unchanged, so what accessnews checked is what is embossed."""

from __future__ import annotations

import re
import shutil
import subprocess

from ..errors import AccessnewsError

LP_TIMEOUT = 60  # seconds for lp to hand the job to the scheduler
_REQUEST = re.compile(r"request id is (\S+)")


def submit(data: bytes, *, printer: str | None, copies: int, title: str, interpoint: bool) -> str:
    """Queue `data` on `printer` (CUPS' default destination if None); the job id."""
    lp = shutil.which("lp")
    if lp is None:
        raise AccessnewsError("cannot find lp: install CUPS' client (Debian: cups-client)")
    command = [lp, "-o", "raw", "-n", str(copies), "-t", title]
    command += ["-o", "sides=two-sided-long-edge"] if interpoint else []
    command += ["-d", printer] if printer else []
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=LP_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise AccessnewsError(
            f"lp did not answer within {LP_TIMEOUT} s: is cupsd running?"
        ) from None
    message = done.stderr.decode(errors="replace").strip().splitlines()
    if done.returncode != 0:
        raise AccessnewsError(
            message[-1] if message else f"lp failed with status {done.returncode}"
        )
    match = _REQUEST.search(done.stdout.decode(errors="replace"))
    return match.group(1) if match else "?"
