"""Atomic outputs: write beside the target under a temporary name, rename when complete.

A failed or cancelled run leaves the previous output (if any) untouched and no half-written file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


def remove_path(path: Path) -> None:
    """Delete a file or a folder tree if it exists."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``.

    Works for files and folders (Zarr stores, GeoTIFF folders). The temporary name starts with a dot
    and ends with ``.partial`` so that nothing mistakes it for a finished product.
    """
    target = Path(target)
    if target.exists() and not overwrite:
        from .errors import SmrfrError

        raise SmrfrError(f"output {target} already exists; choose another name or allow overwriting")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    tmp = Path(name)
    tmp.unlink()  # the writer creates it as a file or a folder
    try:
        yield tmp
        if not tmp.exists():
            raise RuntimeError(f"the writer did not create {tmp}")
        _replace(tmp, target)
    finally:
        remove_path(tmp)


def _replace(tmp: Path, target: Path) -> None:
    if tmp.is_dir() and target.exists():
        old = target.with_name(f".{target.name}.old")
        remove_path(old)
        os.replace(target, old)
        os.replace(tmp, target)
        remove_path(old)
    else:
        if target.is_dir():
            remove_path(target)
        os.replace(tmp, target)
