"""Match products to point observations: load the points, map depths to layers, sample, align dates.

Points are a station GeoPackage (``smrfr stations import``: layer ``stations``, table ``daily``) or a
CSV with one row per station, date and depth. Each observation interval (cm: the depths of the
sensors a GeoPackage's station layer comes from, ``sensor_top..sensor_bottom``, else its
``layer_top..layer_bottom``) goes to the product layer chosen by
:meth:`LayerScheme.layer_for_sensor` (the station-import rules), the product is sampled at the
station's cell and the dates are aligned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from ..csvfile import read_csv
from ..errors import SmrfrError
from ..feedback import Feedback
from ..layers import LayerScheme
from ..metrics import numeric_column
from ..stations.store import SENSOR_DEPTH_COLUMNS

#: canonical CSV columns and the alternative names accepted for them
CSV_COLUMNS = {
    "station_id": ("station_id", "station", "id"),
    "lon": ("lon", "longitude", "x"),
    "lat": ("lat", "latitude", "y"),
    "date": ("date", "time"),
    "layer_top": ("layer_top", "depth_from"),
    "layer_bottom": ("layer_bottom", "depth_to"),
    "sm": ("sm", "soil_moisture", "observed"),
}
#: optional daily precipitation column of the points (mm/day), shown in the report's time series
PRECIPITATION = "precipitation"
#: the observation key shared by all products (a common valid sample is built over it)
OBSERVATION_KEY = ["station_id", "obs_top", "obs_bottom", "date"]


def load_points(path: str | Path, columns: Mapping[str, str] | None = None,
                only_passed: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stations (``station_id``, ``lon``, ``lat`` in EPSG:4326, other attributes) and daily
    observations (``station_id``, ``obs_top``, ``obs_bottom`` cm, ``date``, ``observed`` m3/m3 and
    ``precipitation`` when the points have it) from a station GeoPackage or a CSV.

    ``columns`` maps canonical CSV names (see :data:`CSV_COLUMNS`) to the file's own names;
    ``only_passed`` keeps the station layers that passed screening (GeoPackage only).
    """
    path = Path(path)
    if not path.exists():
        raise SmrfrError(f"points file {path} does not exist")
    if path.suffix.lower() == ".gpkg":
        stations, daily = _read_geopackage(path, only_passed)
    elif only_passed:
        raise SmrfrError(f"points file {path}: only a screened station GeoPackage knows which stations "
                         "passed screening")
    elif path.suffix.lower() in (".csv", ".txt"):
        stations, daily = _read_csv(path, dict(columns or {}))
    else:
        raise SmrfrError(f"points file {path}: expected a station GeoPackage (.gpkg) or a CSV file")
    daily = daily.rename(columns={"layer_top": "obs_top", "layer_bottom": "obs_bottom", "sm": "observed"})
    keep = OBSERVATION_KEY + ["observed"] + ([PRECIPITATION] if PRECIPITATION in daily else [])
    daily = daily[keep].dropna(subset=["observed"])
    if daily.empty:
        raise SmrfrError(f"points file {path} holds no valid observation")
    wrong = daily.loc[~daily["observed"].between(0, 1), "observed"]
    if len(wrong):
        raise SmrfrError(f"points file {path}: {len(wrong)} observed soil moisture value(s) outside 0..1 "
                         f"m3/m3 (e.g. {wrong.iloc[0]:g}); in percent? divide them by 100")
    unknown = set(daily["station_id"]) - set(stations["station_id"])
    if unknown:
        raise SmrfrError(f"points file {path}: observations of unknown station(s) {sorted(unknown)[:5]}")
    return stations.reset_index(drop=True), daily.reset_index(drop=True)


def _read_geopackage(path: Path, only_passed: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    from ..stations import read_stations

    stations, daily = read_stations(path, only_passed)
    if stations.crs is not None and not stations.crs.equals("EPSG:4326"):
        stations = stations.to_crs("EPSG:4326")
    lonlat = pd.DataFrame({"lon": stations.geometry.x, "lat": stations.geometry.y})
    stations = pd.DataFrame(stations.drop(columns=["geometry", "lon", "lat"], errors="ignore")).join(lonlat)
    source = f"table 'daily' of {path}"
    daily = daily.assign(**{c: numeric_column(daily, c, source) for c in ("layer_top", "layer_bottom", "sm")},
                         date=_dates(daily["date"], source))
    for sensor, layer in zip(SENSOR_DEPTH_COLUMNS, ("layer_top", "layer_bottom")):
        if sensor in daily:  # the sensors' own depths, not the import scheme's layer
            daily[layer] = numeric_column(daily, sensor, source).fillna(daily[layer])
    return stations, daily


def _read_csv(path: Path, columns: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    table = read_csv(path, "points file", [columns.get("station_id"), *CSV_COLUMNS["station_id"]])
    source = str(path)
    names = {}
    for canonical, aliases in CSV_COLUMNS.items():
        found = [columns[canonical]] if canonical in columns else [a for a in aliases if a in table.columns]
        if not found or found[0] not in table.columns:
            raise SmrfrError(f"points file {path} has no column {found[0] if found else canonical!r} "
                             f"({canonical}: one of {', '.join(aliases)}); available: "
                             f"{', '.join(map(str, table.columns))}")
        names[canonical] = found[0]
    if PRECIPITATION in table.columns:
        names[PRECIPITATION] = PRECIPITATION
    frame = table[list(names.values())].set_axis(list(names), axis=1)
    numeric = ["lon", "lat", "layer_top", "layer_bottom", "sm"] + ([PRECIPITATION] if PRECIPITATION in names
                                                                 else [])
    for canonical in numeric:
        frame[canonical] = numeric_column(table, names[canonical], source).to_numpy()
    frame["station_id"] = frame["station_id"].astype(str)
    frame["date"] = _dates(frame["date"], source)
    if not (frame["lon"].between(-180, 180).all() and frame["lat"].between(-90, 90).all()):
        raise SmrfrError(f"points file {path}: lon/lat must be degrees in EPSG:4326 (lon -180..180, "
                         f"lat -90..90); found lon {frame['lon'].min():g}..{frame['lon'].max():g}, "
                         f"lat {frame['lat'].min():g}..{frame['lat'].max():g} (projected coordinates?)")
    stations = frame.groupby("station_id", sort=False)[["lon", "lat"]].first().reset_index()
    extra = [c for c in table.columns if c not in names.values()]
    attributes = table[extra].assign(station_id=frame["station_id"]).groupby("station_id", sort=False).first()
    return stations.join(attributes, on="station_id"), frame.drop(columns=["lon", "lat"])


def _dates(values: pd.Series, source: str) -> pd.Series:
    dates = pd.to_datetime(values, errors="coerce")
    if dates.isna().any():
        row = dates.isna().idxmax()
        raise SmrfrError(f"{source}: dates must be YYYY-MM-DD; row {row} has {values[row]!r}")
    return dates.dt.normalize()


def layer_names(observations: pd.DataFrame, scheme: LayerScheme) -> pd.Series:
    """The product layer (name, or None) of every observation interval ``obs_top..obs_bottom`` cm."""
    intervals = observations[["obs_top", "obs_bottom"]].drop_duplicates()
    mapping = {}
    for top, bottom in intervals.itertuples(index=False):
        index = scheme.layer_for_sensor(top, bottom)
        mapping[(top, bottom)] = None if index is None else scheme[index].name
    return pd.Series([mapping[key] for key in zip(observations["obs_top"], observations["obs_bottom"])],
                     index=observations.index, dtype=object)


def product_xy(ds: xr.Dataset, lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Point coordinates in the product's CRS (EPSG:4326 lon/lat reprojected for projected products)."""
    from pyproj import Transformer

    from ..products.model import is_geographic

    if is_geographic(ds):
        return lons, lats
    return Transformer.from_crs("EPSG:4326", ds.attrs["crs"], always_xy=True).transform(lons, lats)


def inside(ds: xr.Dataset, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Which points (in the product's CRS) fall inside the product grid (outer cell edges)."""
    from ..products.model import bounds

    west, south, east, north = bounds(ds)
    return (xs >= west) & (xs <= east) & (ys >= south) & (ys <= north)


def pair_product(name: str, sampled: xr.DataArray, stations: pd.DataFrame, observations: pd.DataFrame,
                 scheme: LayerScheme) -> pd.DataFrame:
    """Observations joined with the product values sampled at their stations (dims point, layer, time;
    ``point`` in the order of ``stations``): one row per observation the product has a layer for."""
    mapped = observations.assign(layer=layer_names(observations, scheme)).dropna(subset=["layer"])
    frame = sampled.transpose("point", "layer", "time").to_dataframe(name="estimate").reset_index()
    frame = frame.rename(columns={"time": "date"})[["point", "layer", "date", "estimate"]]
    frame["station_id"] = stations["station_id"].to_numpy()[frame["point"].to_numpy()]
    frame["date"] = pd.to_datetime(frame["date"]).dt.normalize()
    frame["layer"] = frame["layer"].astype(str)
    cells = pd.DataFrame({"station_id": stations["station_id"].to_numpy(),
                          **{c: sampled[c].values for c in ("cell_lon", "cell_lat", "distance_km")
                             if c in sampled.coords}})
    depths = pd.DataFrame({"layer": scheme.names, "layer_top": [layer.top for layer in scheme.layers],
                           "layer_bottom": [layer.bottom for layer in scheme.layers]})
    pairs = mapped.merge(frame.drop(columns="point"), on=["station_id", "layer", "date"], how="inner")
    pairs = pairs.merge(depths, on="layer").merge(cells, on="station_id")
    pairs.insert(0, "product", name)
    return pairs


def common_sample(pairs: pd.DataFrame, products: Sequence[str],
                  feedback: Feedback | None = None) -> pd.DataFrame:
    """Keep the observations (:data:`OBSERVATION_KEY`) every product has a valid estimate for, whatever
    layer each maps them to: a product that is NaN there or has no pair for them (period, extent, depth)
    drops them for all products. Reports how many were dropped and which products lacked them."""
    valid = pairs[pairs["estimate"].notna()]
    present = (valid.groupby(OBSERVATION_KEY + ["product"]).size().unstack("product", fill_value=0)
               .reindex(columns=list(products), fill_value=0) > 0)
    complete = present.all(axis=1)
    if not complete.all():
        lacking = ", ".join(f"{name} {count}" for name, count in (~present).sum().items() if count)
        (feedback or Feedback()).warning(
            f"{int((~complete).sum())} of {len(present)} observations are dropped because not every product "
            f"has a valid value there (missing per product: {lacking}); all products are compared on the "
            f"remaining {int(complete.sum())}")
    keep = pd.MultiIndex.from_frame(valid[OBSERVATION_KEY]).isin(present.index[complete])
    return valid[keep].reset_index(drop=True)


def match_products(products: Mapping[str, xr.Dataset], stations: pd.DataFrame, observations: pd.DataFrame,
                   sampling: str = "nearest", feedback: Feedback | None = None,
                   layers: Sequence[str] | None = None) -> pd.DataFrame:
    """Matched pairs of every product with the observations, on the common valid sample.

    Depths map to layers by each product's whole layer scheme; ``layers`` then keeps the pairs of these
    product layers only (so choosing layers never moves an observation to another layer).

    Columns: ``product``, ``station_id``, ``layer`` (product layer), ``layer_top``/``layer_bottom``,
    ``obs_top``/``obs_bottom``, ``date``, ``estimate``, ``observed``, the cell of the station
    (``cell_lon``, ``cell_lat``, ``distance_km``) and ``precipitation`` when the points have it.
    """
    from ..products import sample_points
    from ..products.model import scheme_of
    from ..products.points import check_sampling

    feedback = feedback or Feedback()
    check_sampling(sampling)
    parts = []
    for number, (name, ds) in enumerate(products.items()):
        feedback.check()
        source = ds.attrs.get("source", name)
        lons, lats = stations["lon"].to_numpy(float), stations["lat"].to_numpy(float)
        xs, ys = product_xy(ds, lons, lats)
        within = inside(ds, xs, ys)
        if not within.any():
            raise SmrfrError(f"no point lies inside product {name} ({source}); the points cover lon "
                             f"{lons.min():g}..{lons.max():g}, lat {lats.min():g}..{lats.max():g}")
        if not within.all():
            feedback.warning(f"{name}: {int((~within).sum())} station(s) outside the product are skipped: "
                             f"{', '.join(stations['station_id'][~within].astype(str)[:5])}")
        dates = ds.time.values
        in_time = observations["date"].between(pd.Timestamp(dates[0]), pd.Timestamp(dates[-1]))
        if not in_time.any():
            first, last = observations["date"].min().date(), observations["date"].max().date()
            raise SmrfrError(f"no observation date overlaps product {name} ({source}), which covers "
                             f"{pd.Timestamp(dates[0]).date()}..{pd.Timestamp(dates[-1]).date()}; the points "
                             f"cover {first}..{last}")
        kept = stations[within].reset_index(drop=True)
        sampled = sample_points(ds, xs[within], ys[within], method=sampling)
        part = pair_product(name, sampled, kept, observations[in_time], scheme_of(ds))
        parts.append(part[part["layer"].isin(layers)] if layers else part)
        feedback.progress((number + 1) / len(products), f"matched {name}: {len(parts[-1])} observations")
    pairs = pd.concat(parts, ignore_index=True)
    if pairs.empty:
        chosen = f" among the layers {', '.join(layers)}" if layers else ""
        raise SmrfrError(f"no observation depth maps to a layer of the product(s){chosen}: observed depths "
                         f"{_depths(observations)}")
    common = common_sample(pairs, list(products), feedback)
    if common.empty:
        valid = pairs.dropna(subset=["estimate"]).groupby("product").size()
        raise SmrfrError("no observation has a valid value of every product (valid observations per product: "
                         f"{', '.join(f'{name} {valid.get(name, 0)}' for name in products)})")
    return common


def _depths(observations: pd.DataFrame) -> str:
    intervals = observations[["obs_top", "obs_bottom"]].drop_duplicates().itertuples(index=False)
    return ", ".join(f"{top:g}-{bottom:g} cm" for top, bottom in intervals)
