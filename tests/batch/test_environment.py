"""The machine, not the article: a full disk, a read-only folder, Ctrl-C. Nothing of these is
remembered as the article's failure; the report names the real cause and the next run redoes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from accessnews.batch import BatchSettings, run_batch
from accessnews.batch.work import Task
from accessnews.braille.writer import BrailleOptions
from accessnews.render import RenderOptions
from accessnews.speech.writer import AudioOptions

from ..conftest import tmpfs
from .conftest import batch_under_way, many, write_zip

BOTH = RenderOptions(audio=AudioOptions(), braille=BrailleOptions())
BRAILLE = RenderOptions(braille=BrailleOptions())
ONE = BatchSettings(jobs=1, time_limit=60)
NO_SPACE = "No space left on device"


def _leftovers(out: Path) -> list[Path]:
    """Temporary files and encoder folders of this tool anywhere under `out`."""
    return [*out.rglob("*.accessnews.tmp"), *out.rglob(".accessnews-????????")]


def test_a_full_disk_is_named_retried_and_stops_the_batch(tmp_path: Path, articles: dict) -> None:
    archive = write_zip(tmp_path / "day.zip", many(articles, 2))
    with tmpfs(tmp_path / "disk", "300k") as disk:
        out = disk / "out"
        report = run_batch(archive, out, BOTH, ONE)
        lines = [report.lines[i] for i in sorted(report.lines)]
        failed = [line for line in lines if line.status == "failed"]
        stopped = [line for line in lines if line.reason and "stopped early" in line.reason]
        assert 1 <= len(failed) <= 2 and len(stopped) >= len(lines) - 3, report.details()
        assert all(NO_SPACE in str(line.error) for line in failed), report.details()
        assert all(NO_SPACE in str(line.reason) for line in stopped)
        assert "LAME failed" not in report.details() or f"{NO_SPACE} (" in report.details()
        assert not _leftovers(out)

        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        again = run_batch(archive, out, BOTH, ONE)
        assert not again.failed, again.summary()
        assert {line.status for line in again.lines.values()} <= {"rendered", "skipped"}
        assert sum(line.status == "rendered" for line in again.lines.values()) >= len(lines) - 1
        assert not _leftovers(out)


def test_a_read_only_folder_inside_outdir_fails_its_members_and_stops(
    tmp_path: Path, articles: dict
) -> None:
    out = tmp_path / "out"
    (out / "news").mkdir(parents=True)
    with tmpfs(out / "news", "1m", read_only=True):
        report = run_batch(write_zip(tmp_path / "a.zip", articles), out, BRAILLE, ONE)
        data = json.loads((out / "report.json").read_text())
    by_member = {m["member"]: m for m in data["members"]}
    for name in ("news/b.md", "news/c.html"):
        assert by_member[name]["status"] == "failed"
        assert "Read-only file system" in by_member[name]["error"]
    assert report.failed and by_member["a.txt"]["status"] == "rendered"
    # A read-only disk fails every article after it: the rest were not attempted.
    assert "stopped early (Read-only file system)" in by_member["d.html"]["reason"]
    again = run_batch(tmp_path / "a.zip", out, BRAILLE, ONE)  # the disk is writable again
    assert not again.failed and again.counts()["rendered"] == 3


def test_ctrl_c_writes_the_report_and_removes_temporary_files(
    tmp_path: Path, articles: dict
) -> None:
    """Ctrl-C as a terminal sends it (to the whole process group) while audio is being encoded."""
    archive, out = write_zip(tmp_path / "many.zip", many(articles, 6)), tmp_path / "out"
    batch = batch_under_way(archive, out, "--jobs", "2", finished=2)
    os.killpg(batch.pid, signal.SIGINT)
    _, stderr = batch.communicate(timeout=30)
    assert batch.returncode == 130 and "accessnews: interrupted" in stderr.decode()
    report = json.loads((out / "report.json").read_text())
    assert report["interrupted"] is True and report["totals"]["rendered"] >= 2
    assert any(m.get("error", "").startswith("interrupted") for m in report["members"])
    assert not _leftovers(out)
    assert "Traceback" not in stderr.decode()


def test_ctrl_c_in_process_marks_what_was_running(tmp_path: Path, articles: dict) -> None:
    out = tmp_path / "out"

    def interrupt(task: Task, pid: int) -> None:
        if task.name == "news/c.html":  # a worker has begun writing, then Ctrl-C
            (out / "news" / ".c.pef.abcd1234.accessnews.tmp").write_bytes(b"<?xml half")
            signal.raise_signal(signal.SIGINT)

    archive = write_zip(tmp_path / "a.zip", articles)
    with pytest.raises(KeyboardInterrupt):
        run_batch(archive, out, BRAILLE, ONE, on_start=interrupt)
    report = json.loads((out / "report.json").read_text())
    assert report["interrupted"] is True
    by_member = {m["member"]: m for m in report["members"]}
    assert by_member["a.txt"]["status"] == "rendered" and "d.html" not in by_member
    # b's result may still have been on its way to the parent: then it is redone next time
    assert by_member["news/c.html"]["error"].startswith("interrupted before it finished")
    assert not _leftovers(out)
    again = run_batch(archive, out, BRAILLE, ONE)
    assert not again.failed and again.lines[0].reason == "unchanged since the last run"
    assert {again.lines[index].status for index in (2, 3)} == {"rendered"}
