"""Windows' rules for files another program holds open, simulated where the tests run (Linux).

On Windows, QGIS keeps the rasters of its layers open (GDAL opens them without FILE_SHARE_DELETE). Such a
file cannot be renamed (not even to its own name), replaced or deleted, and a folder holding one cannot be
renamed: ``os.replace``/``os.rename`` raise ``PermissionError`` (WinError 32 'being used by another
process' for the file, WinError 5 'Access is denied' for a folder or a replaced file), ``os.unlink`` WinError
32. Nor can a folder be renamed over an existing one (WinError 5), and ``os.rename`` never replaces
(``FileExistsError``, WinError 183). :func:`hold_open` makes these calls behave so; ``shutil.rmtree`` takes
its path-by-path route, as on Windows. This cannot run on Windows here, so it is simulated exactly.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

IN_USE = "The process cannot access the file because it is being used by another process"
DENIED = "Access is denied"


def hold_open(monkeypatch, *paths) -> set[Path]:
    """Windows' behaviour for ``paths`` held open by another program; returns the set of held paths (add
    to it or clear it to open or close files)."""
    held = {Path(os.path.abspath(path)) for path in paths}
    replace, rename, unlink = os.replace, os.rename, os.unlink

    def holding(path) -> list[Path]:
        path = Path(os.path.abspath(path))
        return [file for file in held if file == path or path in file.parents]

    def refuse(source, target) -> None:
        inside = holding(source)
        if inside:
            in_file = inside == [Path(os.path.abspath(source))]
            raise PermissionError(errno.EACCES, IN_USE if in_file else DENIED, os.fspath(source), None,
                                  os.fspath(target))
        if holding(target) or (os.path.isdir(source) and os.path.isdir(target)):
            raise PermissionError(errno.EACCES, DENIED, os.fspath(source), None, os.fspath(target))

    def windows_replace(source, target, **kwargs):
        refuse(source, target)
        return replace(source, target, **kwargs)

    def windows_rename(source, target, **kwargs):
        refuse(source, target)
        if os.path.lexists(target) and os.path.abspath(source) != os.path.abspath(target):
            raise FileExistsError(errno.EEXIST, "Cannot create a file when that file already exists",
                                  os.fspath(source), None, os.fspath(target))
        return rename(source, target, **kwargs)

    def windows_unlink(path, **kwargs):
        if holding(path):
            raise PermissionError(errno.EACCES, IN_USE, os.fspath(path))
        return unlink(path, **kwargs)

    monkeypatch.setattr(os, "replace", windows_replace)
    monkeypatch.setattr(os, "rename", windows_rename)
    monkeypatch.setattr(os, "unlink", windows_unlink)
    monkeypatch.setattr(os, "remove", windows_unlink)
    monkeypatch.setattr(shutil, "_use_fd_functions", False)
    return held
