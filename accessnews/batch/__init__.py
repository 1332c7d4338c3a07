"""Batch conversion of an article archive: safe members in, outputs plus a full report out."""

from .runner import BatchSettings, run_batch

__all__ = ["BatchSettings", "run_batch"]
