"""`--scheduler`: the same batch on a local Dask cluster (loopback only) equals the local run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from accessnews.batch import BatchSettings, run_batch
from accessnews.batch.report import Report
from accessnews.braille.writer import BrailleOptions
from accessnews.errors import AccessnewsError
from accessnews.render import RenderOptions

from .conftest import write_zip

BRAILLE = RenderOptions(audio=None, braille=BrailleOptions())


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name not in ("report.json", ".accessnews-manifest.jsonl")
    }


def _members(report: Report) -> list[dict]:
    """Report entries without their timings, which differ from run to run."""
    return [{k: v for k, v in m.items() if k != "seconds"} for m in report.to_json()["members"]]


def test_dask_cluster_results_equal_the_local_run(tmp_path: Path, articles: dict) -> None:
    LocalCluster = pytest.importorskip("distributed").LocalCluster  # the `cluster` extra

    archive = write_zip(tmp_path / "a.zip", {**articles, "bad.txt": b"\x00\x01binary"})
    local = run_batch(archive, tmp_path / "local", BRAILLE, BatchSettings(jobs=2))
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        processes=True,
    ) as cluster:
        settings = BatchSettings(scheduler=cluster.scheduler_address, time_limit=60)
        remote = run_batch(archive, tmp_path / "dask", BRAILLE, settings)
    assert _members(remote) == _members(local)
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    assert remote.counts() == {"rendered": 4, "failed": 1}


def test_without_the_cluster_extra_the_scheduler_option_says_what_to_install(
    tmp_path: Path, articles: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    archive = write_zip(tmp_path / "a.zip", articles)
    settings = BatchSettings(scheduler="tcp://127.0.0.1:1", time_limit=60)
    with pytest.raises(AccessnewsError, match=r"pip install 'accessnews\[cluster\]'"):
        run_batch(archive, tmp_path / "out", BRAILLE, settings)
