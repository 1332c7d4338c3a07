"""Archive fixtures built from the project's samples: the same articles in every format."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from accessnews.render import RenderOptions

CLEAN_ONLY = RenderOptions(audio=None, braille=None)


@pytest.fixture
def articles(samples_dir: Path) -> dict[str, bytes]:
    """Four small sample articles under archive-style names (one in a sub-folder)."""
    chosen = sorted(p for p in samples_dir.iterdir() if p.suffix in {".txt", ".md", ".html"})[:4]
    names = ["a.txt", "news/b.md", "news/c.html", "d.html"]
    return {name: path.read_bytes() for name, path in zip(names, chosen, strict=True)}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def write_tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def write_tree(root: Path, members: dict[str, bytes]) -> Path:
    for name, data in members.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def write_warc(path: Path, html: bytes) -> Path:
    """A crawl: two captures of `html`, an image, a 404 and a request record."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for url, status, ctype, body in (
            ("https://news.example/2024/story.html", "200 OK", "text/html; charset=utf-8", html),
            ("https://news.example/", "200 OK", "text/html", html),
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://news.example/gone", "404 Not Found", "text/html", b"<p>no</p>"),
        ):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )
    return path


def check_outputs(outdir: Path, schema_dir: Path | None = None) -> int:
    """Read every final-named output back with a real client; returns how many were checked.

    Temporary files (`.NAME.XXXX.tmp`) may be left by a killed run; nothing else may be broken.
    """
    import json

    from lxml import etree

    schema = None
    if schema_dir is not None:
        schema = etree.RelaxNG(etree.parse(str(schema_dir / "pef-2008-1.rng")))
    checked = 0
    for path in sorted(outdir.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".pef":
            document = etree.parse(str(path))
            assert schema is None or schema.validate(document), schema.error_log
        elif path.suffix == ".html":
            from lxml import html

            assert html.parse(str(path)).getroot().find(".//h1") is not None
        elif path.suffix == ".brf":
            assert path.read_bytes().decode("ascii").strip()
        elif path.suffix == ".mp3":
            from mutagen.mp3 import MP3

            assert MP3(path).info.length > 0
        else:
            assert path.stat().st_size > 0
        checked += 1
    return checked


def many(articles: dict[str, bytes], copies: int) -> dict[str, bytes]:
    """`copies` distinct copies of each article, one folder per copy."""
    return {
        f"day{n:02d}/{name}": data + f"\n\nUpdate number {n}.\n".encode()
        for n in range(copies)
        for name, data in articles.items()
    }


def batch_under_way(archive: Path, out: Path, *options: str, finished: int) -> subprocess.Popen:
    """`accessnews batch` in its own process group, once `finished` articles are in its
    manifest (for tests that then kill or interrupt it)."""
    command = [sys.executable, "-m", "accessnews", "batch", str(archive), "-o", str(out)]
    batch = subprocess.Popen(
        [*command, *options],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    manifest = out / ".accessnews-manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and batch.poll() is None:
        if manifest.is_file() and manifest.read_text().count('"hash"') >= finished:
            break
        time.sleep(0.02)
    return batch
