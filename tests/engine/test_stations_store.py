"""`smrfr stations import`: real ISMN samples and user tables into the stations GeoPackage, read back."""

from pathlib import Path

import geopandas
import numpy as np
import pandas as pd
import pyogrio
import pytest

from smrfr_engine.cli import main
from smrfr_engine.errors import SmrfrError
from smrfr_engine.stations import QcOptions, TableColumns, import_stations, read_stations, read_table

DATA = Path(__file__).parents[1] / "data" / "ismn"


@pytest.fixture(scope="module")
def cosmos(tmp_path_factory):
    out = tmp_path_factory.mktemp("import") / "stations.gpkg"
    summary = import_stations([DATA / "COSMOS_header_values.zip", DATA / "ceop_sep"], out)
    return out, summary


def test_import_writes_the_contract_tables(cosmos):
    out, summary = cosmos
    assert [str(n) for n, _ in pyogrio.list_layers(out)] == [
        "stations",
        "daily",
        "sensors",
        "qc_log",
        "run_info",
    ]
    stations, daily = read_stations(out)
    assert stations.crs.to_epsg() == 4326
    arm = stations.set_index("station_id").loc["COSMOS:ARM-1"]
    assert (arm["lon"], arm["lat"], arm["elevation"]) == (-97.4878, 36.6054, 322.0)
    assert (arm["koppen"], arm["landcover"], arm["saturation"], arm["sand"]) == ("Cfa", "130", 0.46, 36.0)
    assert (arm.geometry.x, arm.geometry.y) == (-97.4878, 36.6054)
    assert (arm["first_date"], arm["last_date"], arm["n_sensors"]) == ("2017-08-10", "2018-08-09", 1)
    assert list(daily.columns) == [
        "station_id",
        "layer",
        "layer_top",
        "layer_bottom",
        "date",
        "sm",
        "n_obs",
        "n_sensors",
        "sensor_top",
        "sensor_bottom",
    ]
    arm_daily = daily[daily["station_id"] == "COSMOS:ARM-1"]
    assert set(arm_daily["layer"]) == {3} and set(arm_daily["layer_top"]) == {10.0}  # 0-19 cm -> 10-30 cm
    assert (set(arm_daily["sensor_top"]), set(arm_daily["sensor_bottom"])) == ({0.0}, {19.0})
    # first day: 24 hourly values, all flagged G, mean by hand from the file
    first = arm_daily.iloc[0]
    assert first["date"] == "2017-08-10" and first["n_obs"] == 24
    raw = read_table(out, "sensors")
    assert len(raw) == 3
    narbonne = raw[raw["station_id"] == "SMOSMANIA:Narbonne"].iloc[0]
    assert (narbonne["depth_from"], narbonne["depth_to"], narbonne["layer"]) == (0.05, 0.05, 1)
    assert narbonne["reason"] == "only 0 valid days (< 200)"  # all values are U (unchecked)
    stations_narbonne = stations.set_index("station_id").loc["SMOSMANIA:Narbonne"]
    assert stations_narbonne["n_sensors"] == 0 and stations_narbonne["first_date"] == ""
    info = dict(read_table(out, "run_info")[["key", "value"]].to_numpy())
    assert info["scheme"] == "smrfr" and info["min_valid_days"] == "200" and info["accept_flags"] == "('G',)"


def test_first_daily_value_equals_the_mean_of_the_file(cosmos):
    out, _ = cosmos
    _, daily = read_stations(out)
    text = (
        DATA / "header_values/COSMOS/ARM-1/COSMOS_COSMOS_ARM-1_sm_0.000000_0.190000_Cosmic-ray-Probe_"
        "20170810_20180809.stm"
    ).read_text()
    day = [float(line.split()[2]) for line in text.splitlines() if line.startswith("2017/08/10")]
    assert len(day) == 24
    value = daily[(daily["station_id"] == "COSMOS:ARM-1") & (daily["date"] == "2017-08-10")]["sm"].item()
    assert value == pytest.approx(np.mean(day))


def test_every_drop_is_in_the_qc_log_and_the_summary(cosmos):
    out, summary = cosmos
    log = read_table(out, "qc_log")
    arm = log[log["station_id"] == "COSMOS:ARM-1"]
    flags = dict(zip(arm[arm["step"] == "flag"]["reason"], arm[arm["step"] == "flag"]["n_dropped"]))
    assert flags == {
        "ISMN flag D03": 137,
        "ISMN flag D03,D05": 17,
        "ISMN flag D05": 196,
        "ISMN flag D08,D05": 1,
    }
    text = summary.text()
    assert "read 3 sensors at 3 stations from 2 inputs" in text
    assert "flag: ISMN flag U = 736" in text and "min_days: only 0 valid days (< 200)" in text


def test_accepting_unchecked_data_keeps_the_old_network(tmp_path):
    out = tmp_path / "s.gpkg"
    import_stations(
        [DATA / "ceop_sep"], out, scheme="somo", options=QcOptions(accept_unchecked=True, min_valid_days=30)
    )
    stations, daily = read_stations(out)
    assert len(daily) == 31 and set(daily["layer"]) == {1} and daily["layer_bottom"].iloc[0] == 10.0


def test_a_download_given_twice_counts_each_sensor_once(tmp_path):
    """The zip and its unpacked folder (or both ISMN formats) gave every sensor twice: n_sensors 2, n_obs
    doubled (so --min-obs-per-day counted each value twice) and every QC count doubled."""
    out = tmp_path / "twice.gpkg"
    summary = import_stations([DATA / "COSMOS_header_values.zip", DATA / "header_values" / "COSMOS"], out)
    once = import_stations([DATA / "COSMOS_header_values.zip"], tmp_path / "once.gpkg")
    stations, daily = read_stations(out)
    _, daily_once = read_stations(tmp_path / "once.gpkg")
    assert summary.n_sensors == 2 and stations["n_sensors"].tolist() == [1, 1]
    pd.testing.assert_frame_equal(daily, daily_once)
    log = read_table(out, "qc_log")
    read = log[log["step"] == "read"]
    assert read["reason"].tolist() == ["skipped: the same sensor read twice"] * 2
    assert read["n_dropped"].tolist() == [6865, 7059] and "ARM-1" in read["file"].iloc[0]
    assert log[log["step"] != "read"]["n_dropped"].sum() == once.qc_log["n_dropped"].sum()
    import_stations([DATA / "header_values" / "SMOSMANIA", DATA / "ceop_sep"], tmp_path / "formats.gpkg",
                    options=QcOptions(accept_unchecked=True, min_valid_days=10))
    _, daily = read_stations(tmp_path / "formats.gpkg")
    assert set(daily["n_sensors"]) == {1} and daily["n_obs"].max() <= 24


def user_table(path, rows):
    pd.DataFrame(rows, columns=["site", "x", "y", "when", "cm", "vwc"]).to_csv(path, index=False)


def daily_rows(site, lon, lat, cm, values, start="2020-01-01"):
    days = pd.date_range(start, periods=len(values), freq="D").strftime("%Y-%m-%d")
    return [(site, lon, lat, day, cm, value) for day, value in zip(days, values)]


def test_user_csv_with_configurable_columns_plausibility_and_logged_skips(tmp_path):
    rng = np.random.default_rng(0)
    good = 0.25 + 0.02 * np.sin(np.arange(60) / 6) + 0.001 * rng.standard_normal(60)
    spiky = good.copy()
    spiky[20] = 0.9
    rows = (
        daily_rows("A", 10.0, 45.0, 5, good)
        + daily_rows("A", 10.0, 45.0, 20, good)
        + daily_rows("B", 11.0, 46.0, 5, spiky)
        + daily_rows("C", 200.0, 46.0, 5, good)
        + daily_rows("D", 12.0, 47.0, 150, good)
        + daily_rows("E", 12.5, 47.0, 5, good[:10])
        + daily_rows("F", 13.0, 47.0, 5, good[:30]) + daily_rows("F", 13.5, 47.5, 5, good[30:], "2020-01-31")
        + daily_rows("G", 14.0, None, 5, good[:1]) + daily_rows("G", 14.0, 48.0, 5, good[1:], "2020-01-02")
        + daily_rows("H", 15.0, 48.0, 5, good) + daily_rows("H", 15.0, 48.0, 5, good + 0.01)  # exported twice
    )
    table = tmp_path / "mine.csv"
    user_table(table, rows)
    columns = TableColumns.parse("id=site,lon=x,lat=y,time=when,depth=cm,value=vwc,depth_unit=cm")
    out = tmp_path / "user.gpkg"
    summary = import_stations([table], out, options=QcOptions(min_valid_days=30), columns=columns)
    stations, daily = read_stations(out)
    assert sorted(stations["station_id"]) == ["mine:A", "mine:B", "mine:D", "mine:E", "mine:H"]
    assert daily.groupby("station_id")["layer"].unique().map(list).to_dict() == {
        "mine:A": [1, 3],
        "mine:B": [1],
        "mine:H": [1],
    }
    twice = daily[daily["station_id"] == "mine:H"]  # a daily series, not days of 2 sub-daily values
    assert len(twice) == 60 and (twice["n_obs"] == 1).all() and np.allclose(twice["sm"], good)
    assert len(daily[daily["station_id"] == "mine:B"]) == 59  # the spike of 0.9 was removed
    log = read_table(out, "qc_log")
    steps = {(row.station_id, row.step): row.n_dropped for row in log.itertuples()}
    assert steps[("mine:B", "range")] == 1
    assert steps[("mine:D", "layer")] == 60 and steps[("mine:E", "min_days")] == 10
    assert steps[("mine:H", "duplicate")] == 60
    read = log[log["step"] == "read"]
    two_places = ("station F has 2 locations (lon, lat: 13, 47; 13.5, 47.5): give each location its own "
                  "station id")
    assert dict(zip(read["reason"], read["n_dropped"])) == {
        "skipped: coordinates lon=200.0, lat=46.0 outside -180..180, -90..90": 60,
        f"skipped: {two_places}": 60, "skipped: station G: no coordinates in 1 of its 60 rows": 60}
    assert "station C" in read["file"].iloc[0]
    assert summary.text().startswith("read 6 sensors at 5 stations from 1 input\n")
    assert f"read: skipped: {two_places} = 60 (1 entry)" in summary.text()
    assert "range: outside 0..0.6 m3/m3 (Dorigo C01-C03) = 1" in summary.text()


def test_depths_in_cm_read_as_m_keep_nothing_and_the_error_says_why(tmp_path, capsys):
    """Without depth_unit=cm a 5 cm sensor is at 500 cm: no empty GeoPackage, an error naming the cause."""
    table = tmp_path / "my_sites.csv"
    user_table(table, daily_rows("A", 10.0, 45.0, 5, [0.2] * 10 + [0.25] * 200))
    out = tmp_path / "out.gpkg"
    columns = "id=site,lon=x,lat=y,time=when,value=vwc,depth=cm"
    assert main(["stations", "import", str(table), "--columns", columns, "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error == (f"smrfr: error: nothing kept from {table}, no output written; dropped: depth 500-500 cm "
                     "outside the smrfr layers (0-100 cm) = 210 values; depths of station tables are read "
                     "in m: if yours are in cm, add depth_unit=cm to the column names")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_sites.csv"]


def test_table_times_day_first_utc_offsets_and_ambiguous_orders(tmp_path, capsys):
    """Times were parsed one value at a time: 01/12/2019 became 12 January and 13/12/2019 13 December in
    one column, and offsets changing with summer time crashed with a traceback."""
    values = 0.25 + 0.02 * np.sin(np.arange(40) / 6)
    rows = daily_rows("A", 10.0, 45.0, 5, values, "2019-12-01")
    table = tmp_path / "dayfirst.csv"
    user_table(table, [(*row[:3], pd.Timestamp(row[3]).strftime("%d/%m/%Y"), *row[4:]) for row in rows])
    columns = TableColumns.parse("id=site,lon=x,lat=y,time=when,depth=cm,value=vwc,depth_unit=cm")
    options = QcOptions(min_valid_days=30)
    import_stations([table], tmp_path / "dayfirst.gpkg", options=options, columns=columns)
    _, daily = read_stations(tmp_path / "dayfirst.gpkg")
    assert list(daily["date"]) == list(pd.date_range("2019-12-01", periods=40).strftime("%Y-%m-%d"))
    np.testing.assert_allclose(daily["sm"], values, rtol=1e-6)

    hours = pd.date_range("2020-03-27", "2020-03-31 23:00", freq="h")  # CET -> CEST on 29 March
    offsets = np.where(hours < pd.Timestamp("2020-03-29 02:00"), "+01:00", "+02:00")
    hourly = tmp_path / "hourly.csv"
    user_table(hourly, [("A", 10.0, 45.0, f"{hour.isoformat()}{offset}", 5, 0.2 + 0.001 * i)
                        for i, (hour, offset) in enumerate(zip(hours, offsets))])
    import_stations([hourly], tmp_path / "hourly.gpkg", options=QcOptions(min_valid_days=1), columns=columns)
    _, daily = read_stations(tmp_path / "hourly.gpkg")
    utc = pd.Series(0.2 + 0.001 * np.arange(len(hours)),
                    index=[hour - pd.Timedelta(offset[:3] + "h") for hour, offset in zip(hours, offsets)])
    utc = utc[~utc.index.duplicated()]  # 02:00+02:00 is 01:00+01:00 again: a time given twice keeps its first
    expected = utc.groupby(utc.index.normalize()).agg(["mean", "size"])
    expected = expected[expected["size"] >= 6]
    assert list(daily["date"]) == list(expected.index.strftime("%Y-%m-%d"))
    np.testing.assert_allclose(daily["sm"], expected["mean"], rtol=1e-6)

    ambiguous = tmp_path / "ambiguous.csv"  # 1..12 December: both orders read every date
    user_table(ambiguous, [(*row[:3], pd.Timestamp(row[3]).strftime("%d/%m/%Y"), *row[4:])
                           for row in rows[:12]])
    assert main(["stations", "import", str(ambiguous), "--columns", "id=site,lon=x,lat=y,time=when,value=vwc,"
                 "depth=cm,depth_unit=cm", "--out", str(tmp_path / "x.gpkg"), "--quiet"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "ambiguous.csv: dates such as '01/12/2019' may be day/month or month/day: write them as YYYY-MM-DD")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"], ids=["utf8-bom", "windows-1252"])
def test_excel_csv_with_a_byte_order_mark_or_windows_1252_accented_headers(tmp_path, encoding):
    """Excel's "CSV UTF-8" starts with a byte-order mark, which became part of the first column name ("no
    column Estação; available: \ufeffEstação, ..."), and its plain "CSV" in a Brazilian Windows is
    Windows-1252, which was refused as "'utf-8' codec can't decode byte 0xe7"."""
    values = 0.25 + 0.02 * np.sin(np.arange(40) / 6)
    rows = daily_rows("São João", -51.5, -0.5, 5, values, "2021-11-30")
    table = pd.DataFrame(rows, columns=["Estação", "x", "y", "Data", "Profundidade", "Umidade"])
    table["Data"] = pd.to_datetime(table["Data"]).dt.strftime("%d/%m/%Y")
    path = tmp_path / "estações.csv"
    table.to_csv(path, sep=";", index=False, encoding=encoding, lineterminator="\r\n")
    columns = TableColumns.parse("id=Estação,lon=x,lat=y,time=Data,depth=Profundidade,value=Umidade,"
                                 "depth_unit=cm")
    import_stations([path], tmp_path / "out.gpkg", options=QcOptions(min_valid_days=30), columns=columns)
    stations, daily = read_stations(tmp_path / "out.gpkg")
    assert list(stations["station_id"]) == ["estações:São João"]
    assert list(daily["date"]) == list(pd.date_range("2021-11-30", periods=40).strftime("%Y-%m-%d"))
    np.testing.assert_allclose(daily["sm"], values, rtol=1e-6)


def test_excel_brazilian_csv_with_decimal_commas_is_read_as_numbers(tmp_path):
    """Excel in a Brazilian locale writes ``;``-separated files with decimal commas (-51,5; 0,25): every
    coordinate was no number, so every station was skipped as "no coordinates in 40 of its 40 rows"."""
    values = 0.25 + 0.02 * np.sin(np.arange(40) / 6)
    rows = daily_rows("A", -51.5, -0.25, 0.05, values.round(4), "2021-11-30")
    table = pd.DataFrame(rows, columns=["site", "x", "y", "when", "m", "vwc"])
    table["when"] = pd.to_datetime(table["when"]).dt.strftime("%d/%m/%Y")
    path = tmp_path / "excel.csv"
    table.to_csv(path, sep=";", decimal=",", index=False, lineterminator="\r\n")
    assert "A;-51,5;-0,25;30/11/2021;0,05;0,25" in path.read_text()
    columns = TableColumns.parse("id=site,lon=x,lat=y,time=when,depth=m,value=vwc")
    import_stations([path], tmp_path / "out.gpkg", options=QcOptions(min_valid_days=30), columns=columns)
    stations, daily = read_stations(tmp_path / "out.gpkg")
    assert stations[["lon", "lat"]].values.tolist() == [[-51.5, -0.25]]
    assert list(daily["date"]) == list(pd.date_range("2021-11-30", periods=40).strftime("%Y-%m-%d"))
    np.testing.assert_allclose(daily["sm"], values.round(4), rtol=1e-6)


def test_soil_moisture_that_is_no_number_is_logged_by_value_not_as_missing(tmp_path, capsys):
    """A comma-separated table whose soil moisture is partly written with decimal commas ("0,2814") or
    holds Excel's error text (#N/D) lost those values as "missing: no value", as if the cells were empty."""
    values = 0.25 + 0.02 * np.sin(np.arange(40) / 6)
    cells = [f"{v:.4f}".replace(".", ",") if i % 4 == 0 else ("#N/D" if i == 1 else f"{v:.4f}")
             for i, v in enumerate(values)]
    table = tmp_path / "mixed.csv"
    user_table(table, daily_rows("A", 10.0, 45.0, 5, cells))
    columns = TableColumns.parse("id=site,lon=x,lat=y,time=when,depth=cm,value=vwc,depth_unit=cm")
    summary = import_stations([table], tmp_path / "out.gpkg", options=QcOptions(min_valid_days=20),
                              columns=columns)
    assert "read: soil moisture that is not a number, such as '0,2500' = 11 (1 entry)" in summary.text()
    assert "missing" not in summary.text()
    _, daily = read_stations(tmp_path / "out.gpkg")
    assert len(daily) == 29
    user_table(table, daily_rows("A", 10.0, 45.0, 5, [f"{v:.4f}".replace(".", ",") for v in values]))
    assert main(["stations", "import", str(table), "--columns", "id=site,lon=x,lat=y,time=when,value=vwc,"
                 "depth=cm,depth_unit=cm", "--out", str(tmp_path / "x.gpkg"), "--quiet"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "dropped: soil moisture that is not a number, such as '0,2500' = 40 values")


def test_percent_values_are_named_as_the_cause_and_read_with_value_unit(tmp_path, capsys):
    table = tmp_path / "my_sites.csv"
    wet = 25 + 2 * np.sin(np.arange(210) / 6)
    user_table(table, daily_rows("A", 10.0, 45.0, 5, wet))
    out = tmp_path / "out.gpkg"
    columns = "id=site,lon=x,lat=y,time=when,value=vwc,depth=cm,depth_unit=cm"
    assert main(["stations", "import", str(table), "--columns", columns, "--out", str(out), "--quiet"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "; soil moisture of station tables is read in m3/m3: if yours is in percent, add value_unit=percent "
        "to the column names")
    assert main(["stations", "import", str(table), "--columns", columns + ",value_unit=percent", "--out",
                 str(out), "--quiet"]) == 0
    _, daily = read_stations(out)
    np.testing.assert_allclose(daily["sm"], wet / 100, rtol=1e-6)
    with pytest.raises(SmrfrError, match="soil-moisture unit 'pct': use m3/m3, percent, %"):
        import_stations([table], tmp_path / "x.gpkg", columns=TableColumns.parse(f"{columns},value_unit=pct"))
    with pytest.raises(SmrfrError, match="depth unit 'mm': use m or cm"):
        TableColumns.parse("depth_unit=mm")


def test_import_and_screening_never_write_over_their_inputs(tmp_path, capsys):
    """stations import mine.csv --out mine.csv replaced the user's table with the GeoPackage; screening
    --out equal to its input replaced it too."""
    from smrfr_engine.stations import screen_stations

    table = tmp_path / "mine.csv"
    user_table(table, daily_rows("A", 10.0, 45.0, 5, 0.25 + 0.02 * np.sin(np.arange(210) / 6)))
    text = table.read_text()
    columns = "id=site,lon=x,lat=y,time=when,value=vwc,depth=cm,depth_unit=cm"
    assert main(["stations", "import", str(table), "--columns", columns, "--out", str(table), "--quiet"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        f"output {table} would replace its input {table} or write into it; choose another output")
    assert table.read_text() == text
    out = tmp_path / "mine.gpkg"
    import_stations([table], out, columns=TableColumns.parse(columns))
    for target in (out, table):
        with pytest.raises(SmrfrError, match=f"output {target} would replace its input {target}"):
            screen_stations(out, table, table, target)


def test_point_layer_with_a_linked_time_series_table(tmp_path):
    points = geopandas.GeoDataFrame(
        {"site": ["A", "B"], "cm": [5, 40]},
        geometry=geopandas.points_from_xy([1113194.9, 0.0], [0.0, 1113194.9]),
        crs="EPSG:3857",
    )  # 10 degrees east / about 9.9 north
    gpkg = tmp_path / "sites.gpkg"
    points.to_file(gpkg, layer="sites", driver="GPKG")
    days = pd.date_range("2020-01-01", periods=40, freq="D")
    series = pd.DataFrame(
        {
            "site": ["A"] * 40 + ["B"] * 40,
            "when": list(days) * 2,
            "vwc": np.r_[np.linspace(0.2, 0.3, 40), np.linspace(0.3, 0.2, 40)],
        }
    )
    pyogrio.write_dataframe(series, gpkg, layer="series", driver="GPKG")
    columns = TableColumns(id="site", time="when", value="vwc", depth="cm", depth_unit="cm")
    out = tmp_path / "s.gpkg"
    import_stations([gpkg], out, options=QcOptions(min_valid_days=30), columns=columns)
    stations, daily = read_stations(out)
    a = stations.set_index("station_id").loc["sites:A"]
    assert a["lon"] == pytest.approx(10.0) and a["lat"] == pytest.approx(0.0)
    assert daily.groupby("station_id")["layer"].first().to_dict() == {"sites:A": 1, "sites:B": 4}
    shp = tmp_path / "shp" / "sites.shp"
    shp.parent.mkdir()
    points.to_file(shp)
    series.to_csv(shp.with_suffix(".csv"), index=False)
    import_stations([shp], tmp_path / "t.gpkg", options=QcOptions(min_valid_days=30), columns=columns)
    assert read_stations(tmp_path / "t.gpkg")[1]["sm"].tolist() == pytest.approx(daily["sm"].tolist())


def test_station_ids_are_kept_as_written(tmp_path):
    """A CSV series of sites '0123' and '0456' beside a point layer with the same ids as text stopped the
    import with pandas' "merge on int64 and str columns"; a lone CSV made them stations 123 and 456, and a
    ';' file read an id like '12,5' as the number 12.5."""
    gpkg = tmp_path / "sites.gpkg"
    geopandas.GeoDataFrame({"site": ["0123", "12,5"]}, geometry=geopandas.points_from_xy([10, 11], [45, 46]),
                           crs="EPSG:4326").to_file(gpkg, layer="sites")
    days = pd.date_range("2020-01-01", periods=40, freq="D").strftime("%Y-%m-%d")
    values = np.tile(np.linspace(0.2, 0.3, 40), 2)
    series = pd.DataFrame({"site": ["0123"] * 40 + ["12,5"] * 40, "when": list(days) * 2, "cm": 5,
                           "vwc": [f"{v:.4f}".replace(".", ",") for v in values]})
    series.to_csv(gpkg.with_suffix(".csv"), sep=";", index=False)
    columns = TableColumns(id="site", time="when", value="vwc", depth="cm", depth_unit="cm")
    import_stations([gpkg], tmp_path / "a.gpkg", options=QcOptions(min_valid_days=30), columns=columns)
    assert sorted(read_stations(tmp_path / "a.gpkg")[0]["station_id"]) == ["sites:0123", "sites:12,5"]
    series.assign(x=10.0, y=45.0).to_csv(tmp_path / "lone.csv", sep=";", index=False)
    import_stations([tmp_path / "lone.csv"], tmp_path / "b.gpkg", options=QcOptions(min_valid_days=30),
                    columns=TableColumns(id="site", lon="x", lat="y", time="when", value="vwc", depth="cm",
                                         depth_unit="cm"))
    stations, daily = read_stations(tmp_path / "b.gpkg")
    assert sorted(stations["station_id"]) == ["lone:0123", "lone:12,5"]
    assert daily["sm"].max() == pytest.approx(0.3)


def test_bad_inputs_give_clear_errors_and_no_output(tmp_path):
    out = tmp_path / "s.gpkg"
    with pytest.raises(SmrfrError, match=f"^ISMN download {tmp_path / 'missing.zip'} does not exist$"):
        import_stations([tmp_path / "missing.zip"], out)
    with pytest.raises(SmrfrError, match=f"^station table {tmp_path / 'missing.csv'} does not exist$"):
        import_stations([tmp_path / "missing.csv"], out)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SmrfrError, match="no soil-moisture sensor found"):
        import_stations([tmp_path / "empty"], out)
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(SmrfrError, match="bad.csv: no column station_id, lon, lat, time, sm"):
        import_stations([bad], out)
    (tmp_path / "empty.csv").write_text("")  # an export that wrote nothing: was a csv.Error traceback
    with pytest.raises(SmrfrError, match="empty.csv is not a readable CSV file: No columns to parse"):
        import_stations([tmp_path / "empty.csv"], out)
    expected = ("^column mapping 'colour=red': use key=column with key one of id, lon, lat, time, value, "
                "depth_from, depth_to, depth, layer, network, flag, depth_unit, value_unit$")  # in this order
    with pytest.raises(SmrfrError, match=expected):
        TableColumns.parse("colour=red")
    with pytest.raises(SmrfrError, match="unknown layer scheme"):
        import_stations([DATA / "ceop_sep"], out, scheme="nine")
    assert not out.exists() and not list(tmp_path.glob(".*partial*"))


def test_a_file_that_is_no_stations_geopackage_is_named_by_every_reader(tmp_path):
    """Screening, training, recalibration and validation read stations through read_stations."""
    raster = tmp_path / "dem.tif"
    raster.write_bytes(b"II*\x00" + bytes(200))
    (tmp_path / "folder").mkdir()
    for path in (raster, tmp_path / "folder"):
        with pytest.raises(SmrfrError, match=f"^stations file {path} is not a station GeoPackage"):
            read_stations(path)


def test_stations_import_command(tmp_path, capsys):
    out = tmp_path / "s.gpkg"
    code = main(
        [
            "stations",
            "import",
            str(DATA / "ceop_sep"),
            "--out",
            str(out),
            "--accept-unchecked",
            "--min-valid-days",
            "20",
            "--gap-fill-days",
            "5",
            "--scheme",
            "0-10,10-50",
            "--quiet",
        ]
    )
    assert code == 0
    assert "kept 31 daily values in 1 station layer " in capsys.readouterr().out
    assert read_stations(out)[1]["layer_bottom"].iloc[0] == 10.0
    assert main(["stations", "import", str(tmp_path / "nope"), "--out", str(out), "--quiet"]) == 2
    assert f"{tmp_path / 'nope'} does not exist" in capsys.readouterr().err


def test_subset_store_keeps_only_the_chosen_stations_in_every_table(tmp_path):
    from smrfr_engine.stations.store import STATION_COLUMNS, subset_store, table_names, write_store

    stations = pd.DataFrame({c: [None, None] for c in STATION_COLUMNS}).assign(
        station_id=["N:a", "N:b"], lon=[10.0, 11.0], lat=[45.0, 46.0], network="N", station=["a", "b"])
    daily = pd.DataFrame({"station_id": ["N:a", "N:b", "N:b"], "layer": [1, 1, 2], "layer_top": 0.0,
                          "layer_bottom": 5.0, "date": "2020-01-01", "sm": [0.1, 0.2, 0.3], "n_obs": 24,
                          "n_sensors": 1})
    run_info = pd.DataFrame({"key": ["scheme"], "value": ["smrfr"]})
    source = write_store(tmp_path / "all.gpkg", stations, {"daily": daily, "run_info": run_info})
    kept = subset_store(source, ["N:b"], tmp_path / "b.gpkg")
    points, rows = read_stations(kept)
    assert list(points["station_id"]) == ["N:b"] and list(rows["sm"]) == [0.2, 0.3]
    assert set(table_names(kept)) == {"stations", "daily", "run_info"}
    assert list(read_table(kept, "run_info")["value"]) == ["smrfr"]
    with pytest.raises(SmrfrError, match="unknown station ids N:z"):
        subset_store(source, ["N:z"], tmp_path / "z.gpkg")
    assert not (tmp_path / "z.gpkg").exists()


def test_stations_of_one_cell_are_averaged_and_series_rescaled_to_a_product(tmp_path):
    """``cell_size``: two stations 0.01 deg apart are one station of their 0.5 deg cell, valued at their
    daily mean; ``rescale_reference``: each series takes the product's mean and standard deviation at
    its cell over the common days, (x - mean x) std_ref / std_x + mean_ref, by hand here."""
    from test_validation import DATES, product, truth_at, truth_values

    from smrfr_engine.products import write_product

    rng = np.random.default_rng(1)
    series = 0.25 + 0.03 * np.sin(np.arange(60) / 5) + 0.002 * rng.standard_normal(60)
    table = tmp_path / "mine.csv"
    user_table(table, daily_rows("A", 10.13, 45.22, 5, series)
               + daily_rows("B", 10.14, 45.23, 5, series + 0.1))
    columns = TableColumns.parse("id=site,lon=x,lat=y,time=when,depth=cm,value=vwc,depth_unit=cm")
    options = QcOptions(min_valid_days=30, cell_size=0.5)
    averaged = import_stations([table], tmp_path / "cell.gpkg", options=options, columns=columns)
    stations, daily = read_stations(averaged.out)
    assert sorted(daily["station_id"].unique()) == ["mine:A"]
    assert np.allclose(daily["sm"], series + 0.05) and (daily["n_sensors"] == 2).all()
    centre = stations.set_index("station_id").loc["mine:A", ["lon", "lat"]].tolist()
    assert centre == pytest.approx([10.135, 45.225])
    with pytest.raises(SmrfrError, match="^cell size -1 is out of range: use a cell size > 0 degrees"):
        import_stations([table], tmp_path / "x.gpkg", options=QcOptions(cell_size=-1), columns=columns)

    reference = write_product(product(truth_values()), tmp_path / "reference.zarr")
    one = tmp_path / "one.csv"
    user_table(one, daily_rows("A", 10.13, 45.22, 5, series))
    rescaled = import_stations([one], tmp_path / "rescaled.gpkg", columns=columns,
                               options=QcOptions(min_valid_days=30, rescale_reference=str(reference)))
    got = read_stations(rescaled.out)[1]["sm"].to_numpy()
    ref = truth_at("A", 0)[: len(series)].astype(float)  # the product's sml1_p at the cell, same days
    expected = (series - series.mean()) * ref.std() / series.std() + ref.mean()
    assert DATES[0] == pd.Timestamp("2020-01-01") and np.allclose(got, expected, atol=1e-6)
    assert "layer 1 rescaled to reference.zarr" in set(read_table(rescaled.out, "qc_log")["reason"])
