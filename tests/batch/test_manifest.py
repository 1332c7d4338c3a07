"""The manifest journal survives a kill mid-line and stays small across runs."""

from __future__ import annotations

from pathlib import Path

from accessnews.batch.manifest import MANIFEST_NAME, Entry, Manifest, input_hash
from accessnews.render import RenderOptions


def test_a_torn_line_is_ignored_and_later_lines_win(tmp_path: Path) -> None:
    (tmp_path / "a.model.json").write_text("{}")
    with Manifest(tmp_path) as manifest:
        manifest.record("a", Entry("h1", "a.txt", ("a.model.json",)))
        manifest.record("a", Entry("h2", "a.txt", ("a.model.json",)))
        manifest.record("b", Entry("h3", "b.txt", (), error="b.txt: the file is empty"))
        manifest.record("c", Entry("h4", "c.txt", ()))
        manifest.forget("c")
    path = tmp_path / MANIFEST_NAME
    path.write_text(path.read_text() + '{"stem": "d", "hash": "h5", "memb')  # kill -9 mid-write
    again = Manifest(tmp_path)
    assert set(again.entries) == {"a", "b"}
    assert again.current("a", "h2", tmp_path) is not None
    assert again.current("a", "h1", tmp_path) is None  # input changed
    assert again.entries["b"].error == "b.txt: the file is empty"
    with again:  # a new run starts from a compact journal
        assert path.read_text().count("\n") == 2
    (tmp_path / "a.model.json").unlink()
    assert again.current("a", "h2", tmp_path) is None  # an output went missing


def test_the_hash_covers_input_and_options() -> None:
    assert input_hash(b"x", RenderOptions()) != input_hash(b"y", RenderOptions())
    assert input_hash(b"x", RenderOptions()) != input_hash(b"x", RenderOptions(braille=1))
