"""`accessnews batch` as a user runs it: a real subprocess, real engines, outputs read back."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import signal
import subprocess
import sys
from pathlib import Path

from .conftest import batch_under_way, check_outputs, many, write_tar, write_zip

ROOT = Path(__file__).resolve().parents[2]


def _batch(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "accessnews", "batch", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_audio_and_braille_end_to_end(tmp_path: Path, seed_path: Path, pef_schema_dir) -> None:
    """The reference article in a tar.gz, with every writer on; chapters come back via mutagen."""
    from mutagen.id3 import ID3

    archive = write_tar(tmp_path / "day.tar.gz", {"2017/vigil.txt": seed_path.read_bytes()})
    done = _batch(archive, "-o", tmp_path / "out", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert "1 members: 1 rendered, 0 skipped, 0 failed" in done.stdout
    assert "[1/1] rendered 2017/vigil.txt" in done.stderr  # not a terminal: plain log lines
    out = tmp_path / "out"
    (member,) = json.loads((out / "report.json").read_text())["members"]
    assert member["metrics"]["duration"] > 60 and member["metrics"]["chapters"] >= 1
    assert member["metrics"]["pages"] >= 2
    names = {Path(f).name for f in member["files"]}
    assert {"vigil.mp3", "vigil.pef", "vigil.brf", "vigil.model.json"} <= names
    assert len(ID3(out / "2017/vigil.mp3").getall("CHAP")) == member["metrics"]["chapters"]
    assert check_outputs(out, pef_schema_dir) == len(names) + 1


def test_failures_give_a_non_zero_exit_and_a_summary(tmp_path: Path, articles: dict) -> None:
    archive = write_zip(tmp_path / "a.zip", {"a.txt": articles["a.txt"], "/abs.txt": b"x"})
    done = _batch(archive, "-o", tmp_path / "out", "--no-audio", "--verbose")
    assert done.returncode == 1
    assert "FAILED /abs.txt: refused: absolute path" in done.stdout
    assert "rendered a.txt -> a: pages " in done.stdout  # --verbose: a line per member
    assert "failed   /abs.txt -> -: refused: absolute path" in done.stdout
    assert not Path("/abs.txt").exists()


def test_bad_archive_and_options_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    for args, message in (
        ((tmp_path / "notes.pdf",), "not a directory, zip, tar"),
        ((tmp_path / "missing.zip",), "no such file"),
        ((tmp_path, "--jobs", "0"), "--jobs must be at least 1"),
    ):
        done = _batch(*args, "-o", tmp_path / "out", "--no-audio")
        assert done.returncode != 0 and "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines()[-1].startswith("accessnews: error:")
        assert message in done.stderr


def test_kill_9_then_rerun_completes_with_valid_outputs(
    tmp_path: Path, articles: dict, pef_schema_dir
) -> None:
    """kill -9 the whole batch (parent and workers) mid-run; no final-named file is broken."""
    members = many(articles, 10)
    archive, out = write_zip(tmp_path / "many.zip", members), tmp_path / "out"
    batch = batch_under_way(archive, out, "--no-audio", "--jobs", "2", finished=4)
    os.killpg(batch.pid, signal.SIGKILL)
    batch.wait()
    assert not (out / "report.json").exists(), "the batch finished before it could be killed"
    check_outputs(out, pef_schema_dir)

    done = _batch(archive, "-o", out, "--no-audio", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    totals = json.loads((out / "report.json").read_text())["totals"]
    assert totals["failed"] == 0 and totals["rendered"] + totals["skipped"] == len(members)
    assert totals["skipped"] >= 4  # what the killed run finished is not redone
    assert check_outputs(out, pef_schema_dir) == 5 * len(members) + 1
    assert not list(out.rglob(".*.tmp"))  # the killed run's temporary files are cleared


def test_progress_line_on_a_terminal(tmp_path: Path, articles: dict) -> None:
    """On a real terminal (a pty): one rewritten status line with done/total, failures, ETA."""
    terminal, stderr = pty.openpty()
    archive = write_zip(tmp_path / "a.zip", {**articles, "empty.txt": b""})
    command = [sys.executable, "-m", "accessnews", "batch", str(archive), "--no-audio"]
    subprocess.run(
        [*command, "-o", str(tmp_path / "out")],
        stderr=stderr,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
        timeout=120,
    )
    os.close(stderr)
    shown = b""
    with contextlib.suppress(OSError):  # EIO once everything written has been read
        while chunk := os.read(terminal, 65536):
            shown += chunk
    os.close(terminal)
    assert b"\r\x1b[K5/5 done, 1 failed, elapsed 0:0" in shown and b"ETA" in shown
    assert b"[5/5]" not in shown  # log lines are for pipes and files only
