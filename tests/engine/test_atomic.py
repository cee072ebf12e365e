import contextlib
import errno
import os
from pathlib import Path

import pytest

from smrfr_engine.atomic import MODEL_BUNDLE, ZARR_STORE, atomic_output, check_apart, check_target
from smrfr_engine.errors import SmrfrError, listing


def test_file_appears_only_when_complete(tmp_path):
    target = tmp_path / "out.csv"
    with atomic_output(target) as tmp:
        tmp.write_text("a,b\n")
        assert not target.exists()
    assert target.read_text() == "a,b\n"
    assert list(tmp_path.iterdir()) == [target]


def test_failure_keeps_the_previous_folder_and_leaves_no_partial(tmp_path):
    target = tmp_path / "store.zarr"
    target.mkdir()
    (target / "old").write_text("keep me")
    with pytest.raises(RuntimeError), atomic_output(target, kind=None) as tmp:
        tmp.mkdir()
        (tmp / "half").write_text("x")
        raise RuntimeError("disk full")
    assert (target / "old").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.zarr"]


def test_folder_replaces_the_previous_one_of_its_kind(tmp_path):
    target = tmp_path / "store.zarr"
    target.mkdir()
    for name in (".zgroup", "sml1_p"):
        (target / name).write_text("old")
    with atomic_output(target, kind=ZARR_STORE) as tmp:
        tmp.mkdir()
        (tmp / "zarr.json").write_text("new")  # Zarr v3 replaces Zarr v2
    assert [p.name for p in target.iterdir()] == ["zarr.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.zarr"]


#: the start of the toolkit's own marker files (a bundle's model.json, a validation's report.html)
OURS = {"model.json": '{\n  "format": "smrfr-model-bundle/1",\n  "smrfr_version": "0.1.0"',
        "report.html": '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Soil-moisture '
                       'validation</title>'}


@pytest.mark.parametrize(("old", "new", "kept"), [
    (["keep.txt", "inference"], ["sml1_p.tif"], True),  # a GeoTIFF export over a user's folder
    (["sml1_p.tif", "notes.txt"], ["sml1_p.tif"], True),
    (["sml1_p.tif", "sml2_p.tif"], ["sml1_p.tif"], False),  # a GeoTIFF export replaces one
    (["model.json", "layer1.txt", "layer2.txt"], ["model.json", "layer1.txt"], False),  # a bundle one
    (["report.html", "metrics.csv"], ["report.html", "metrics.csv", "pairs.csv"], False),
    ([], ["sml1_p.tif"], False),
    # another program's model.json or report.html makes no folder a bundle or a validation
    (["their:model.json", "weights.bin"], ["model.json", "layer1.txt"], True),
    (["their:report.html", "results.xml"], ["report.html", "metrics.csv"], True),
])
def test_an_output_never_deletes_other_files(tmp_path, old, new, kept):
    target = tmp_path / "out"
    target.mkdir()
    for name in old:
        theirs, _, name = name.rpartition(":")
        (target / name).write_text("{}" if theirs else OURS.get(name, "user's"))
    old = [name.rpartition(":")[2] for name in old]
    refused = pytest.raises(SmrfrError, match=f"output {target} is a folder holding other files")
    with refused if kept else contextlib.nullcontext(), atomic_output(target, kind=None) as tmp:
        tmp.mkdir()
        for name in new:
            (tmp / name).write_text(OURS.get(name, "new"))
    assert sorted(p.name for p in target.iterdir()) == sorted(old if kept else new)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_output_never_replaces_its_input(tmp_path):
    source = tmp_path / "maps" / "SMRFR_2021_v1.0.zarr"
    for out in (source, tmp_path / "maps", tmp_path, source / "sml1_p"):
        with pytest.raises(SmrfrError, match="would replace its input"):
            check_apart(out, source)
    check_apart(tmp_path / "maps" / "june.nc", source)
    check_apart(tmp_path / "maps.zarr", tmp_path / "maps")


def test_refuses_to_overwrite_when_asked(tmp_path):
    target = tmp_path / "out.nc"
    target.write_text("precious")
    with pytest.raises(SmrfrError, match="already exists"), atomic_output(target, overwrite=False):
        pass
    assert target.read_text() == "precious"


def test_a_folder_that_cannot_take_the_output_is_one_clear_error(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    target = tmp_path / "file" / "out.csv"
    with pytest.raises(SmrfrError, match=f"^cannot write {target}: {target.parent} is a file, not a"), \
            atomic_output(target):
        pass
    target = "/proc/smrfr/out.csv"  # a folder the system refuses to create
    with pytest.raises(SmrfrError, match=f"^cannot write output {target} in folder /proc/smrfr: "), \
            atomic_output(target):
        pass


@pytest.mark.parametrize("name", [".", "/", "out/.."])
def test_an_output_without_a_name_is_refused(name):
    with pytest.raises(SmrfrError, match="names no file or folder: give the output a name"), \
            atomic_output(name, kind=None):
        pass


def test_a_file_output_is_refused_where_a_folder_is_named(tmp_path):
    """``out/m/`` or an existing folder would become a file ``out/m`` (or the folder would be replaced)."""
    (tmp_path / "kept").mkdir()
    for target in (f"{tmp_path / 'new'}/", tmp_path / "kept"):
        with pytest.raises(SmrfrError, match=f"^output {target} names a folder, but this output is a file"), \
                atomic_output(target):
            pass
    assert [p.name for p in tmp_path.iterdir()] == ["kept"]


def test_a_folder_output_never_replaces_a_file(tmp_path):
    """``--out model`` where ``model`` is the user's file: the bundle folder would have deleted it."""
    thesis = tmp_path / "model"
    thesis.write_text("my thesis")
    with pytest.raises(SmrfrError, match=f"^output {thesis} is a file, which this output \\(model bundle\\) "
                                         "would delete"), atomic_output(thesis, kind=MODEL_BUNDLE) as tmp:
        tmp.mkdir()
    later = tmp_path / "later"
    with pytest.raises(SmrfrError, match=f"^output {later} is a file, which this output \\(model bundle\\)"):
        with atomic_output(later, kind=MODEL_BUNDLE) as tmp:
            tmp.mkdir()
            (tmp / "model.json").write_text("{}")
            later.write_text("made while the output was written")
    assert later.read_text() == "made while the output was written" and thesis.read_text() == "my thesis"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["later", "model"]


def test_a_refused_folder_names_a_few_of_its_files_and_how_many_in_all(tmp_path):
    for name in ("e.txt", "d.txt", "c.txt", "b.txt", "a.txt"):
        (tmp_path / name).write_text("user's")
    with pytest.raises(SmrfrError, match=r"holding other files \(a.txt, b.txt, c.txt, ... \(5 in all\)\)"):
        check_target(tmp_path, kind=ZARR_STORE)
    assert listing([]) == "nothing" and listing([tmp_path / "x.tif"]) == "x.tif"


def snapshot(folder):
    """Every file under ``folder`` with its bytes."""
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_output_open_in_qgis_on_windows_is_named_and_kept_whole(tmp_path, monkeypatch):
    """Re-running a GeoTIFF subset and a NetCDF export into outputs whose files QGIS shows, under Windows'
    rules for open files (simulated: :mod:`windows_files`). The run stops with one error naming the open
    files and what to do; the earlier output stays whole, nothing is left beside it; once the layers are
    removed, the same run replaces it."""
    from conftest_products import smrfr_folder
    from windows_files import hold_open

    from smrfr_engine.products import subset

    product = smrfr_folder(tmp_path / "product")
    maps, cube = tmp_path / "maps", tmp_path / "maps.nc"
    for out in (maps, cube):
        subset(product, out, start="2019-12-28", end="2019-12-29", layers=["sml1_p", "sml2_p"],
               fmt=None if out.suffix else "geotiff")
    before = snapshot(tmp_path)
    held = hold_open(monkeypatch, maps / "sml1_p.tif", maps / "sml2_p.tif", cube)
    with pytest.raises(SmrfrError) as error:
        subset(product, maps, start="2019-12-28", end="2019-12-31", fmt="geotiff")
    assert str(error.value) == (
        f"cannot replace output {maps}: {maps / 'sml1_p.tif'}, {maps / 'sml2_p.tif'} are open in another "
        "program (QGIS keeps the files of its layers open): remove those layers from the project or close "
        f"the program, then run again; {maps} is as it was")
    with pytest.raises(SmrfrError, match=f"output {cube}: {cube} is open in another program"):
        subset(product, cube, start="2019-12-28", end="2019-12-31")
    assert snapshot(tmp_path) == before  # no .maps.old, no .partial
    held.clear()
    assert subset(product, maps, start="2019-12-28", end="2019-12-31", fmt="geotiff")["days"] == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps", "maps.nc", "product"]


def test_a_new_folder_that_cannot_take_the_place_of_the_old_one_puts_the_old_one_back(tmp_path, monkeypatch):
    """Windows refuses to rename the new folder once the old one is aside (a program holds one of its new
    files, simulated: :mod:`windows_files`): the old folder is put back and the error names the file; the
    new folder, which cannot be deleted while it is held, stays hidden beside it."""
    from windows_files import hold_open

    target = tmp_path / "store.zarr"
    target.mkdir()
    (target / ".zgroup").write_text("old")
    held = hold_open(monkeypatch)
    with pytest.raises(SmrfrError, match=r"\.partial/\.zgroup is open in another program"), \
            atomic_output(target, kind=ZARR_STORE) as tmp:
        tmp.mkdir()
        (tmp / ".zgroup").write_text("new")
        held.add(tmp / ".zgroup")
    assert snapshot(target) == {Path(".zgroup"): b"old"}
    assert [p.name for p in tmp_path.iterdir() if p != target] == [next(iter(held)).parent.name]


HOLDER = ("import sys, time; from pathlib import Path\n"
          "from smrfr_engine.atomic import ZARR_STORE, atomic_output\n"
          "with atomic_output(Path(sys.argv[1]), kind=ZARR_STORE) as tmp:\n"
          "    tmp.mkdir(); (tmp / '.zgroup').write_text('first'); print(tmp, flush=True); time.sleep(60)")


def test_a_second_run_of_an_output_is_refused_and_a_killed_run_s_partial_is_cleared_by_the_next(tmp_path):
    """Two runs writing one folder output at once swapped it through the one name .NAME.old: a run failed
    with a bare 'Directory not empty' or 'No such file' and the other's old output could be left aside;
    a run killed outright (SIGKILL) left its hidden .NAME.xxxx.partial for good, however many runs
    followed. A run now holds the output's lock while it writes: a second is refused at once, naming the
    output, and the next run after a killed one removes the leftovers (only its own output's)."""
    import subprocess
    import sys

    target = tmp_path / "store.zarr"
    others = [tmp_path / name for name in (".store.zarr.partial", ".store.zarr.nc.abcdefgh.partial",
                                            ".store.abcdefgh.partial", ".store.zarr.abc.partial")]
    for other in others:  # infer's resumable store, the partials of other outputs: not this output's
        other.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        partial = Path(holder.stdout.readline().strip())
        with pytest.raises(SmrfrError, match=f"^another run is writing {target} now: wait for it to end"), \
                atomic_output(target, kind=ZARR_STORE) as tmp:
            tmp.mkdir()
        assert (partial / ".zgroup").read_text() == "first"  # the running writer's partial is untouched
    finally:
        holder.kill()  # SIGKILL: no clean-up runs
        holder.wait()
    assert partial.exists() and partial.name.startswith(".store.zarr.")
    with atomic_output(target, kind=ZARR_STORE) as tmp:
        tmp.mkdir()
        (tmp / ".zgroup").write_text("second")
    assert (target / ".zgroup").read_text() == "second"
    assert sorted(tmp_path.iterdir()) == sorted([target, *others])  # no partial, no lock file


def test_a_run_killed_between_its_two_renames_leaves_the_earlier_output_to_the_next(tmp_path):
    """A run killed after renaming the earlier output aside (.NAME.old) but before renaming its new one in
    left no output, and the earlier one hidden for good: the next run puts it back first, so that it is
    kept when that run fails too, and removes an .old beside an output that is in place."""
    target = tmp_path / "store.zarr"
    aside = tmp_path / ".store.zarr.old"
    aside.mkdir()
    (aside / ".zgroup").write_text("earlier")
    with pytest.raises(RuntimeError), atomic_output(target, kind=ZARR_STORE) as tmp:
        raise RuntimeError("disk full")
    assert snapshot(tmp_path) == {Path("store.zarr/.zgroup"): b"earlier"}
    aside.mkdir()
    (aside / ".zgroup").write_text("older")
    with atomic_output(target, kind=ZARR_STORE) as tmp:
        tmp.mkdir()
        (tmp / ".zgroup").write_text("new")
    assert snapshot(tmp_path) == {Path("store.zarr/.zgroup"): b"new"}


@pytest.mark.parametrize("failure", [errno.ENOLCK, errno.EOPNOTSUPP])
def test_a_file_system_without_locks_writes_as_before(tmp_path, monkeypatch, failure):
    """A network share without a lock service (NFS without lockd) refuses flock with ENOLCK or EOPNOTSUPP
    (simulated: no such share here): every write was refused as 'another run is writing'. Runs go on
    unlocked, as before the lock, and leave no lock file."""
    import fcntl

    def no_locks(fd, operation):
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with atomic_output(tmp_path / "out.csv") as tmp:
        tmp.write_text("a\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.csv"]
