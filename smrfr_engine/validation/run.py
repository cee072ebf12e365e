"""``smrfr validate``: validate products against point data and write tables, a GeoPackage and a report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import xarray as xr

from ..atomic import VALIDATION_REPORT, atomic_output, check_apart, check_target
from ..errors import SmrfrError
from ..feedback import Feedback
from ..metrics import MIN_N, check_min_n, metrics_table, summarise_stations
from ..options import as_names
from ..products.points import cells_as_text
from .matching import load_points, match_products

#: output files in the validation folder
FILES = {
    "by_station": "metrics_by_station.csv",
    "pooled": "metrics_pooled.csv",
    "by_group": "metrics_pooled_by_group.csv",
    "station_summary": "metrics_station_summary.csv",
    "pairs": "matched_pairs.csv",
    "stations": "stations_metrics.gpkg",
    "report": "report.html",
}
LAYER_KEYS = ["product", "layer", "layer_top", "layer_bottom"]


@dataclass
class Validation:
    """What :func:`validate` produced: the tables (also written as CSV) and the output files."""

    pairs: pd.DataFrame
    stations: pd.DataFrame
    by_station: pd.DataFrame
    pooled: pd.DataFrame
    station_summary: pd.DataFrame
    by_group: pd.DataFrame | None = None
    group: str | None = None
    files: dict[str, Path] = field(default_factory=dict)


def parse_products(specs: Sequence[str]) -> dict[str, str]:
    """Product specs ``NAME=PATH`` or ``PATH`` (named after the file) -> {name: path}; names are unique."""
    products = {}
    for spec in (s.strip() for s in specs):
        name, sep, path = spec.partition("=")
        if not sep:
            name, path = Path(spec.rstrip("/")).stem, spec
        if name in products:
            raise SmrfrError(f"product name {name!r} is given twice; name them with NAME=PATH")
        products[name.strip()] = path.strip()
    return products


def parse_named(specs: Sequence[str] | None, products: Mapping, option: str) -> dict[str, str]:
    """Options ``NAME=VALUE`` about products (``--kind``, ``--description``) -> {name: value}; every NAME
    must be one of the ``products``."""
    named = {}
    for spec in specs or ():
        name, sep, value = (part.strip() for part in spec.partition("="))
        if not sep or name not in products or not value:
            raise SmrfrError(f"{option} {spec!r}: use NAME=VALUE, NAME one of the products "
                             f"({', '.join(products)})")
        named[name] = value
    return named


def validate(products: Mapping[str, str | Path | xr.Dataset], points: str | Path, out: str | Path,
             layers: Sequence[str] | None = None, group_by: str | None = None, start=None, end=None,
             sampling: str = "nearest", min_n: int = MIN_N, columns: Mapping[str, str] | None = None,
             only_passed: bool = False, feedback: Feedback | None = None,
             kinds: Mapping[str, str] | None = None, descriptions: Mapping | None = None) -> Validation:
    """Validate each product (name -> path or opened dataset) against the points (station GeoPackage
    or CSV) and write the outputs of :data:`FILES` into the folder ``out``.

    Each station's observations are matched with the product's cell on the same day and the product
    layer its depth maps to; with several products only the observations all of them cover are used.
    Metrics per product and layer: pooled over all pairs, per station and summarised over stations
    (median, IQR), and per group of ``group_by`` (a station field, e.g. ``koppen``).
    ``layers`` (one name or several) keeps these product layers only; ``start``/``end`` limit the dates;
    ``only_passed`` keeps the station layers that passed screening (station GeoPackage with a
    ``screening`` table).
    ``kinds`` and ``descriptions`` (product name -> kind, description) read products whose layout is not
    detected, as in :func:`~smrfr_engine.products.open_product`.
    """
    from ..products import open_product
    from ..products.model import select

    feedback = feedback or Feedback()
    layers = as_names(layers)
    if not products:
        raise SmrfrError("give at least one product to validate")
    check_min_n(min_n)
    check_apart(out, points, *products.values())
    out = check_target(out, VALIDATION_REPORT)  # before the work, not after
    stations, observations = load_points(points, columns, only_passed)
    if group_by and group_by not in stations.columns:
        raise SmrfrError(f"group field {group_by!r} is not a station field of {points}; available: "
                         f"{', '.join(c for c in stations.columns if c not in ('lon', 'lat'))}")
    with ExitStack() as files:
        opened = {}
        for name, product in products.items():
            ds = product if isinstance(product, xr.Dataset) else files.enter_context(
                open_product(product, (kinds or {}).get(name), (descriptions or {}).get(name)))
            wanted = [layer for layer in layers or () if layer in ds.layer.values]
            if layers and not wanted:
                feedback.warning(f"{name}: none of the layers {', '.join(layers)} (it has "
                                 f"{', '.join(map(str, ds.layer.values))}); skipped")
                continue
            opened[name] = select(ds, start=start, end=end, feedback=feedback)
        if not opened:
            raise SmrfrError(f"no product has any of the layers {', '.join(layers or ())}")
        feedback.progress(0.05, f"{len(stations)} stations, {len(observations)} observations")
        pairs = match_products(opened, stations, observations, sampling, feedback.span(0.05, 0.6), layers)
    if group_by:
        pairs = pairs.merge(stations[["station_id", group_by]], on="station_id")
    result = _metrics(pairs, stations, group_by, min_n)
    feedback.progress(0.7, f"metrics of {pairs['station_id'].nunique()} stations")
    _write(result, out, feedback.span(0.7, 1.0))
    return result


def _metrics(pairs: pd.DataFrame, stations: pd.DataFrame, group: str | None, min_n: int) -> Validation:
    keys = LAYER_KEYS + ([group] if group else [])
    # one daily series per station and observation depth (two depths may share a product layer)
    series = pairs.assign(series=pairs["station_id"] + "@" + pairs["obs_top"].astype(str) + "-"
                          + pairs["obs_bottom"].astype(str))
    by_station = metrics_table(series, "estimate", "observed", keys + ["station_id"], "date", "series", min_n)
    pooled = metrics_table(series, "estimate", "observed", LAYER_KEYS, "date", "series", min_n)
    by_group = metrics_table(series, "estimate", "observed", keys, "date", "series", min_n) if group else None
    return Validation(pairs=pairs, stations=stations, by_station=by_station, pooled=pooled,
                      station_summary=summarise_stations(by_station, keys), by_group=by_group, group=group)


def _write(result: Validation, out: Path, feedback: Feedback) -> None:
    from .report import write_report

    with atomic_output(out, kind=VALIDATION_REPORT) as tmp:
        tmp.mkdir()
        pairs = result.pairs.assign(date=result.pairs["date"].dt.strftime("%Y-%m-%d"))
        tables = {"by_station": result.by_station, "pooled": result.pooled, "by_group": result.by_group,
                  "station_summary": result.station_summary, "pairs": cells_as_text(pairs)}
        for name, table in tables.items():
            if table is not None:
                table.to_csv(tmp / FILES[name], index=False, float_format="%.6g")
        feedback.progress(0.1, "tables written")
        write_station_layers(result, tmp / FILES["stations"])
        feedback.progress(0.2, "station GeoPackage written")
        write_report(result, tmp / FILES["report"], feedback.span(0.2, 1.0))
    result.files = {name: out / file for name, file in FILES.items() if (out / file).exists()}


def station_layer_name(product: str, layer: str) -> str:
    return f"{product}_{layer}"


def write_station_layers(result: Validation, path: Path) -> None:
    """One point layer per product and layer (``<product>_<layer>``) with the station metrics."""
    import geopandas as gpd

    attributes = result.stations.drop(columns=[c for c in result.by_station.columns
                                               if c in result.stations.columns and c != "station_id"])
    table = result.by_station.merge(attributes, on="station_id")
    for (product, layer), part in table.groupby(["product", "layer"], sort=False):
        frame = gpd.GeoDataFrame(part.reset_index(drop=True),
                                 geometry=gpd.points_from_xy(part["lon"], part["lat"]), crs="EPSG:4326")
        frame.to_file(path, layer=station_layer_name(product, layer), driver="GPKG", engine="pyogrio")
