"""The batch runner end to end (braille on, audio off: audio adds nothing these tests check)."""

from __future__ import annotations

import fcntl
import json
import os
import signal
from pathlib import Path

import pytest

from accessnews.batch import BatchSettings, run_batch
from accessnews.batch.manifest import MANIFEST_NAME
from accessnews.batch.outdir import LOCK_NAME
from accessnews.batch.work import Task, renderer_for
from accessnews.braille.writer import BrailleOptions
from accessnews.errors import AccessnewsError
from accessnews.model_json import loads
from accessnews.render import RenderOptions

from .conftest import check_outputs, write_tar, write_tree, write_warc, write_zip

BRAILLE = RenderOptions(audio=None, braille=BrailleOptions())
TWO = BatchSettings(jobs=2, time_limit=60)


def _statuses(outdir: Path) -> dict[str, str]:
    report = json.loads((outdir / "report.json").read_text())
    return {m["member"]: m["status"] for m in report["members"]}


def test_every_member_is_accounted_for(tmp_path: Path, articles: dict, pef_schema_dir) -> None:
    members = {
        **articles,
        "img/photo.jpg": b"\xff\xd8\xff",
        "empty.txt": b"",
        "../evil.txt": b"x",
        "news/B.md": articles["news/b.md"] + b"\n\nOne more paragraph.\n",  # collides with b.md
    }
    out = tmp_path / "out"
    report = run_batch(write_zip(tmp_path / "day.zip", members), out, BRAILLE, TWO)
    data = json.loads((out / "report.json").read_text())
    assert [m["member"] for m in data["members"]] == list(members)
    assert data["totals"] == {"rendered": 5, "skipped": 1, "failed": 2, "members": 8}
    by_name = {m["member"]: m for m in data["members"]}
    assert by_name["empty.txt"]["error"] == "empty.txt: the file is empty"
    assert by_name["../evil.txt"]["error"].startswith("refused")
    assert by_name["img/photo.jpg"]["reason"] == "not an article (by its file type)"
    assert {by_name["news/b.md"]["output"], by_name["news/B.md"]["output"]} == {
        "news/b",
        "news/B-md",
    }
    rendered = by_name["news/c.html"]
    assert set(rendered["files"]) == {
        f"news/c.{ext}" for ext in ("brf", "pef", "braille.txt", "proof.html", "model.json")
    }
    assert rendered["metrics"]["pages"] >= 1 and 0 < rendered["metrics"]["accuracy"] <= 1
    assert loads((out / "news/c.model.json").read_text()).headline
    assert check_outputs(out, pef_schema_dir) == 5 * 5 + 1  # five files per article and the report
    assert not list(tmp_path.glob("evil*")) and report.failed
    assert "FAILED empty.txt: empty.txt: the file is empty" in report.summary()


def test_rerun_redoes_only_what_changed(tmp_path: Path, articles: dict) -> None:
    archive, out = tmp_path / "a.zip", tmp_path / "out"
    run_batch(write_zip(archive, {**articles, "empty.txt": b""}), out, BRAILLE, TWO)
    again = run_batch(archive, out, BRAILLE, TWO)
    assert {line.reason for line in again.lines.values()} == {"unchanged since the last run"}
    assert all(line.metrics.get("pages") for line in again.lines.values() if line.files)
    failed = [line for line in again.lines.values() if line.status == "failed"]
    assert [(line.member, line.error) for line in failed] == [
        ("empty.txt", "empty.txt: the file is empty")
    ]
    assert "FAILED empty.txt: empty.txt: the file is empty (unchanged since" in again.summary()

    changed = {**articles, "a.txt": articles["a.txt"] + b"\n\nA correction was added.\n"}
    (out / "d.pef").unlink()
    third = run_batch(write_zip(archive, changed), out, BRAILLE, TWO)
    rendered = {line.member for line in third.lines.values() if line.status == "rendered"}
    assert rendered == {"a.txt", "d.html"}

    narrow = RenderOptions(audio=None, braille=BrailleOptions(cells=32))
    fourth = run_batch(archive, out, narrow, TWO)
    assert {line.status for line in fourth.lines.values()} == {"rendered"}


def test_a_crashed_worker_is_replaced_and_its_article_retried(
    tmp_path: Path, articles: dict
) -> None:
    attempts: dict[str, int] = {}

    def crash(task: Task, pid: int) -> None:
        attempts[task.name] = attempts.get(task.name, 0) + 1
        if task.name == "a.txt" or (task.name == "d.html" and task.attempt == 0):
            os.kill(pid, signal.SIGKILL)

    out = tmp_path / "out"
    report = run_batch(write_zip(tmp_path / "a.zip", articles), out, BRAILLE, TWO, on_start=crash)
    lines = {line.member: line for line in report.lines.values()}
    assert attempts == {"a.txt": 2, "news/b.md": 1, "news/c.html": 1, "d.html": 2}
    assert lines["d.html"].status == "rendered"
    assert lines["a.txt"].status == "failed"
    assert lines["a.txt"].error == "worker crashed twice (exit code -9)"
    assert check_outputs(out) == 3 * 5 + 1  # five files per article and the report


def test_an_article_over_the_time_limit_fails_alone(tmp_path: Path, articles: dict) -> None:
    def hang(task: Task, pid: int) -> None:
        if task.name == "news/b.md":
            os.kill(pid, signal.SIGSTOP)  # a worker stuck in native code: only a kill ends it

    settings = BatchSettings(jobs=2, time_limit=1.5)
    out = tmp_path / "out"
    report = run_batch(
        write_zip(tmp_path / "a.zip", articles), out, BRAILLE, settings, on_start=hang
    )
    lines = {line.member: line for line in report.lines.values()}
    assert lines["news/b.md"].error == "took longer than the 1.5 s time limit"
    assert {m for m, line in lines.items() if line.status == "rendered"} == set(articles) - {
        "news/b.md"
    }


def test_one_job_renders_everything(tmp_path: Path, articles: dict) -> None:
    archive = write_zip(tmp_path / "a.zip", articles)
    report = run_batch(archive, tmp_path / "o", BRAILLE, BatchSettings(jobs=1))
    assert report.counts()["rendered"] == len(articles)


def test_an_outdir_inside_the_archive_folder_is_not_read_back(
    tmp_path: Path, articles: dict
) -> None:
    tree = write_tree(tmp_path / "tree", articles)
    run_batch(tree, tree / "out", BRAILLE, TWO)
    again = run_batch(tree, tree / "out", BRAILLE, TWO)
    assert [line.member for line in again.lines.values()] == sorted(articles)
    assert {line.reason for line in again.lines.values()} == {"unchanged since the last run"}


def test_warc_and_non_utf8_names_end_to_end(tmp_path: Path, articles: dict) -> None:
    """Outputs of a web archive go under host/path; an undecodable tar name still renders."""
    out = tmp_path / "out"
    report = run_batch(
        write_warc(tmp_path / "crawl.warc.gz", articles["d.html"]), out, BRAILLE, TWO
    )
    assert report.counts() == {"rendered": 2, "skipped": 3}
    assert (out / "news.example/2024/story.pef").is_file()
    assert (out / "news.example/index.model.json").is_file()

    latin1 = b"r\xe9sum\xe9.txt".decode("utf-8", "surrogateescape")
    tar = write_tar(tmp_path / "names.tar", {latin1: articles["a.txt"]}, "w")
    (line,) = run_batch(tar, tmp_path / "names", BRAILLE, TWO).lines.values()
    assert (line.member, line.status, line.output) == ("r\ufffdsum\ufffd.txt", "rendered", "r_sum_")
    assert (tmp_path / "names" / "r_sum_.brf").is_file()


def test_one_batch_per_outdir_and_only_its_own_leftovers_are_cleared(
    tmp_path: Path, articles: dict
) -> None:
    """A killed run's temporaries are removed where the manifest says it was writing; a user's
    own `.session.tmp` or `.accessnews-cache/` in OUTDIR is never touched."""
    out = tmp_path / "out"
    (out / "news").mkdir(parents=True)
    (out / MANIFEST_NAME).write_text('{"stem": "news/c", "started": true}\n')
    encoder = out / "news" / ".accessnews-x1y2z3w4"  # LAME's folder for a killed article
    encoder.mkdir()
    (encoder / "audio.mp3").write_bytes(b"\xff\xfb half")
    ours = [
        out / "news" / ".c.pef.k3j4m5n6.accessnews.tmp",
        out / ".report.json.ab12cd34.accessnews.tmp",
    ]
    users = [
        out / ".session.tmp",
        out / "news" / ".c.notes.tmp",
        out / "news" / ".d.pef.k3j4m5n6.accessnews.tmp",
    ]
    for path in ours + users:
        path.write_bytes(b"half")
    book = out / "news" / ".c.daisy.p9q8r7s6.accessnews.tmp"  # a half-written DAISY book
    (book / "a001.smil").parent.mkdir()
    (book / "a001.smil").write_bytes(b"half")
    cache = out / ".accessnews-cache"
    (cache / "x").mkdir(parents=True)
    archive = write_zip(tmp_path / "a.zip", articles)
    with open(out / LOCK_NAME, "w") as lock:  # another batch is running on this OUTDIR
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(AccessnewsError, match="another batch is writing there"):
            run_batch(archive, out, BRAILLE, TWO)
    assert all(path.exists() for path in ours)  # never touched while another run holds it
    run_batch(archive, out, BRAILLE, TWO)
    assert not any(path.exists() for path in ours) and not encoder.exists()
    assert not book.exists()
    assert all(path.read_bytes() == b"half" for path in users) and (cache / "x").is_dir()


def test_a_worker_keeps_one_renderer_per_set_of_options() -> None:
    """One speech engine and one set of braille tables per worker, reused for every article."""
    same = renderer_for(RenderOptions(braille=BrailleOptions()))
    assert renderer_for(RenderOptions(braille=BrailleOptions())) is same
    assert renderer_for(RenderOptions(braille=BrailleOptions(cells=32))) is not same


def test_an_audio_failure_keeps_the_braille_and_is_retried(
    tmp_path: Path, articles: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without LAME the audio fails: the braille files are kept and listed, the member is
    failed, and the next run (LAME back) renders its audio only, keeping the braille files."""
    from accessnews.speech.writer import AudioOptions

    both = RenderOptions(audio=AudioOptions(), braille=BrailleOptions())
    archive = write_zip(tmp_path / "day.zip", {"a.txt": articles["a.txt"]})
    out = tmp_path / "out"
    with monkeypatch.context() as patched:
        patched.setenv("PATH", str(tmp_path))  # no lame here
        run_batch(archive, out, both, BatchSettings(jobs=1, time_limit=60))
    member = json.loads((out / "report.json").read_text())["members"][0]
    assert member["status"] == "failed" and "audio: LAME is not installed" in member["error"]
    assert {"a.brf", "a.pef"} <= set(member["files"]) and (out / "a.brf").exists()
    assert member["outputs"] == {
        "mp3": "failed",
        "chapters": "failed",
        "brf": "rendered",
        "pef": "rendered",
        "preview": "rendered",
        "proof": "rendered",
    }
    kept = {name: (out / name).stat().st_mtime_ns for name in ("a.brf", "a.pef", "a.model.json")}
    report = run_batch(archive, out, both, BatchSettings(jobs=1, time_limit=60))
    assert _statuses(out) == {"a.txt": "rendered"} and not report.failed
    assert {name: (out / name).stat().st_mtime_ns for name in kept} == kept  # not redone
    assert {"a.brf", "a.mp3", "a.model.json"} <= set(report.lines[0].files)
    again = json.loads((out / "report.json").read_text())["members"][0]
    assert set(again["outputs"].values()) == {"rendered"}
    assert (out / "a.mp3").stat().st_size > 0


def test_a_failed_format_alone_is_made_again(
    tmp_path: Path, articles: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ffmpeg the M4B fails while the MP3 (LAME) from the same narration is written;
    the next run, ffmpeg back, makes the M4B only and leaves the MP3 as it was."""
    import shutil

    from accessnews.speech.writer import AudioOptions

    options = RenderOptions(audio=AudioOptions(), formats=("mp3", "m4b"))
    archive = write_zip(tmp_path / "day.zip", {"a.txt": articles["a.txt"]})
    out, tools = tmp_path / "out", tmp_path / "bin"
    tools.mkdir()
    (tools / "lame").symlink_to(shutil.which("lame") or "lame")
    with monkeypatch.context() as patched:
        patched.setenv("PATH", str(tools))  # LAME, but no ffmpeg
        run_batch(archive, out, options, BatchSettings(jobs=1, time_limit=60))
    member = json.loads((out / "report.json").read_text())["members"][0]
    assert member["status"] == "failed" and "m4b: ffmpeg is not installed" in member["error"]
    assert member["outputs"] == {"mp3": "rendered", "chapters": "rendered", "m4b": "failed"}
    kept = {name: (out / name).stat().st_mtime_ns for name in ("a.mp3", "a.chapters.json")}
    report = run_batch(archive, out, options, BatchSettings(jobs=1, time_limit=60))
    assert _statuses(out) == {"a.txt": "rendered"} and not report.failed
    assert {name: (out / name).stat().st_mtime_ns for name in kept} == kept  # not redone
    again = json.loads((out / "report.json").read_text())["members"][0]
    assert again["outputs"] == {"mp3": "rendered", "chapters": "rendered", "m4b": "rendered"}
    assert {"a.mp3", "a.m4b", "a.model.json"} <= set(again["files"])
