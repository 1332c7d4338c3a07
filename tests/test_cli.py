"""The command line: bad input gets one clear line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import tmpfs

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accessnews", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def _random_high_bytes(size: int) -> bytes:
    generator = random.Random(1)
    return bytes(generator.randrange(0x80, 0x100) for _ in range(size))


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x00\x01\x02\x03" * 100, "binary"),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100, "JPEG image"),
    "huge.txt": (None, "too large"),
    "garbled.txt": (_random_high_bytes(3000), "unknown character encoding"),
    "headline-only.txt": (b"Just a headline\n", "no article text"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_and_non_zero_exit(tmp_path: Path, name: str) -> None:
    data, message = BAD_INPUTS[name]
    path = tmp_path / name
    if data is None:
        with open(path, "wb") as handle:  # a sparse 50 MB file
            handle.truncate(50 * 1024 * 1024)
    else:
        path.write_bytes(data)
    result = run("clean", str(path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert result.stderr.startswith(f"accessnews: error: {path}")


def test_missing_file(tmp_path: Path) -> None:
    result = run("clean", str(tmp_path / "nope.txt"))
    assert result.returncode != 0
    assert result.stderr.strip().endswith("no such file")


def test_clean_json_contract(samples_dir: Path) -> None:
    result = run("clean", str(samples_dir / "02-library-budget.md"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Council approves £5.5m plan to keep every branch library open"
    assert data["bylines"] == ["Daniel Mercer", "Priya Natarajan"]
    assert data["date"] == "2026-10-12"
    assert data["language"] == "en"
    assert [b["type"] for b in data["blocks"]].count("heading") == 3
    assert isinstance(data["dropped"], list)


def test_python_dash_m_and_outline(samples_dir: Path) -> None:
    result = run("clean", str(samples_dir / "01-flood-defences.txt"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Title:    Flood defences hold")
    assert "blocks:" in result.stdout
    assert "dropped:" in result.stdout


def test_render_reports_a_bad_article_and_renders_the_rest(tmp_path: Path, samples_dir) -> None:
    good = samples_dir / "03-tranvia-zaragoza.txt"
    result = run("render", "--no-audio", "--no-braille", str(tmp_path / "missing.txt"), str(good))
    assert result.returncode != 0
    assert "missing.txt: no such file" in result.stderr
    assert result.stdout.startswith("03-tranvia-zaragoza:")


def test_render_refuses_clashing_output_names(tmp_path: Path) -> None:
    result = run("render", "--no-audio", "--no-braille", "a/story.txt", "b/story.html")
    assert result.returncode == 2
    assert "same output names: story" in result.stderr


def test_render_speaks_paragraphs_ending_in_multi_word_entries(tmp_path: Path) -> None:
    """'in a row' is one espeak-ng dictionary entry: the self-check once refused the article."""
    story = tmp_path / "row.txt"
    story.write_text("Test\n\nThey sat in a row.\n\nThe vote went in favour of the.\n")
    result = run("render", str(story), "-o", str(tmp_path / "out"), "--no-braille")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "row.mp3").stat().st_size > 0


def test_an_audio_failure_still_writes_the_braille(tmp_path: Path) -> None:
    """Without LAME the audio fails; the braille is written and the exit status says partial."""
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nA first paragraph of the story.\n")
    no_lame = tmp_path / "bin"
    no_lame.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "accessnews", "render", str(story), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": str(no_lame), "HOME": str(tmp_path)},
    )
    assert result.returncode == 4, result.stderr
    assert "FAILED audio: LAME is not installed" in result.stdout
    assert "braille" in result.stdout
    assert result.stderr.count("\n") == 1 and "error: story: audio:" in result.stderr
    assert {p.suffix for p in (tmp_path / "out").iterdir()} >= {".brf", ".pef"}
    assert not (tmp_path / "out" / "story.mp3").exists()


@pytest.mark.parametrize("command", ["clean", "render"])
def test_special_files_are_refused_at_once(tmp_path: Path, command: str) -> None:
    """A FIFO with no writer would block forever; /dev/zero would fill the memory."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for source, kind in ((fifo, "a named pipe"), (Path("/dev/zero"), "a device")):
        extra = ["-o", str(tmp_path / "out"), "--no-audio"] if command == "render" else []
        done = run(command, str(source), *extra)
        assert done.returncode == 2
        refused = f"{source}: is {kind}, not a regular file; save the article first"
        assert done.stderr == f"accessnews: error: {refused}\n"


@pytest.mark.parametrize("command", ["render", "batch"])
def test_an_outdir_that_cannot_be_written_is_one_line(
    tmp_path: Path, samples_dir: Path, command: str
) -> None:
    source = samples_dir / "01-flood-defences.txt"
    target = str(source) if command == "render" else str(samples_dir)
    afile = tmp_path / "afile"
    afile.write_text("mine")
    done = run(command, target, "-o", str(afile), "--no-audio")
    assert (done.returncode, done.stderr) == (
        2, f"accessnews: error: {afile}: is a file, not a folder; choose another -o\n"
    )  # fmt: skip
    assert afile.read_text() == "mine"
    with tmpfs(tmp_path / "ro", "1m", read_only=True) as read_only:
        done = run(command, target, "-o", str(read_only), "--no-audio")
        assert (done.returncode, done.stderr) == (
            2, f"accessnews: error: {read_only}: cannot write in the output folder "
            "(Read-only file system)\n",
        )  # fmt: skip


def test_formats_choose_the_outputs(tmp_path: Path) -> None:
    """--formats m4b,brf writes those only: no MP3 (so no chapter sidecars), no PEF, no preview;
    --no-braille still takes braille out of `all`."""
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nA first paragraph of the story. And a second sentence.\n")
    result = run("render", str(story), "-o", str(tmp_path / "some"), "--formats", "m4b, BRF")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "some").iterdir()) == ["story.brf", "story.m4b"]
    result = run(
        "render", str(story), "-o", str(tmp_path / "all"), "--formats", "all", "--no-braille"
    )
    assert result.returncode == 0, result.stderr
    suffixes = {p.suffix for p in (tmp_path / "all").iterdir()}
    assert suffixes == {".mp3", ".json", ".vtt", ".m4b", ".daisy", ".epub"}


def test_the_proof_is_a_format_written_by_default(tmp_path: Path) -> None:
    """The transcriber's proof comes with the default formats and is left out by naming the
    others."""
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nA first paragraph of the story.\n")
    result = run("render", str(story), "-o", str(tmp_path / "default"), "--no-audio")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "default" / "story.proof.html").is_file()
    result = run("render", str(story), "-o", str(tmp_path / "none"), "--formats", "brf,pef,preview")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "none").iterdir())
    assert written == ["story.braille.txt", "story.brf", "story.pef"]


@pytest.mark.parametrize("formats", ["mp4", "mp3,,daisy2", ","])
def test_an_unknown_format_is_a_usage_error(tmp_path: Path, formats: str) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nA paragraph.\n")
    result = run("render", str(story), "-o", str(tmp_path / "out"), "--formats", formats)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--formats: unknown format" in result.stderr
    assert (
        "choose from mp3, m4b, daisy, epub, transcript, brf, pef, preview, proof or all"
        in result.stderr
    )
    assert not (tmp_path / "out").exists()
