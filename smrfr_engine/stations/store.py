"""The stations GeoPackage (EPSG:4326): point layer ``stations`` and tables ``daily``, ``sensors``,
``qc_log``, ``run_info`` (key, value) and, after screening, ``screening``."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..atomic import atomic_output
from ..errors import SmrfrError

STATION_COLUMNS = [
    "station_id",
    "network",
    "station",
    "lon",
    "lat",
    "elevation",
    "koppen",
    "landcover",
    "sand",
    "clay",
    "silt",
    "saturation",
    "n_sensors",
    "first_date",
    "last_date",
]
DAILY_COLUMNS = ["station_id", "layer", "layer_top", "layer_bottom", "date", "sm", "n_obs", "n_sensors"]
#: the depths (cm) of the sensors a station layer's values come from (shallowest top, deepest bottom);
#: written by the import, optional when read (older GeoPackages lack them)
SENSOR_DEPTH_COLUMNS = ["sensor_top", "sensor_bottom"]
SENSOR_COLUMNS = ["station_id", "variable", "depth_from", "depth_to", "sensor", "layer", "reason", "file"]
QC_COLUMNS = ["station_id", "file", "step", "n_dropped", "reason"]
#: how a stations GeoPackage is made, for the messages of both interfaces
IMPORT_HINT = "smrfr stations import (Processing: Import and quality-control stations)"
SCREENING_COLUMNS = ["station_id", "layer", "etc_rho2", "etc_err_std", "etc_n", "etc_pass", "etc_reason"]


def write_tables(path: Path, stations: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> None:
    """Write the station points and the attribute ``tables`` into a new GeoPackage at ``path``."""
    import geopandas
    import pyogrio

    points = geopandas.GeoDataFrame(
        stations, geometry=geopandas.points_from_xy(stations["lon"], stations["lat"]), crs="EPSG:4326"
    )
    # GeoPackage 1.2: GDAL 3.6 (QGIS 3.22) warns on the 1.4 files newer GDAL writes by default
    pyogrio.write_dataframe(points, path, layer="stations", driver="GPKG", dataset_options={"VERSION": "1.2"})
    for name, table in tables.items():
        pyogrio.write_dataframe(table, path, layer=name, driver="GPKG")


@contextlib.contextmanager
def gpkg_output(out: str | Path) -> Iterator[Path]:
    """:func:`atomic_output` for a GeoPackage: the temporary file ends with ``.gpkg`` as GDAL wants."""
    with atomic_output(out) as tmp:
        named = tmp.with_name(tmp.name + ".gpkg")
        try:
            yield named
            os.replace(named, tmp)
        finally:
            named.unlink(missing_ok=True)


def write_store(out: str | Path, stations: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> Path:
    """Atomically write a new stations GeoPackage ``out``."""
    with gpkg_output(out) as tmp:
        write_tables(tmp, stations, tables)
    return Path(out)


def copy_with_tables(source: str | Path, out: str | Path, tables: dict[str, pd.DataFrame]) -> None:
    """Atomically copy the GeoPackage ``source`` to ``out`` with ``tables`` added (or replaced)."""
    import pyogrio

    with gpkg_output(out) as tmp:
        shutil.copyfile(source, tmp)
        for name, table in tables.items():
            pyogrio.write_dataframe(table, tmp, layer=name, driver="GPKG")


def run_info_table(info: dict) -> pd.DataFrame:
    return pd.DataFrame({"key": list(info), "value": [str(v) for v in info.values()]})


def read_table(path: str | Path, name: str) -> pd.DataFrame:
    """One attribute table of a stations GeoPackage (``daily``, ``sensors``, ``qc_log``, ...)."""
    import pyogrio

    layers = table_names(path)
    if name not in layers:
        raise SmrfrError(
            f"{path}: no table {name!r} (found {', '.join(layers)}); write it with {IMPORT_HINT}"
        )
    return pyogrio.read_dataframe(path, layer=name, read_geometry=False)


def read_stations(path: str | Path, only_passed: bool = False):
    """``(stations GeoDataFrame, daily DataFrame)`` of a stations GeoPackage; ``daily.date`` as text
    YYYY-MM-DD, ``layer`` as int (1-based). ``only_passed`` keeps only the daily values of the station
    layers that passed screening (table ``screening``, ``etc_pass`` = 1)."""
    import geopandas

    daily = read_table(path, "daily")
    stations = geopandas.read_file(path, layer="stations")
    missing = [c for c in STATION_COLUMNS if c not in stations.columns] + [
        c for c in DAILY_COLUMNS if c not in daily.columns
    ]
    if missing:
        raise SmrfrError(f"{path}: not a stations GeoPackage (missing {', '.join(missing)})")
    daily["layer"] = daily["layer"].astype(int)
    return stations, (_passed_screening(path, daily) if only_passed else daily)


def _passed_screening(path: str | Path, daily: pd.DataFrame) -> pd.DataFrame:
    if "screening" not in table_names(path):
        raise SmrfrError(f"{path} has no screening table: screen the stations first (smrfr stations screen, "
                         "or Processing's Screen stations by triple collocation), or use all stations "
                         "(train, recalibrate: --all-stations, Processing 'Also use stations that failed "
                         "screening'; validate: without --only-passed, Processing 'Only station layers that "
                         "passed screening' unchecked)")
    screening = read_table(path, "screening")
    passed = screening.loc[screening["etc_pass"].astype(int) == 1, ["station_id", "layer"]]
    kept = daily.merge(passed.astype({"layer": int}), on=["station_id", "layer"], how="inner")
    if kept.empty:
        raise SmrfrError(f"no station layer of {path} passed screening")
    return kept


def table_names(path: str | Path) -> list[str]:
    """The layers and tables of the stations GeoPackage ``path``; :class:`SmrfrError` when it is missing
    or no vector file (a GeoTIFF, a folder)."""
    import pyogrio
    from pyogrio.errors import DataSourceError

    if not Path(path).exists():
        raise SmrfrError(f"stations GeoPackage {path} does not exist")
    try:
        return [str(n) for n, _ in pyogrio.list_layers(path)]
    except DataSourceError:
        raise SmrfrError(f"stations file {path} is not a station GeoPackage (no vector data); write one "
                         f"with {IMPORT_HINT}") from None


def subset_store(path: str | Path, station_ids, out: str | Path) -> Path:
    """Copy the stations GeoPackage ``path`` keeping only ``station_ids`` in every layer and table
    (e.g. to hold out validation stations); ``run_info`` is copied whole."""
    stations, _ = read_stations(path)
    keep = set(station_ids)
    unknown = keep - set(stations["station_id"])
    if unknown:
        raise SmrfrError(f"{path}: unknown station ids {', '.join(sorted(unknown))}")
    tables = {}
    for name in table_names(path):
        if name == "stations":
            continue
        table = read_table(path, name)
        tables[name] = table[table["station_id"].isin(keep)] if "station_id" in table.columns else table
    return write_store(out, stations[stations["station_id"].isin(keep)].drop(columns="geometry"), tables)
