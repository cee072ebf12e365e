"""``import_stations``: read, quality-control, aggregate and map station data to layers, into a GeoPackage.

Order of the steps (each logged in ``qc_log`` with the number of values or days it dropped):
read -> layer mapping -> missing values -> ISMN flags -> plausibility checks -> daily means ->
gap filling -> fewest valid days -> choice of sensors per station layer -> cell averaging -> rescaling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import __version__
from ..atomic import check_apart, check_target
from ..errors import SmrfrError, check_range, counted
from ..feedback import Feedback
from ..layers import LayerScheme, get_scheme
from .daily import (
    choose_sensors,
    combine,
    depth_cm,
    fill_gaps,
    rescale,
    sensor_layer,
    to_daily,
    weighted_layers,
)
from .ismn import SensorSeries, Skip, read_ismn
from .qc import QcOptions, quality_control
from .store import (
    DAILY_COLUMNS,
    QC_COLUMNS,
    SENSOR_COLUMNS,
    SENSOR_DEPTH_COLUMNS,
    STATION_COLUMNS,
    run_info_table,
    write_store,
)
from .tables import TableColumns, read_table

TABLE_SUFFIXES = (".csv", ".gpkg", ".shp")


@dataclass
class ImportSummary:
    """What an import read, kept and dropped (from the QC log)."""

    out: Path
    n_files: int
    n_sensors: int
    n_stations: int
    n_station_layers: int
    n_days: int
    qc_log: pd.DataFrame = field(repr=False)

    def text(self) -> str:
        lines = [
            f"read {counted(self.n_sensors, 'sensor')} at {counted(self.n_stations, 'station')} from "
            f"{counted(self.n_files, 'input')}",
            f"kept {counted(self.n_days, 'daily value')} in "
            f"{counted(self.n_station_layers, 'station layer')} -> {self.out}",
        ]
        if len(self.qc_log):
            lines.append("dropped or changed (step: reason = count):")
            totals = self.qc_log.groupby(["step", "reason"], sort=False)["n_dropped"].agg(["sum", "size"])
            for (step, reason), row in totals.iterrows():
                entries = counted(int(row["size"]), "entry", "entries")
                lines.append(f"  {step}: {reason} = {int(row['sum'])} ({entries})")
        return "\n".join(lines)


def read_inputs(
    inputs,
    scheme: LayerScheme,
    columns: TableColumns | None = None,
    series=None,
    feedback: Feedback | None = None,
) -> tuple[list[SensorSeries], list[Skip]]:
    """Sensors of every input: ISMN downloads (zip, folder, .stm) and user tables (CSV, GPKG, SHP)."""
    feedback = feedback or Feedback()
    sensors, skips = [], []
    for number, source in enumerate(inputs):
        feedback.progress(number / len(inputs), f"reading {source}")
        if Path(source).suffix.lower() in TABLE_SUFFIXES:
            found, skipped = read_table(source, columns or TableColumns(), scheme, series)
        else:
            found, skipped = read_ismn(source)
        sensors += found
        skips += skipped
    return _unique(sensors, skips)


def _unique(sensors: list[SensorSeries], skips: list[Skip]) -> tuple[list[SensorSeries], list[Skip]]:
    """The sensors less those read twice (an ISMN download given as zip and as folder, or in both of its
    formats: same station, variable, depths, sensor, values and flags), which are skipped, naming the file
    they repeat; they would count twice in n_obs, n_sensors and --min-obs-per-day."""
    first: dict[tuple, SensorSeries] = {}
    unique = []
    for sensor in sensors:
        key = (sensor.station_id, sensor.variable, sensor.depth_from, sensor.depth_to, sensor.sensor)
        seen = first.setdefault(key, sensor)
        if seen is not sensor and seen.data[["sm", "flag"]].equals(sensor.data[["sm", "flag"]]):
            skips.append(Skip(f"{sensor.file} (as {seen.file})", "the same sensor read twice",
                              len(sensor.data)))
        else:
            unique.append(sensor)
    return unique, skips


def import_stations(
    inputs,
    out,
    scheme: str = "smrfr",
    options: QcOptions | None = None,
    feedback: Feedback | None = None,
    columns: TableColumns | None = None,
    series: str | Path | None = None,
) -> ImportSummary:
    """Import station data into the stations GeoPackage ``out`` (see :mod:`.store` for its tables).

    ``inputs``: one path or a list of them: ISMN downloads (zip or folder), CSV tables (columns as
    ``columns`` names them) or point layers (GeoPackage, Shapefile; values from ``series`` or a table
    beside them). ``scheme`` names the layer scheme, ``options`` the quality control. Returns the
    :class:`ImportSummary` (``.text()`` is the summary the command line prints)."""
    feedback = feedback or Feedback()
    options = options or QcOptions()
    layers = get_scheme(scheme)
    inputs = [Path(p) for p in ([inputs] if isinstance(inputs, (str, Path)) else inputs)]
    if not inputs:
        raise SmrfrError("no input given: name ISMN downloads (zip or folder) or station tables")
    if options.cell_size is not None:
        check_range("cell size", options.cell_size, options.cell_size > 0, "a cell size > 0 degrees")
    check_apart(out, *inputs, series, options.rescale_reference)
    check_target(out)  # before the work, not after
    sensors, skips = read_inputs(inputs, layers, columns, series, feedback.span(0, 0.3))
    log = [("", skip.file, "read", skip.n_values, f"skipped: {skip.reason}") for skip in skips]
    if not sensors:
        raise SmrfrError(
            f"no soil-moisture sensor found in {', '.join(map(str, inputs))}"
            + (f"; skipped: {'; '.join(f'{s.file}: {s.reason}' for s in skips)}" if skips else "")
        )
    sensor_table, kept = _control_sensors(sensors, layers, options, log, feedback)
    feedback.progress(0.8, "combining sensors per station layer")
    daily = _station_layers(kept, layers, options, log)
    stations = _station_table(sensors, daily)
    if options.cell_size:
        daily, stations = _average_cells(daily, stations, options.cell_size, log)
    if options.rescale_reference:
        daily = _rescale_all(daily, stations, options.rescale_reference, log)
    qc_log = pd.DataFrame(log, columns=QC_COLUMNS)
    if daily.empty:
        raise SmrfrError(_nothing_kept(inputs, qc_log))
    daily = daily.assign(date=daily["date"].dt.strftime("%Y-%m-%d"))[DAILY_COLUMNS + SENSOR_DEPTH_COLUMNS]
    feedback.progress(0.9, f"writing {out}")
    write_store(out, stations, {"daily": daily, "sensors": sensor_table, "qc_log": qc_log,
                                "run_info": _import_run_info(layers, inputs, options)})
    feedback.progress(1.0, "done")
    return ImportSummary(
        Path(out),
        len(inputs),
        len(sensors),
        stations["station_id"].nunique(),
        daily.groupby(["station_id", "layer"]).ngroups,
        len(daily),
        qc_log,
    )


def _control_sensors(
    sensors: list[SensorSeries], layers: LayerScheme, options: QcOptions, log: list, feedback: Feedback
) -> tuple[pd.DataFrame, dict]:
    """QC and daily means of every sensor (:func:`_process_sensor`): the ``sensors`` table (each sensor's
    layer and why it was dropped) and the kept daily series by ``(station, layer)``."""
    sensor_rows, kept = [], {}
    for number, sensor in enumerate(sensors):
        if number % 20 == 0:
            feedback.progress(0.3 + 0.5 * number / len(sensors), "quality control")
        layer, reason = _process_sensor(sensor, layers, options, log, kept)
        sensor_rows.append(
            (
                sensor.station_id,
                sensor.variable,
                sensor.depth_from,
                sensor.depth_to,
                sensor.sensor,
                None if layer is None else layer + 1,
                reason,
                sensor.file,
            )
        )
    return pd.DataFrame(sensor_rows, columns=SENSOR_COLUMNS), kept


def _import_run_info(layers: LayerScheme, inputs: list[Path], options: QcOptions) -> pd.DataFrame:
    """The run_info table of an import: the layer scheme, the inputs, the version and the QC options."""
    return run_info_table({
        "scheme": layers.name,
        "layers": ",".join(layer.label for layer in layers),
        "inputs": ";".join(map(str, inputs)),
        "smrfr_version": __version__,
        **options.as_dict(),
    })


def _nothing_kept(inputs: list[Path], qc_log: pd.DataFrame) -> str:
    """Why an import kept no value: its most frequent drops, and the unit to give when depths or values
    were the cause."""
    drops = qc_log[qc_log["n_dropped"] > 0].groupby("reason", sort=False)["n_dropped"].sum()
    reasons = "; ".join(f"{reason} = {n} values" for reason, n in drops.nlargest(3).items())
    hint = ("; depths of station tables are read in m: if yours are in cm, add depth_unit=cm to the column "
            "names" if (qc_log["step"] == "layer").any() else "")
    if (qc_log["step"] == "range").any():
        hint += ("; soil moisture of station tables is read in m3/m3: if yours is in percent, add "
                 "value_unit=percent to the column names")
    return (f"nothing kept from {', '.join(map(str, inputs))}, no output written; dropped: "
            f"{reasons or 'no valid values'}{hint}")


def _process_sensor(
    sensor: SensorSeries, layers: LayerScheme, options: QcOptions, log: list, kept: dict
) -> tuple[int | None, str]:
    """QC and daily means of one sensor; appends to ``log`` and, if kept, to ``kept[(station, layer)]``."""

    def drop(step, n, reason):
        log.append((sensor.station_id, sensor.file, step, int(n), reason))

    if sensor.n_malformed:
        drop("read", sensor.n_malformed, "malformed lines")
    if sensor.n_unreadable:
        drop("read", sensor.n_unreadable, f"soil moisture that is not a number, such as "
                                          f"{sensor.unreadable_example!r}")
    layer, reason = sensor_layer(layers, sensor.depth_from, sensor.depth_to)
    if layer is None:
        drop("layer", len(sensor.data), reason)
        return None, reason
    sm, steps = quality_control(sensor.data, options, sensor.static.get("saturation", np.nan))
    for step in steps:
        drop(*step)
    daily = to_daily(sm, options.min_obs_per_day)
    if int(daily["n_obs"].sum()) < len(sm):
        drop(
            "daily",
            len(sm) - int(daily["n_obs"].sum()),
            f"in days with fewer than {options.min_obs_per_day} values",
        )
    filled = fill_gaps(daily, options.gap_fill_days)
    if len(filled) > len(daily):
        drop(
            "gap_fill",
            len(filled) - len(daily),
            f"days filled linearly, not dropped (valid days within +-{options.gap_fill_days} days)",
        )
    valid_days = len(daily)
    if valid_days < options.min_valid_days:
        reason = f"only {valid_days} valid days (< {options.min_valid_days})"
        drop("min_days", len(filled), reason)
        return layer, reason
    kept.setdefault((sensor.station_id, layer), []).append((sensor, filled))
    return layer, ""


def _station_layers(kept: dict, layers: LayerScheme, options: QcOptions, log: list) -> pd.DataFrame:
    frames = []
    for (station_id, layer), entries in sorted(kept.items(), key=lambda item: (item[0][0], item[0][1])):
        mids = {i: (s.depth_from + s.depth_to) * 50 for i, (s, _) in enumerate(entries)}
        chosen = choose_sensors(mids, layers[layer].mid, options.layer_sensors)
        for i, (sensor, daily) in enumerate(entries):
            if i not in chosen:
                log.append(
                    (
                        station_id,
                        sensor.file,
                        "layer_sensors",
                        len(daily),
                        f"mid-depth {mids[i]:g} cm not nearest the layer mid-depth {layers[layer].mid:g} cm",
                    )
                )
        frame = combine([entries[i][1] for i in chosen]).reset_index()
        frames.append(
            frame.assign(
                station_id=station_id,
                layer=layer + 1,
                layer_top=float(layers[layer].top),
                layer_bottom=float(layers[layer].bottom),
                sensor_top=min(depth_cm(entries[i][0].depth_from) for i in chosen),
                sensor_bottom=max(depth_cm(entries[i][0].depth_to) for i in chosen),
            )
        )
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in DAILY_COLUMNS + SENSOR_DEPTH_COLUMNS}).assign(
            date=pd.Series(dtype="datetime64[ns]"), station_id=pd.Series(dtype=str)
        )
    return pd.concat(frames, ignore_index=True)


def _station_table(sensors: list[SensorSeries], daily: pd.DataFrame) -> pd.DataFrame:
    """One row per station read (also those without kept data: ``n_sensors`` 0, no dates)."""
    rows = {}
    for s in sensors:
        static = s.static
        rows.setdefault(
            s.station_id,
            {
                "station_id": s.station_id,
                "network": s.network,
                "station": s.station,
                "lon": s.lon,
                "lat": s.lat,
                "elevation": s.elevation,
                "koppen": static.get("koppen", ""),
                "landcover": static.get("landcover", ""),
                **{key: static.get(key, np.nan) for key in ("sand", "clay", "silt", "saturation")},
            },
        )
    stations = pd.DataFrame(list(rows.values()))
    per_station = daily.groupby("station_id")
    sensors_used = daily.groupby(["station_id", "layer"])["n_sensors"].max().groupby("station_id").sum()
    stations["n_sensors"] = stations["station_id"].map(sensors_used).fillna(0).astype(int)
    stations["first_date"] = stations["station_id"].map(per_station["date"].min().dt.strftime("%Y-%m-%d"))
    stations["last_date"] = stations["station_id"].map(per_station["date"].max().dt.strftime("%Y-%m-%d"))
    stations[["first_date", "last_date"]] = stations[["first_date", "last_date"]].fillna("")
    return stations[STATION_COLUMNS]


def _average_cells(daily: pd.DataFrame, stations: pd.DataFrame, cell_size: float, log: list):
    """Average the stations whose points fall into one ``cell_size`` degree cell into the first of them
    (by id); the others keep their station row but their daily values move to it (logged)."""
    with_data = stations[stations["n_sensors"] > 0]
    cells = (
        np.floor(with_data["lon"] / cell_size).astype(int).astype(str)
        + "_"
        + np.floor(with_data["lat"] / cell_size).astype(int).astype(str)
    )
    rename = {}
    for _, group in with_data.groupby(cells.to_numpy()):
        ids = sorted(group["station_id"])
        for member in ids[1:]:
            rename[member] = ids[0]
            log.append(
                (
                    member,
                    "",
                    "cell_average",
                    int((daily["station_id"] == member).sum()),
                    f"averaged into {ids[0]} (same {cell_size:g} degree cell)",
                )
            )
        if len(ids) > 1:
            rows = stations["station_id"] == ids[0]
            stations.loc[rows, ["lon", "lat"]] = group[["lon", "lat"]].mean().to_numpy()
    if not rename:
        return daily, stations
    daily = daily.assign(station_id=daily["station_id"].replace(rename))
    keys = ["station_id", "layer", "layer_top", "layer_bottom", "date"]
    grouped = daily.groupby(keys)
    daily = pd.DataFrame(
        {"sm": grouped["sm"].mean(), "n_obs": grouped["n_obs"].sum(), "n_sensors": grouped["n_sensors"].sum(),
         "sensor_top": grouped["sensor_top"].min(), "sensor_bottom": grouped["sensor_bottom"].max()}
    ).reset_index()
    moved = stations["station_id"].isin(rename)
    stations.loc[moved, "n_sensors"] = 0
    merged_sensors = daily.groupby(["station_id", "layer"])["n_sensors"].max().groupby("station_id").sum()
    stations["n_sensors"] = stations["station_id"].map(merged_sensors).fillna(0).astype(int)
    return daily, stations


def _rescale_all(daily: pd.DataFrame, stations: pd.DataFrame, reference: str, log: list) -> pd.DataFrame:
    """Rescale each station-layer series to the mean and std of the reference product at its cell, the
    reference layers mapped to the station layer by thickness-weighted overlap."""
    from ..products import open_product, sample_points, scheme_of

    coords = stations.set_index("station_id").loc[daily["station_id"].unique(), ["lon", "lat"]]
    with open_product(reference) as product:
        ref_scheme = scheme_of(product)
        samples = sample_points(product, coords["lon"].to_numpy(), coords["lat"].to_numpy()).load()
    times = pd.DatetimeIndex(samples["time"].values).normalize()
    parts = []
    for (station_id, layer), group in daily.groupby(["station_id", "layer"], sort=False):
        series = group.set_index("date")["sm"]
        point = coords.index.get_loc(station_id)
        try:
            weights = ref_scheme.overlap_weights(group["layer_top"].iloc[0], group["layer_bottom"].iloc[0])
            values = weighted_layers(samples.values[point], weights)
            group = group.assign(sm=rescale(series, pd.Series(values, index=times)).to_numpy())
            log.append((station_id, "", "rescale", 0, f"layer {layer} rescaled to {Path(reference).name}"))
        except (SmrfrError, ValueError) as error:
            log.append(
                (station_id, "", "rescale", len(group), f"layer {layer} dropped, not rescaled: {error}")
            )
            continue
        parts.append(group)
    return pd.concat(parts, ignore_index=True) if parts else daily.iloc[:0]
