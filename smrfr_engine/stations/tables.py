"""User station tables: CSV (one row per value) or point layers (GeoPackage, Shapefile) with a linked
time-series table. Each (station, depth) becomes one sensor like an ISMN file, without flags."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd

from ..csvfile import read_csv
from ..dates import parse_times
from ..errors import SmrfrError
from ..layers import LayerScheme
from .ismn import SensorSeries, Skip

#: depth units of a user table, as factors to m
DEPTH_SCALES = {"m": 1.0, "cm": 0.01}
#: soil-moisture units of a user table, as factors to m3/m3
VALUE_SCALES = {"m3/m3": 1.0, "percent": 0.01, "%": 0.01}


@dataclass
class TableColumns:
    """Column names of a user table (configurable), the unit of its depths (``m`` or ``cm``) and of its
    soil moisture (``m3/m3`` or ``percent``, volumetric).

    Depth is given by ``depth_from``/``depth_to``, or one ``depth`` (point sensor), or a 1-based
    ``layer`` of the import scheme; ``network`` and ``flag`` are optional.
    """

    id: str = "station_id"
    lon: str = "lon"
    lat: str = "lat"
    time: str = "time"
    value: str = "sm"
    depth_from: str = "depth_from"
    depth_to: str = "depth_to"
    depth: str = "depth"
    layer: str = "layer"
    network: str = "network"
    flag: str = "flag"
    depth_unit: str = "m"
    value_unit: str = "m3/m3"

    def __post_init__(self) -> None:
        if self.depth_unit not in DEPTH_SCALES:
            raise SmrfrError(f"depth unit {self.depth_unit!r}: use {' or '.join(DEPTH_SCALES)}")
        if self.value_unit not in VALUE_SCALES:
            raise SmrfrError(f"soil-moisture unit {self.value_unit!r}: use {', '.join(VALUE_SCALES)}")

    @classmethod
    def parse(cls, spec: str) -> TableColumns:
        """From ``key=column,...`` (e.g. ``id=site,value=vwc,depth_unit=cm,value_unit=percent``)."""
        known = [f.name for f in fields(cls)]
        values = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, _, column = part.partition("=")
            if key.strip() not in known or not column:
                raise SmrfrError(
                    f"column mapping {part!r}: use key=column with key one of {', '.join(known)}"
                )
            values[key.strip()] = column.strip()
        return cls(**values)


def _depths(frame: pd.DataFrame, columns: TableColumns, scheme: LayerScheme, name: str) -> pd.DataFrame:
    scale = DEPTH_SCALES[columns.depth_unit]
    if {columns.depth_from, columns.depth_to} <= set(frame.columns):
        top, bottom = frame[columns.depth_from], frame[columns.depth_to]
    elif columns.depth in frame.columns:
        top = bottom = frame[columns.depth]
    elif columns.layer in frame.columns:
        index = pd.to_numeric(frame[columns.layer], errors="coerce")
        bad = ~index.isin(range(1, len(scheme) + 1))
        if bad.any():
            raise SmrfrError(
                f"{name}: layer {frame.loc[bad, columns.layer].iloc[0]!r} is not a layer "
                f"1..{len(scheme)} of the {scheme.name} scheme"
            )
        frame = frame.assign(
            _top=[scheme[i - 1].top / 100 for i in index], _bottom=[scheme[i - 1].bottom / 100 for i in index]
        )
        return frame.assign(depth_from=frame["_top"], depth_to=frame["_bottom"])
    else:
        raise SmrfrError(
            f"{name}: no depth columns ({columns.depth_from}/{columns.depth_to}, {columns.depth} "
            f"or {columns.layer}); available: {', '.join(map(str, frame.columns))}"
        )
    return frame.assign(
        depth_from=pd.to_numeric(top, errors="coerce") * scale,
        depth_to=pd.to_numeric(bottom, errors="coerce") * scale,
    )


def sensors_from_frame(
    frame: pd.DataFrame, name: str, columns: TableColumns, scheme: LayerScheme
) -> tuple[list[SensorSeries], list[Skip]]:
    """One :class:`SensorSeries` per station and depth of a long table; stations with missing or
    invalid coordinates are skipped with the reason."""
    required = [columns.id, columns.lon, columns.lat, columns.time, columns.value]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SmrfrError(
            f"{name}: no column {', '.join(missing)}; available: {', '.join(map(str, frame.columns))}"
            " (set the names with the column mapping)"
        )
    frame = _depths(frame, columns, scheme, name).assign(_time=parse_times(frame[columns.time], name))
    value_scale = VALUE_SCALES[columns.value_unit]
    network = Path(name).stem
    sensors, skips = [], []
    for (station, depth_from, depth_to), rows in frame.groupby(
        [columns.id, "depth_from", "depth_to"], dropna=False, sort=True
    ):
        label = f"{name}: station {station} at {depth_from:g}-{depth_to:g} m"
        lon = pd.to_numeric(rows[columns.lon], errors="coerce")
        lat = pd.to_numeric(rows[columns.lat], errors="coerce")
        unplaced = int((lon.isna() | lat.isna()).sum())
        if unplaced:
            skips.append(Skip(label, f"station {station}: no coordinates in {unplaced} of its {len(rows)} "
                                     "rows", len(rows)))
            continue
        places = pd.DataFrame({"lon": lon, "lat": lat}).drop_duplicates()
        if len(places) > 1:
            shown = "; ".join(f"{x:g}, {y:g}" for x, y in places.head(3).itertuples(index=False))
            skips.append(Skip(label, f"station {station} has {len(places)} locations (lon, lat: {shown}): "
                                     "give each location its own station id", len(rows)))
            continue
        lon0, lat0 = float(lon.iloc[0]), float(lat.iloc[0])
        if not (-180 <= lon0 <= 180 and -90 <= lat0 <= 90):
            skips.append(Skip(label, f"coordinates lon={lon0}, lat={lat0} outside -180..180, -90..90",
                              len(rows)))
            continue
        time = rows["_time"]
        raw = rows[columns.value]
        sm = pd.to_numeric(raw, errors="coerce")
        unreadable = (sm.isna() & raw.notna() & raw.astype(str).str.strip().ne("")).to_numpy()
        ok = time.notna().to_numpy() & ~unreadable
        data = pd.DataFrame(
            {
                "sm": sm.to_numpy(float)[ok] * value_scale,
                "flag": (
                    rows[columns.flag].fillna("").astype(str).to_numpy()[ok] if columns.flag in rows else ""
                ),
            },
            index=pd.DatetimeIndex(time[ok], name="time"),
        ).sort_index(kind="stable")  # a time given twice keeps its first value first
        sensors.append(
            SensorSeries(
                network=str(rows[columns.network].iloc[0]) if columns.network in rows else network,
                station=str(station),
                variable="sm",
                depth_from=float(depth_from),
                depth_to=float(depth_to),
                sensor="user",
                lat=lat0,
                lon=lon0,
                elevation=np.nan,
                file=name,
                data=data,
                n_malformed=int((time.isna().to_numpy() & ~unreadable).sum()),
                n_unreadable=int(unreadable.sum()),
                unreadable_example=str(raw[unreadable].iloc[0]) if unreadable.any() else "",
            )
        )
    return sensors, skips


def read_table(
    path: str | Path, columns: TableColumns, scheme: LayerScheme, series: str | Path | None = None
) -> tuple[list[SensorSeries], list[Skip]]:
    """Sensors of a CSV table, or of a point layer (GeoPackage, Shapefile) joined by station id to its
    time-series table: ``series`` (CSV or table), else a table layer in the same GeoPackage, else a
    CSV beside the points with the same name."""
    path = Path(path)
    if not path.exists():
        raise SmrfrError(f"station table {path} does not exist")
    identifiers = (columns.id, columns.network)
    if path.suffix.lower() == ".csv":
        return sensors_from_frame(read_csv(path, "station table", identifiers), path.name, columns, scheme)
    import pyogrio

    from ..products.aoi import read_vector

    layers = pyogrio.list_layers(path)
    points_layer = next((name for name, kind in layers if kind and "Point" in kind), None)
    if points_layer is None:
        raise SmrfrError(f"{path}: no point layer; layers: {', '.join(str(n) for n, _ in layers)}")
    points = read_vector(path, layer=points_layer)
    if points.crs is not None:
        points = points.to_crs(4326)
    if series is not None:
        table = (
            read_csv(series, "station table", identifiers)
            if str(series).lower().endswith(".csv")
            else pyogrio.read_dataframe(series, read_geometry=False)
        )
    elif any(kind is None for _, kind in layers):
        table = pyogrio.read_dataframe(
            path, layer=next(n for n, k in layers if k is None), read_geometry=False
        )
    elif path.with_suffix(".csv").exists():
        table = read_csv(path.with_suffix(".csv"), "station table", identifiers)
    else:
        raise SmrfrError(
            f"{path}: no time-series table (a table layer in the GeoPackage, a CSV with the same "
            "name beside it, or the series option)"
        )
    if columns.id not in points.columns or columns.id not in table.columns:
        raise SmrfrError(
            f"{path}: station id column {columns.id!r} must be in the points and the series table"
        )
    coords = pd.DataFrame(  # ids as text on both sides: a layer may store them as numbers
        {columns.id: points[columns.id].astype(str), columns.lon: points.geometry.x,
         columns.lat: points.geometry.y}
    )
    table[columns.id] = table[columns.id].astype(str)
    extra = [
        c
        for c in points.columns
        if c in (columns.network, columns.depth_from, columns.depth_to, columns.depth, columns.layer)
        and c not in table.columns
    ]
    coords = coords.join(points[extra])
    merged = table.drop(columns=[c for c in (columns.lon, columns.lat) if c in table.columns]).merge(
        coords, on=columns.id, how="left"
    )
    return sensors_from_frame(merged, path.name, columns, scheme)
