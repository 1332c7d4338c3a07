"""Unix conventions: - for stdin, -q, progress only on request off a terminal, no overwriting
without --force, batch --dry-run, usage errors in one line with exit 2, --help and --version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORY = "Harbour barrier holds\n\nThe new barrier held back the highest tide in a decade.\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accessnews", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--voice", "klingon"], "unknown voice 'klingon'"),
        (["--bitrate", "1000"], "bitrate 1000 is not an MP3 bitrate"),
        (["--rate", "0"], "rate 0 is out of range"),
        (["--cells", "10"], "cells 10 is too small"),
        (["--page-numbers", "left"], "argument --page-numbers: invalid choice: 'left'"),
        (["--rate", "fast"], "argument --rate: invalid int value: 'fast'"),
    ],
)
def test_bad_values_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    done = run("render", "-", "-o", str(tmp_path), *args, stdin=STORY)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr


def test_stdin_quiet_and_no_clobber(tmp_path: Path) -> None:
    done = run("render", "-", "-o", str(tmp_path), "--no-audio", stdin=STORY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("article: braille 1 pages") and done.stderr == ""
    brf = tmp_path / "article.brf"
    before = brf.stat().st_mtime_ns
    again = run("render", "-", "-o", str(tmp_path), "--no-audio", stdin=STORY)
    assert again.returncode == 2
    assert again.stderr == (
        f"accessnews: error: {tmp_path}: article.brf, article.pef, article.braille.txt ... "
        "already exist; pass --force to overwrite them\n"
    )
    assert brf.stat().st_mtime_ns == before
    forced = run("render", "-", "-o", str(tmp_path), "--no-audio", "--force", "-q", stdin=STORY)
    assert (forced.returncode, forced.stdout, forced.stderr) == (0, "", "")
    assert brf.stat().st_mtime_ns > before
    assert run("render", "-", "-", "--no-audio", stdin=STORY).returncode == 2


def test_clean_reads_stdin() -> None:
    done = run("clean", "-", "--json", stdin=STORY)
    assert done.returncode == 0, done.stderr
    assert '"title": "Harbour barrier holds"' in done.stdout
    empty = run("clean", "-", stdin="")
    assert (empty.returncode, empty.stderr.startswith("accessnews: error: <stdin>")) == (2, True)


def test_progress_only_when_asked_off_a_terminal(tmp_path: Path) -> None:
    quiet = run("render", "-", "-o", str(tmp_path / "a"), "--no-braille", stdin=STORY)
    assert quiet.returncode == 0 and "\x1b[K" not in quiet.stderr
    shown = run("render", "-", "-o", str(tmp_path / "b"), "--no-braille", "--progress", stdin=STORY)
    assert "1/1 blocks" in shown.stderr and "\x1b[K" in shown.stderr


def test_batch_dry_run_lists_and_writes_nothing(tmp_path: Path) -> None:
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "one.txt").write_text(STORY)
    out = tmp_path / "out"
    done = run("batch", str(archive), "-o", str(out), "--dry-run", "--no-audio")
    assert (done.returncode, done.stdout) == (0, f"render one.txt -> {out / 'one'}.*\n")
    assert not out.exists()
    assert run("batch", str(archive), "-o", str(out), "--no-audio", "-q").returncode == 0
    (archive / "two.txt").write_text(STORY.replace("holds", "gives way"))
    done = run("batch", str(archive), "-o", str(out), "--dry-run", "--no-audio")
    assert done.stdout.splitlines()[0].startswith("skip one.txt (unchanged")
    assert done.stdout.splitlines()[1] == f"render two.txt -> {out / 'two'}.*"
    assert not (out / "two.brf").exists()


def test_help_shows_defaults_examples_and_exit_codes() -> None:
    text = run("render", "--help").stdout
    assert "MP3 bitrate (default: 64)" in text
    assert "(default: 40)" in text and "(default: 25)" in text
    assert "accessnews render story.html -o out/" in text
    assert "exit codes:" in text and "130  interrupted" in text
    for command in ("clean", "batch", "emboss", "voices"):
        assert "example" in run(command, "--help").stdout


def test_version_names_the_engines() -> None:
    lines = run("--version").stdout.splitlines()
    assert lines[0].startswith("accessnews ")
    assert [line.split()[0] for line in lines[1:]] == ["espeak-ng", "liblouis", "LAME"]
    assert all(any(c.isdigit() for c in line) for line in lines)
