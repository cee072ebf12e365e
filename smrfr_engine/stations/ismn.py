"""Reader of ISMN downloads: "Header+values" and "CEOP separate" ``.stm`` files, static variables.

A download is a zip archive or an unpacked folder holding ``<network>/<station>/*.stm`` files and one
``*_static_variables.csv`` per station. Real files mix line endings (``\\n``, ``\\r\\n``, bare
``\\r``) and contain empty lines; every line is split on any of them. Nothing is dropped silently:
lines that do not parse are counted in :attr:`SensorSeries.n_malformed`, unreadable files are
returned as skips with their reason.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from ..errors import SmrfrError

#: fields of an ISMN file name, split on ``_`` (the sensor name may itself contain ``_``)
NAME_PATTERN = re.compile(
    r"^(?P<network>[^_]+)_(?P=network)_(?P<station>.+)_(?P<variable>[a-z]+)_(?P<depth_from>-?\d+\.\d+)_"
    r"(?P<depth_to>-?\d+\.\d+)_(?P<sensor>.+)_(?P<start>\d{8})_(?P<end>\d{8})\.stm$"
)
HEADER_VALUE_COLUMNS = ["date", "time", "sm", "flag", "provider_flag"]
CEOP_COLUMNS = [
    "date",
    "time",
    "date_utc",
    "time_utc",
    "network",
    "network2",
    "station",
    "lat",
    "lon",
    "elevation",
    "depth_from",
    "depth_to",
    "sm",
    "flag",
    "provider_flag",
]


@dataclass
class SensorSeries:
    """One ISMN sensor file: metadata from its name and header, values with their flags.

    ``depth_from``/``depth_to`` are in metres as in the files; ``data`` has a DatetimeIndex (UTC, naive)
    and columns ``sm`` (float), ``flag`` (ISMN flag, str), ``provider_flag`` (str).
    """

    network: str
    station: str
    variable: str
    depth_from: float
    depth_to: float
    sensor: str
    lat: float
    lon: float
    elevation: float
    file: str
    data: pd.DataFrame
    n_malformed: int = 0
    static: dict = field(default_factory=dict)
    #: values of a user table that are not numbers (left out of ``data``), and the first of them
    n_unreadable: int = 0
    unreadable_example: str = ""

    @property
    def station_id(self) -> str:
        return f"{self.network}:{self.station}"


def parse_file_name(name: str) -> dict:
    """The fields of an ISMN ``.stm`` file name (network, station, variable, depth_from, depth_to in m,
    sensor, start, end). Raises :class:`SmrfrError` for names that do not follow the ISMN pattern."""
    match = NAME_PATTERN.match(PurePosixPath(name).name)
    if not match:
        raise SmrfrError(
            f"{name}: not an ISMN file name <network>_<network>_<station>_<variable>_"
            "<depth_from>_<depth_to>_<sensor>_<start>_<end>.stm"
        )
    fields = match.groupdict()
    fields["depth_from"], fields["depth_to"] = float(fields["depth_from"]), float(fields["depth_to"])
    return fields


def split_lines(text: str) -> list[str]:
    """Non-empty lines of ``text`` split on ``\\n``, ``\\r\\n`` and bare ``\\r`` alike."""
    return [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


def _table(lines: list[str], columns: list[str]) -> tuple[pd.DataFrame, int]:
    """Whitespace-separated ``lines`` as text columns. The provider flag (last column) may be missing
    (real files have such lines); lines with any other token count are malformed."""
    rows = [line.split() for line in lines]
    good = [
        row if len(row) == len(columns) else [*row, ""]
        for row in rows
        if len(columns) - 1 <= len(row) <= len(columns)
    ]
    frame = pd.DataFrame(good, columns=columns, dtype=object)
    return frame, len(rows) - len(good)


def _values(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Parse dates and values; rows whose date or value does not parse are malformed. The flags stay the
    parsed tokens, indexed as arrays: ``astype(str)`` of the Series made a new string per hourly row,
    about 13 MB per sensor of ten years, which an import holds for every sensor at once."""
    time = pd.to_datetime(frame["date"] + " " + frame["time"], format="%Y/%m/%d %H:%M", errors="coerce")
    sm = pd.to_numeric(frame["sm"], errors="coerce")
    ok = (time.notna() & sm.notna()).to_numpy()
    data = pd.DataFrame(
        {
            "sm": sm[ok].to_numpy(float),
            "flag": frame["flag"].to_numpy()[ok],
            "provider_flag": frame["provider_flag"].to_numpy()[ok],
        },
        index=pd.DatetimeIndex(time[ok], name="time"),
    )
    return data, int((~ok).sum())


def read_stm(text: str, name: str) -> SensorSeries:
    """Parse one ``.stm`` file given as text, in either ISMN format (detected from the first line).

    Header+values: a header ``network network station lat lon elevation depth_from depth_to sensor``
    then ``date time value flag provider_flag`` lines. CEOP separate: no header, 15 tokens per line.
    """
    fields = parse_file_name(name)
    lines = split_lines(text)
    if not lines:
        raise SmrfrError(f"{name}: empty file")
    first = lines[0].split()
    if re.fullmatch(r"\d{4}/\d{2}/\d{2}", first[0]):
        frame, bad = _table(lines, CEOP_COLUMNS)
        if frame.empty:
            raise SmrfrError(f"{name}: no line has the 15 fields of the CEOP format")
        head = frame.iloc[0]
        lat, lon, elevation = (float(head[key]) for key in ("lat", "lon", "elevation"))
    else:
        if len(first) < 9:
            raise SmrfrError(
                f"{name}: header line has {len(first)} fields, expected 9 "
                "(network network station lat lon elevation depth_from depth_to sensor)"
            )
        try:
            lat, lon, elevation = float(first[3]), float(first[4]), float(first[5])
        except ValueError:
            raise SmrfrError(f"{name}: header coordinates {first[3:6]} are not numbers") from None
        frame, bad = _table(lines[1:], HEADER_VALUE_COLUMNS)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise SmrfrError(f"{name}: coordinates lat={lat}, lon={lon} are outside -90..90, -180..180")
    data, unparsed = _values(frame)
    return SensorSeries(
        network=fields["network"],
        station=fields["station"],
        variable=fields["variable"],
        depth_from=fields["depth_from"],
        depth_to=fields["depth_to"],
        sensor=fields["sensor"],
        lat=lat,
        lon=lon,
        elevation=elevation,
        file=name,
        data=data,
        n_malformed=bad + unparsed,
    )


def read_static_variables(text: str) -> dict:
    """Station attributes from ``*_static_variables.csv`` (semicolon separated).

    Returns ``saturation``, ``clay``, ``sand``, ``silt`` (of the top soil layer given, % weight for
    the fractions), ``landcover`` (the most recent CCI class, as text) and ``koppen`` (code, "" if
    absent).
    """
    frame = pd.read_csv(io.StringIO("\n".join(split_lines(text))), sep=";", dtype=str, index_col=False)
    frame.columns = [str(c).strip() for c in frame.columns]
    names = {
        "saturation": "saturation",
        "clay fraction": "clay",
        "sand fraction": "sand",
        "silt fraction": "silt",
    }
    result: dict = {key: np.nan for key in names.values()} | {"landcover": "", "koppen": ""}
    for quantity, key in names.items():
        rows = frame[frame["quantity_name"] == quantity]
        rows = rows[pd.to_numeric(rows["depth_from[m]"], errors="coerce") >= 0]
        if len(rows):
            top = rows.sort_values("depth_from[m]", key=lambda s: pd.to_numeric(s)).iloc[0]
            result[key] = float(top["value"])
    cover = frame[frame["quantity_name"] == "land cover classification"]
    if len(cover):
        result["landcover"] = str(cover.sort_values("quantity_source_name").iloc[-1]["value"])
    climate = frame[frame["quantity_name"] == "climate classification"]
    if len(climate):
        result["koppen"] = str(climate.iloc[0]["value"]).strip()
    return result


@dataclass
class Skip:
    """A file (or a table's station) that could not be read, with the reason and the values it held when
    known (reported in the QC log)."""

    file: str
    reason: str
    n_values: int = 0


def _members(source: Path) -> Iterator[tuple[str, bytes]]:
    """``(relative name, bytes)`` of every file in a zip archive or a folder tree, sorted by name."""
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if not info.is_dir():
                    yield f"{source.name}/{info.filename}", archive.read(info)
    elif source.is_dir():
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            yield f"{source.name}/{path.relative_to(source).as_posix()}", path.read_bytes()
    elif source.suffix == ".stm":
        yield source.name, source.read_bytes()
    else:
        raise SmrfrError(f"{source}: not an ISMN download (expected a zip archive, a folder or a .stm file)")


def read_ismn(source: str | Path, variable: str = "sm") -> tuple[list[SensorSeries], list[Skip]]:
    """Every ``variable`` sensor of an ISMN download (zip, folder or single file), with the static
    variables of its station attached, and the files that were skipped with their reason."""
    source = Path(source)
    if not source.exists():
        raise SmrfrError(f"ISMN download {source} does not exist")
    sensors: list[SensorSeries] = []
    skips: list[Skip] = []
    statics: dict[tuple[str, str], dict] = {}
    for name, content in _members(source):
        base = PurePosixPath(name).name
        text = content.decode("utf-8", errors="replace")
        if base.endswith("_static_variables.csv"):
            parts = base[: -len("_static_variables.csv")].split("_", 2)
            try:
                statics[(parts[0], parts[2])] = read_static_variables(text)
            except (KeyError, IndexError, ValueError, pd.errors.ParserError) as error:
                skips.append(Skip(name, f"unreadable static variables: {error}"))
        elif base.endswith(".stm"):
            try:
                fields = parse_file_name(base)
                if fields["variable"] != variable:
                    continue
                series = read_stm(text, base)
            except SmrfrError as error:
                skips.append(Skip(name, str(error).removeprefix(f"{base}: ")))
                continue
            series.file = name
            sensors.append(series)
    for series in sensors:
        series.static = statics.get((series.network, series.station), {})
    return sensors, skips
