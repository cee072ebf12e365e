"""Atomic outputs: write beside the target under a temporary name, rename when complete.

A failed or cancelled run leaves the previous output (if any) untouched and no half-written file.
An existing folder is replaced only by an output of its kind (see :func:`replaceable`): an output
never deletes a user's other files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import SmrfrError, listing

#: how many times :func:`remove_path` removes a tree that a finishing writer refills
RMTREE_ATTEMPTS = 5


def remove_path(path: Path) -> None:
    """Delete a file or a folder tree if it exists. A writer may still be finishing in the tree (Zarr's
    own threads, after a failed write, remove their temporary files and land their last chunks): a file
    that vanishes meanwhile is no error, and a tree refilled meanwhile is removed again, a few times."""
    if not path.is_dir() or path.is_symlink():
        if path.exists() or path.is_symlink():
            path.unlink(missing_ok=True)
        return
    for attempt in range(RMTREE_ATTEMPTS):
        try:
            shutil.rmtree(path, onerror=_unless_gone)
            return
        except OSError as error:
            if error.errno != errno.ENOTEMPTY or attempt == RMTREE_ATTEMPTS - 1:
                raise
            time.sleep(0.1)


def _unless_gone(function, name, error_info) -> None:
    """:func:`shutil.rmtree`'s error handler: a file that no longer exists is no error."""
    if not issubclass(error_info[0], FileNotFoundError):
        raise error_info[1]


#: the kinds of output :func:`check_target` knows: one file, or a folder that is one whole output
FILE, ZARR_STORE, MODEL_BUNDLE, DEMO_REGION, VALIDATION_REPORT, GEOTIFF_FOLDER = (
    "file", "Zarr store", "model bundle", "demo region", "validation report", "GeoTIFF folder")
#: the files that make a folder one whole output of a kind, and a text each holds near its start (None:
#: any content); a name alone is no proof: a model.json, manifest.json or report.html of another program
#: makes no folder of the user's an output to replace
WHOLE_OUTPUTS = {ZARR_STORE: {".zgroup": None, "zarr.json": None},
                 MODEL_BUNDLE: {"model.json": '"format": "smrfr-model-bundle/'},
                 DEMO_REGION: {"manifest.json": '"generator": "smrfr_engine.synth '},
                 VALIDATION_REPORT: {"report.html": "<title>Soil-moisture validation</title>"}}
#: how much of a marker file is read for its text
MARKER_BYTES = 4096
GEOTIFF_SUFFIXES = (".tif", ".tif.aux.xml")


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike, overwrite: bool = True,
                  kind: str | None = FILE) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``.

    Works for files and folders (``kind``: :func:`check_target`, checked first). The temporary name starts
    with a dot and ends with ``.partial`` so that nothing mistakes it for a finished product. A folder that
    cannot take the output is a :class:`SmrfrError`. The run holds the lock of ``target``
    (:func:`exclusive`) throughout: a second run of the same output is refused.
    """
    target = check_target(target, kind)
    if target.exists() and not overwrite:
        raise SmrfrError(f"output {target} already exists; choose another name or allow overwriting")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unwritable(target, error) from None
    with exclusive(target):
        try:
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        except OSError as error:
            raise _unwritable(target, error) from None
        os.close(handle)
        tmp = Path(name)
        tmp.unlink()  # the writer creates it as a file or a folder
        try:
            yield tmp
            if not tmp.exists():
                raise RuntimeError(f"the writer did not create {tmp}")
            replace_output(tmp, target, kind)
        finally:
            with contextlib.suppress(OSError):  # a file another program holds (Windows) stays, hidden
                remove_path(tmp)


def _unwritable(target: Path, error: OSError) -> SmrfrError:
    return SmrfrError(f"cannot write output {target} in folder {target.parent}: {error.strerror or error}")


def _marks(path: Path, text: str | None) -> bool:
    """Is ``path`` a marker file holding ``text`` near its start (any file when ``text`` is None)?"""
    if text is None:
        return path.exists()
    if not path.is_file():
        return False
    with open(path, "rb") as handle:
        return text.encode() in handle.read(MARKER_BYTES)


def _output_kind(folder: Path) -> str | None:
    """The kind of whole output the folder is (:data:`WHOLE_OUTPUTS`, or a folder of GeoTIFFs), or None."""
    names = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    for kind, markers in WHOLE_OUTPUTS.items():
        if any(name in names and _marks(folder / name, text) for name, text in markers.items()):
            return kind
    return GEOTIFF_FOLDER if names and all(name.endswith(GEOTIFF_SUFFIXES) for name in names) else None


def replaceable(old: Path, new: Path) -> bool:
    """May the new output ``new`` replace the existing folder ``old``? When ``old`` is empty, when both
    are whole outputs of one kind (Zarr stores, model bundles, demo regions, validation reports, GeoTIFF
    folders), or when ``new`` holds every name ``old`` does: nothing the user did not ask to replace is
    lost."""
    names = {p.name for p in old.iterdir()}
    new_names = {p.name for p in new.iterdir()} if new.is_dir() else set()
    kind = _output_kind(old)
    return not names or (kind is not None and kind == _output_kind(new)) or names <= new_names


def check_target(target: str | os.PathLike, kind: str | None = FILE) -> Path:
    """``target`` as a path, after refusing, before anything is written, an output of ``kind`` that could
    not be put there: a name that names nothing (``.``), a file output named as a folder (a trailing
    separator, an existing folder), a place under a file, or (for a folder ``kind``, a key of
    :data:`WHOLE_OUTPUTS` or :data:`GEOTIFF_FOLDER`) an existing folder holding other files that such an
    output would not replace. ``kind`` None is a folder output of no such kind. The text is checked as
    given: ``Path("out/m/")`` has already lost its trailing separator."""
    text = os.fspath(target)
    path = Path(text)
    if path.name in ("", ".."):
        raise SmrfrError(f"output {text!r} names no file or folder: give the output a name")
    if kind == FILE and (text.endswith(("/", os.sep)) or path.is_dir()):
        raise SmrfrError(f"output {text} names a folder, but this output is a file: give the file's name")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise SmrfrError(f"cannot write {path}: {parent} is a file, not a folder")
            break
    if kind != FILE and path.exists() and not path.is_dir():
        raise SmrfrError(_file_message(path, kind))
    if kind not in (None, FILE) and path.is_dir() and not path.is_symlink():
        if any(path.iterdir()) and _output_kind(path) != kind:
            raise SmrfrError(_kept_message(path))
    return path


def _file_message(target: Path, kind: str | None) -> str:
    return (f"output {target} is a file, which this output ({kind or 'a folder'}) would delete; choose "
            "another name, or delete the file first")


def _kept_message(target: Path) -> str:
    return (f"output {target} is a folder holding other files ({listing(target.iterdir(), 3)}), which this "
            "output would delete; choose a new or empty folder, or delete it first")


def is_path(value) -> bool:
    """Is ``value`` a file path (text or ``os.PathLike``), not an object in memory such as a DataFrame?"""
    return isinstance(value, (str, os.PathLike))


def check_apart(out: str | os.PathLike, *sources, may_hold: bool = False) -> None:
    """Refuse an output that is one of its inputs ``sources`` (None: not given; an object in memory, a
    DataFrame or a GeoDataFrame, is no file), lies inside one or holds one: it would change or delete it.
    ``may_hold`` allows a folder the output is added to (inference writes yearly stores into it) to hold
    an input."""
    out = Path(out).resolve()
    for source in (Path(s).resolve() for s in sources if is_path(s) and s):
        if out == source or source in out.parents or (not may_hold and out in source.parents):
            raise SmrfrError(f"output {out} would replace its input {source} or write into it; choose "
                             "another output")


def replace_output(tmp: Path, target: Path, kind: str | None) -> None:
    """Put the complete output ``tmp`` in place of ``target`` (checked for ``kind`` as in
    :func:`check_target`). An existing folder is first renamed aside, so ``target`` is always either the
    old output whole or the new one: when the new one cannot take its place (Windows: a file of it is in
    use), the old one is put back. The caller holds the lock of ``target`` (:func:`exclusive`), so no
    other run renames to or from the fixed name ``.NAME.old`` meanwhile."""
    if target.is_dir() and not target.is_symlink() and not replaceable(target, tmp):
        raise SmrfrError(_kept_message(target))
    if tmp.is_dir() and target.exists():
        if not target.is_dir():
            raise SmrfrError(_file_message(target, kind))
        old = target.with_name(f".{target.name}.old")
        remove_path(old)
        move(target, old, target)
        try:
            move(tmp, target, target)
        except SmrfrError:
            os.replace(old, target)
            raise
        remove_path(old)
    else:
        if target.is_dir():
            remove_path(target)
        move(tmp, target, target)
        # GDAL's side file of the old file (statistics QGIS computed, a histogram) would describe the new one
        target.with_name(f"{target.name}.aux.xml").unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive(output: Path) -> Iterator[None]:
    """Hold the lock of ``output`` (the file ``.NAME.lock`` beside it) while a run writes it; a
    :class:`SmrfrError` when another process holds it. The system releases a lock when its process ends,
    however it ends, so a crashed run leaves none; what such a run left beside ``output`` is then cleared
    (:func:`_clear_leftovers`)."""
    path = output.with_name(f".{output.name}.lock")
    try:
        handle = open(path, "a+b")  # held open while the run writes
    except OSError as error:
        raise _unwritable(output, error) from None
    try:
        locked = _lock(handle, path)
    except OSError:
        handle.close()
        raise SmrfrError(f"another run is writing {output} now: wait for it to end or cancel it, then run "
                         "again") from None
    try:
        if locked:  # on a file system without locks no run can tell what another left
            _clear_leftovers(output)
        yield
    finally:
        if os.name != "nt":
            path.unlink(missing_ok=True)  # while still held: the next run makes a new lock file
        elif locked:
            with contextlib.suppress(OSError):  # Windows wants a region unlocked before the file closes
                handle.seek(0)
                _msvcrt().locking(handle.fileno(), _msvcrt().LK_UNLCK, 1)
        handle.close()
        if os.name == "nt":
            with contextlib.suppress(OSError):  # Windows deletes no open file: after closing
                path.unlink()


def _clear_leftovers(output: Path) -> None:
    """Clear what runs of ``output`` killed outright (SIGKILL, a power cut) left beside it, called while
    holding its lock, so that no run that wrote them is alive: their temporary outputs
    (``.NAME.<8 characters>.partial``, for a GeoPackage ``...partial.gpkg``; not the resumable
    ``.NAME.partial`` of :mod:`smrfr_engine.model.infer`), and the earlier output a run renamed aside
    (``.NAME.old``), put back when the run died before its new output took the place."""
    old = output.with_name(f".{output.name}.old")
    if old.is_dir() and not output.exists():
        os.replace(old, output)
    ours = re.compile(rf"\.{re.escape(output.name)}\.[a-z0-9_]{{8}}\.partial")  # mkstemp's names
    for path in output.parent.iterdir():
        if path == old or ours.match(path.name):
            with contextlib.suppress(OSError):  # a file another program holds (Windows) stays
                remove_path(path)


#: what locking a file another process holds raises (msvcrt: EACCES or EDEADLOCK)
HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK}


def _msvcrt():
    import msvcrt  # Windows only

    return msvcrt


def _lock(handle, path: Path) -> bool:
    """Lock the open file ``handle`` of ``path`` without waiting: True, or False on a file system without
    locks (a network share without a lock service: ENOLCK, EOPNOTSUPP), where runs go on unlocked as before;
    OSError when another process holds it (:data:`HELD`) or its run just ended (the file replaced)."""
    try:
        if os.name == "nt":
            handle.seek(0)
            _msvcrt().locking(handle.fileno(), _msvcrt().LK_NBLCK, 1)
            return True
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in HELD:
            raise
        return False
    if os.fstat(handle.fileno()).st_ino != os.stat(path).st_ino:  # its run ended while we opened it
        raise OSError(errno.EAGAIN, f"{path} was replaced")
    return True


#: Windows refuses to rename a file another program holds open, or a folder holding one: an antivirus or
#: the search indexer holds a new file for a moment, so a refused rename is tried again this many times,
#: MOVE_PAUSE seconds apart, before the output is reported in use
MOVE_ATTEMPTS, MOVE_PAUSE = 10, 0.1


def move(source: Path, target: Path, output: Path) -> None:
    """``os.replace(source, target)``, tried again for a second while it is refused; then a
    :class:`SmrfrError` naming the files of ``source`` and ``target`` in use (part of ``output``)."""
    for attempt in range(MOVE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if attempt == MOVE_ATTEMPTS - 1:
                held = _in_use(source) + _in_use(target)
                if not held:
                    raise SmrfrError(f"cannot write output {output}: {error.strerror or error}") from None
                raise SmrfrError(f"cannot replace output {output}: {listing(held, 3, whole=True)} "
                                 f"{'is' if len(held) == 1 else 'are'} open in another program (QGIS keeps "
                                 "the files of its layers open): remove those layers from the project or "
                                 f"close the program, then run again; {output} is as it was") from None
            time.sleep(MOVE_PAUSE)


def _in_use(path: Path) -> list[Path]:
    """The files at or under ``path`` that another program holds open so that they cannot be renamed (on
    Windows renaming a file to its own name fails then; elsewhere never)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    held = []
    for file in files:
        try:
            os.rename(file, file)
        except PermissionError:
            held.append(file)
        except OSError:
            pass
    return held
