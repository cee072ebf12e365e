"""Synthetic ISMN stations: hourly sensor series with known errors, planted defects, ISMN files."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..layers import SCHEMES
from .static import Static
from .weather import KOPPEN

NETWORK = "SYNTH"
SENSOR = "ThetaProbe-ML2X"
DEPTHS_M = (0.05, 0.10, 0.20, 0.40, 0.80)
#: chance that a station also has a sensor at each depth below 5 cm (every station has 0.05 m)
DEEP_SENSOR_PROBABILITY = 0.8
POOR_SHARE = 0.2
#: per-station error design (m3/m3): daily representativeness error sd and hourly sensor noise sd
GOOD_ERRORS = {"representativeness": (0.008, 0.016), "noise": 0.006}
POOR_ERRORS = {"representativeness": (0.065, 0.095), "noise": 0.025}
#: CCI land cover classes by potential green cover
LAND_COVER = ((0.65, 50, "Tree cover, broadleaved, evergreen, closed to open (>15%)"),
              (0.45, 60, "Tree cover, broadleaved, deciduous, closed to open (>15%)"),
              (0.0, 130, "Grassland"))
HWSD = ('HWSD;Harmonized World Soil Database v1.1  by IIASA;IIASA;v1.1;30";;'
        "http://webarchive.iiasa.ac.at/Research/LUC/External-World-soil-database/HTML/;")
CCI = ";ESA CCI Land Cover;ESA;{year}-v1.6.1;300m;{start}-{end};http://www.esa-landcover-cci.org/;"
KOPPEN_SOURCE = ("koeppen_geiger_2007;Koeppen-Geiger Climate Classification;;Peel2007;0.1\u00b0;;"
                 "http://www.hydrol-earth-syst-sci.net/11/1633/2007/;")
STATIC_HEADER = ("quantity_name;unit;depth_from[m];depth_to[m];value;description;quantity_source_name;"
                 "quantity_source_description;quantity_source_provider;quantity_source_version;"
                 "quantity_source_resolution;quantity_source_timerange;quantity_source_url;")


@dataclass
class Sensor:
    depth: float  # m
    values: np.ndarray  # hourly, NaN where missing
    flags: np.ndarray  # ISMN flag strings


@dataclass
class Station:
    name: str
    row: int
    col: int
    lon: float
    lat: float
    elevation: float
    poor: bool
    representativeness_std: float
    noise_std: float
    sensors: list[Sensor] = field(default_factory=list)

    @property
    def station_id(self) -> str:
        return f"{NETWORK}:{self.name}"


def place_stations(static: Static, n: int, rng: np.random.Generator) -> list[Station]:
    """``n`` stations on distinct land cells, a share ``POOR_SHARE`` of them poor (large errors)."""
    cells = np.flatnonzero(static.land.ravel())
    chosen = np.sort(rng.choice(cells, size=n, replace=False))
    poor = set(rng.choice(len(chosen), size=max(1, round(POOR_SHARE * len(chosen))), replace=False).tolist())
    stations = []
    for index, cell in enumerate(chosen):
        row, col = divmod(int(cell), static.grid.nlon)
        lon = float(static.grid.lon[col] + rng.uniform(-0.35, 0.35) * static.grid.res)
        lat = float(static.grid.lat[row] + rng.uniform(-0.35, 0.35) * static.grid.res)
        fine_row, fine_col = static.fine_grid.index(lon, lat)
        errors = POOR_ERRORS if index in poor else GOOD_ERRORS
        stations.append(Station(f"Site-{index + 1:02d}", row, col, round(lon, 5), round(lat, 5),
                                round(float(static.fine_elevation[fine_row, fine_col]), 2), index in poor,
                                float(rng.uniform(*errors["representativeness"])), errors["noise"]))
    return stations


def add_sensors(station: Station, truth: np.ndarray, saturation: np.ndarray,
                rng: np.random.Generator) -> None:
    """Hourly series of each sensor: ``offset + gain * truth + r + e`` with ``r`` the daily AR(1)
    representativeness error (lag-1 correlation 0.9), ``e`` hourly white noise; then gaps, spikes and
    breaks, flagged as ISMN does (Dorigo et al. 2013): ``D06`` spike, ``D07`` negative break, ``D09``
    constant low values after it, ``C01`` < 0, ``C02`` > 0.6, ``C03`` above saturation; ``G`` good.

    ``truth`` (time, 5) is the daily truth of the station's cell, ``saturation`` its porosity per layer.
    """
    ndays = truth.shape[0]
    # keep the planted quality clear whatever the local variability: rho^2 of poor stations with the
    # truth stays below 1 / (1 + 1.2^2) = 0.41, that of good ones above 1 / (1 + 0.25^2) = 0.94
    variability = float(np.std(truth[:, 0]))
    station.representativeness_std = (max(station.representativeness_std, 1.2 * variability) if station.poor
                                      else min(station.representativeness_std, 0.25 * variability))
    nhours = ndays * 24
    hours_in_days = (np.arange(nhours) - 11.5) / 24  # hourly positions on the daily (noon) axis
    depths = [0.05] + [d for d in DEPTHS_M[1:] if rng.random() < DEEP_SENSOR_PROBABILITY]
    first, last = rng.integers(0, max(nhours // 4, 1), size=2)  # records start late, end early
    for depth in depths:
        layer = SCHEMES["smrfr"].layer_for_sensor(depth * 100, depth * 100)
        daily_error = _ar1(rng, ndays, station.representativeness_std, 0.9)
        hourly = (np.interp(hours_in_days, np.arange(ndays), truth[:, layer])
                  * rng.uniform(0.9, 1.1) + rng.normal(0, 0.02)
                  + np.interp(hours_in_days, np.arange(ndays), daily_error)
                  + rng.normal(0, station.noise_std, nhours))
        flags = np.full(nhours, "", dtype=object)
        for hour in rng.integers(0, nhours, size=rng.poisson(2 * ndays / 365) + 1):
            hourly[hour] += rng.uniform(0.1, 0.2)
            flags[hour] = "D06"
        if rng.random() < 0.5:
            start = int(rng.integers(0, nhours - 24))
            stop = min(start + int(rng.integers(24, 120)), nhours)
            hourly[start:stop] = max(hourly[start] - rng.uniform(0.08, 0.15), 0.01)
            flags[start], flags[start + 1:stop] = "D07", "D09"
        hourly = np.round(hourly, 3)
        for code, bad in (("C01", hourly < 0), ("C02", hourly > 0.6), ("C03", hourly > saturation[layer])):
            flags[bad] = [",".join(sorted(filter(None, (*old.split(","), code)))) for old in flags[bad]]
        flags[flags == ""] = "G"
        missing = rng.random(nhours) < 0.005
        missing[:first] = True
        missing[nhours - last:] = True
        for _ in range(rng.poisson(ndays / 365)):
            start = int(rng.integers(0, nhours))
            missing[start:start + int(rng.integers(2, 20)) * 24] = True
        station.sensors.append(Sensor(depth, np.where(missing, np.nan, hourly), flags))


def _ar1(rng: np.random.Generator, n: int, std: float, phi: float) -> np.ndarray:
    noise = np.empty(n)
    noise[0] = rng.normal(0, std)
    shocks = rng.normal(0, std * np.sqrt(1 - phi**2), n)
    for t in range(1, n):
        noise[t] = phi * noise[t - 1] + shocks[t]
    return noise


def daily_good_mean(sensor: Sensor, min_hours: int = 12) -> np.ndarray:
    """Daily mean of the values flagged ``G`` (NaN for days with fewer than ``min_hours`` of them)."""
    good = np.where(sensor.flags == "G", sensor.values, np.nan).reshape(-1, 24)
    counts = np.isfinite(good).sum(1)
    sums = np.nansum(good, 1)
    return np.where(counts >= min_hours, sums / np.maximum(counts, 1), np.nan)


def residual_std(values: np.ndarray, truth: np.ndarray) -> float:
    """Standard deviation of the part of ``values`` not explained linearly by ``truth`` (the error
    variance Extended Triple Collocation estimates): ``sqrt(var(x) (1 - r^2))`` over common days."""
    both = np.isfinite(values) & np.isfinite(truth)
    if both.sum() < 3:
        return float("nan")
    x, t = values[both], truth[both]
    if np.std(x) == 0 or np.std(t) == 0:
        return float(np.std(x))
    r = np.corrcoef(x, t)[0, 1]
    return float(np.sqrt(np.var(x) * (1 - r**2)))


def header_line(station: Station, depth: float) -> str:
    """The whitespace-aligned first line of an ISMN Header+values file."""
    return (f"{NETWORK:<10} {NETWORK:<15} {station.name:<16}{station.lat:10.5f}{station.lon:12.5f}"
            f"{station.elevation:8.2f}{depth:8.2f}{depth:8.2f} {SENSOR}")


def hour_stamps(time: pd.DatetimeIndex) -> np.ndarray:
    """``YYYY/MM/DD HH:MM`` of every hour of the days ``time``."""
    return np.array([f"{day} {hour:02d}:00" for day in time.strftime("%Y/%m/%d") for hour in range(24)])


def stm_name(station: Station, sensor: Sensor, stamps: np.ndarray) -> str:
    """The sensor's Header+values file name, dated by its first and last values (``stamps``: the
    :func:`hour_stamps` of the period)."""
    present = np.flatnonzero(np.isfinite(sensor.values))
    first, last = (stamps[i][:10].replace("/", "") for i in (present[0], present[-1]))
    return (f"{NETWORK}_{NETWORK}_{station.name}_sm_{sensor.depth:.6f}_{sensor.depth:.6f}_{SENSOR}_"
            f"{first}_{last}.stm")


def stm_content(station: Station, sensor: Sensor, stamps: np.ndarray) -> bytes:
    """The CRLF content of the sensor's Header+values file: rows only where a value exists."""
    present = np.flatnonzero(np.isfinite(sensor.values))
    rows = [f"{stamp} {value:8.4f} {flag} M\r\n"
            for stamp, value, flag in zip(stamps[present], sensor.values[present].tolist(),
                                          sensor.flags[present])]
    return (header_line(station, sensor.depth) + "\r\n" + "".join(rows)).encode("ascii")


def stm_file(station: Station, sensor: Sensor, stamps: np.ndarray) -> tuple[str, bytes]:
    """(file name, CRLF content) of one sensor's Header+values file."""
    return stm_name(station, sensor, stamps), stm_content(station, sensor, stamps)


def static_variables_csv(station: Station, soil: dict[str, np.ndarray], greenness: float,
                         koppen: int) -> bytes:
    """The station's ``*_static_variables.csv`` in the layout of a real ISMN download (CRLF)."""
    lines = [STATIC_HEADER]
    for top, bottom in ((0.0, 0.3), (0.3, 1.0)):
        weights = SCHEMES["smrfr"].overlap_weights(top * 100, bottom * 100)

        def mean(key, weights=weights):
            return float(np.dot(weights, soil[key][:, station.row, station.col]))

        rows = (("saturation", "m^3*m^-3", mean("sat")), ("clay fraction", "% weight", 100 * mean("clay")),
                ("organic carbon", "% weight", mean("om") / 1.724), ("sand fraction", "% weight",
                 100 * mean("sand")), ("silt fraction", "% weight", 100 * mean("silt")))
        lines += [f"{name};{unit};{top:.2f};{bottom:.2f};{value:.2f};;{HWSD}" for name, unit, value in rows]
    organic = soil["om"][0, station.row, station.col] / 1.724
    lines.append(f"organic carbon;% weight;-99.90;-99.90;{organic:.2f};;insitu;in situ;;;;;;")
    code, description = next((c, d) for limit, c, d in LAND_COVER if greenness >= limit)
    for year, start, end in ((2000, 1998, 2002), (2005, 2003, 2007), (2010, 2008, 2012)):
        lines.append(f"land cover classification;;;;{code};{description};CCI_landcover_{year}"
                     + CCI.format(year=year, start=start, end=end))
    name, description = KOPPEN[koppen]
    lines.append(f"climate classification;;;;{name};{description};{KOPPEN_SOURCE}")
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


def write_ismn_zip(path, stations: list[Station], files: dict[str, Callable[[], bytes]],
                   stamp: tuple[int, ...]) -> None:
    """A zip laid out as an ISMN Header+values download, with fixed timestamps (same input, same bytes);
    ``files`` gives each file's content when it is written."""
    with zipfile.ZipFile(path, "w") as archive:
        folders = [f"{NETWORK}/"] + [f"{NETWORK}/{station.name}/" for station in stations]
        for folder in folders:
            info = zipfile.ZipInfo(folder, date_time=stamp)
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b"")
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name](), compresslevel=6)


