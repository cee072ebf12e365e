"""Validation: points, depth mapping, matching against known cells and dates, outputs and report."""

import base64
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import xarray as xr
from recorder import Recorder

from smrfr_engine.errors import SmrfrError
from smrfr_engine.layers import SCHEMES
from smrfr_engine.products import open_product, write_product
from smrfr_engine.products.model import assemble
from smrfr_engine.stations.store import DAILY_COLUMNS, STATION_COLUMNS, write_store
from smrfr_engine.validation import FILES, validate
from smrfr_engine.validation.matching import OBSERVATION_KEY, common_sample, layer_names, load_points

LONS = np.round(np.arange(10.0, 10.45, 0.1), 2)
LATS = np.round(np.arange(45.4, 44.95, -0.1), 2)
DATES = pd.date_range("2020-01-01", "2020-03-31")
# station -> (lon, lat, koppen): inside cells (10.1, 45.2), (10.3, 45.0), (10.0, 45.4), (10.4, 45.3)
STATIONS = {"A": (10.13, 45.22, "Cfa"), "B": (10.27, 44.97, "Cfa"), "C": (9.96, 45.41, "Dfb"),
            "D": (10.42, 45.28, "Dfb")}
OBSERVED_DEPTHS = [(0.0, 5.0), (10.0, 30.0)]


def truth_values() -> np.ndarray:
    """(layer, time, lat, lon) soil moisture with a seasonal cycle, noise and spatial gradients."""
    rng = np.random.default_rng(3)
    t = np.arange(len(DATES))[None, :, None, None]
    layer = np.arange(5)[:, None, None, None]
    base = 0.2 + 0.3 * (LONS[None, None, None, :] - 10) + 0.2 * (45.4 - LATS[None, None, :, None])
    values = base + 0.01 * layer + 0.05 * np.sin(t / 9 + layer) + rng.normal(0, 0.01, (5, len(DATES), 5, 5))
    return values.astype("float32")


def product(values: np.ndarray, name: str = "smrfr") -> xr.Dataset:
    arrays = [(layer, xr.DataArray(values[i], dims=("time", "lat", "lon"),
                                   coords={"time": DATES, "lat": LATS, "lon": LONS}))
              for i, layer in enumerate(SCHEMES["smrfr"].layers)]
    return assemble(arrays, "EPSG:4326", name, name)


def truth_at(station: str, layer: int, values: np.ndarray | None = None) -> np.ndarray:
    lon, lat, _ = STATIONS[station]
    col, row = np.abs(LONS - lon).argmin(), np.abs(LATS - lat).argmin()
    return (truth_values() if values is None else values)[layer, :, row, col]


def observations() -> pd.DataFrame:
    """Daily observations = the truth at each station's cell for 0-5 and 10-30 cm, some days missing."""
    rows = []
    for station in STATIONS:
        for top, bottom in OBSERVED_DEPTHS:
            layer = SCHEMES["smrfr"].layer_for_sensor(top, bottom)
            series = pd.DataFrame({"station_id": station, "layer": layer + 1, "layer_top": top,
                                   "layer_bottom": bottom, "date": DATES.strftime("%Y-%m-%d"),
                                   "sm": truth_at(station, layer).astype(float)})
            rows.append(series.iloc[::2] if station == "D" else series)
    return pd.concat(rows, ignore_index=True).reindex(columns=DAILY_COLUMNS)


def station_table() -> pd.DataFrame:
    return pd.DataFrame([{"station_id": s, "network": "TEST", "station": s, "lon": lon, "lat": lat,
                          "koppen": koppen} for s, (lon, lat, koppen) in STATIONS.items()],
                        columns=STATION_COLUMNS)


@pytest.fixture(scope="module")
def truth_zarr(tmp_path_factory):
    return write_product(product(truth_values()), tmp_path_factory.mktemp("product") / "truth.zarr")


@pytest.fixture(scope="module")
def stations_gpkg(tmp_path_factory):
    return write_store(tmp_path_factory.mktemp("points") / "stations.gpkg", station_table(),
                       {"daily": observations()})


@pytest.fixture(scope="module")
def validated(truth_zarr, stations_gpkg, tmp_path_factory):
    values = truth_values() + 0.02
    values[:, 10:20] = np.nan  # the biased product misses ten days: they leave the common sample
    products = {"truth": truth_zarr, "biased": product(values, "biased")}
    out = tmp_path_factory.mktemp("validation") / "out"
    return validate(products, stations_gpkg, out, group_by="koppen"), out


def test_depths_map_to_product_layers_by_the_station_import_rules():
    obs = pd.DataFrame({"obs_top": [0, 5, 0, 10, 100, 2.5], "obs_bottom": [5, 5, 19, 30, 150, 2.5]})
    assert layer_names(obs, SCHEMES["smrfr"]).tolist() == ["sml1_p", "sml1_p", "sml3_p", "sml3_p", None,
                                                           "sml1_p"]
    assert layer_names(obs, SCHEMES["era5"]).tolist() == ["swvl1", "swvl1", "swvl2", "swvl2", "swvl4",
                                                          "swvl1"]


def test_truth_against_itself_gives_r_1_and_ubrmse_0(validated):
    result, _ = validated
    pooled = result.pooled.set_index(["product", "layer"])
    assert set(pooled.index) == {(p, layer) for p in ("truth", "biased") for layer in ("sml1_p", "sml3_p")}
    truth = pooled.loc["truth"]
    assert np.allclose(truth["r"], 1) and np.allclose(truth["ubrmse"], 0, atol=1e-6)
    assert np.allclose(truth["bias"], 0, atol=1e-6) and np.allclose(truth["kge"], 1, atol=1e-5)
    biased = pooled.loc["biased"]
    assert np.allclose(biased["bias"], 0.02, atol=1e-6) and np.allclose(biased["ubrmse"], 0, atol=1e-6)
    assert np.allclose(result.by_station.query("product == 'truth'")["r"], 1)


def test_a_validation_replaces_its_own_earlier_report(tmp_path, truth_zarr, stations_gpkg):
    first = validate({"truth": truth_zarr}, stations_gpkg, tmp_path / "v", group_by="koppen")
    again = validate({"truth": truth_zarr}, stations_gpkg, tmp_path / "v")
    assert "by_group" in first.files and sorted(again.files) == sorted(set(first.files) - {"by_group"})


def test_products_are_compared_on_the_common_valid_sample(validated):
    result, _ = validated
    pooled = result.pooled.set_index(["product", "layer"])["n"]
    # 3 stations x 91 days + station D every other day (46), minus days 11-20 (D: 5 of them)
    expected = 3 * (91 - 10) + (46 - 5)
    assert (pooled == expected).all()
    pairs = result.pairs
    assert not pairs["date"].between("2020-01-11", "2020-01-20").any()


def test_matching_uses_the_station_cell_and_date(validated):
    result, _ = validated
    row = result.pairs.query("product == 'truth' and station_id == 'A' and layer == 'sml3_p'").iloc[5]
    assert (row["cell_lon"], row["cell_lat"]) == pytest.approx((10.1, 45.2))
    # 0.03 deg east x 111.2 km x cos(45.2 deg) = 2.35 km, 0.02 deg north = 2.22 km
    assert row["distance_km"] == pytest.approx(3.24, abs=0.01)
    day = DATES.get_loc(row["date"])
    assert row["estimate"] == pytest.approx(truth_at("A", 2)[day])
    assert (row["obs_top"], row["obs_bottom"], row["layer_top"], row["layer_bottom"]) == (10, 30, 10, 30)


def test_outputs_tables_geopackage_and_report(validated):
    import pyogrio

    result, out = validated
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES.values())
    pooled = pd.read_csv(out / "metrics_pooled.csv")
    assert list(pooled.columns[:2]) == ["product", "layer"]
    assert {"n", "r", "r2", "bias", "rmse", "ubrmse", "mae", "nrmse", "nse", "kge", "anomaly_r",
            "r_low", "r_high", "kge_alpha", "kge_beta", "reason"} <= set(pooled.columns)
    by_group = pd.read_csv(out / "metrics_pooled_by_group.csv")
    assert set(by_group["koppen"]) == {"Cfa", "Dfb"}
    summary = pd.read_csv(out / "metrics_station_summary.csv")
    assert {"ubrmse_median", "ubrmse_iqr", "stations"} <= set(summary.columns)
    layers = sorted(name for name, _ in pyogrio.list_layers(out / "stations_metrics.gpkg"))
    assert layers == ["biased_sml1_p", "biased_sml3_p", "truth_sml1_p", "truth_sml3_p"]
    stations = pyogrio.read_dataframe(out / "stations_metrics.gpkg", layer="truth_sml1_p")
    assert len(stations) == 4 and {"ubrmse", "r", "koppen", "network"} <= set(stations.columns)
    assert stations.crs.to_epsg() == 4326
    assert stations.geometry.x.round(2).tolist() == [STATIONS[s][0] for s in stations["station_id"]]
    pairs = pd.read_csv(out / "matched_pairs.csv")
    assert {"product", "station_id", "date", "estimate", "observed", "layer"} <= set(pairs.columns)


def test_report_embeds_every_figure_offline(validated):
    _, out = validated
    page = (out / "report.html").read_text()
    for layer in ("sml1_p", "sml3_p"):
        for kind in ("scatter", "timeseries", "stations", "map"):
            image = re.search(rf'<figure id="{kind}-{layer}"><img [^>]*src="data:image/png;base64,([^"]+)"',
                              page)
            assert image, f"{kind}-{layer} missing"
            assert base64.b64decode(image.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
    assert "m<sup>3</sup>" in page and "<table" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_csv_points_with_own_column_names(tmp_path, truth_zarr):
    obs = observations().merge(station_table()[["station_id", "lon", "lat", "koppen"]], on="station_id")
    obs = obs.rename(columns={"layer_top": "depth_from", "layer_bottom": "depth_to", "sm": "theta"})
    obs["precipitation"] = 1.0
    obs.drop(columns="layer").to_csv(tmp_path / "points.csv", index=False)
    stations, daily = load_points(tmp_path / "points.csv", {"sm": "theta"})
    assert stations["station_id"].tolist() == list(STATIONS) and "koppen" in stations
    obs.assign(station_id="0" + obs["station_id"].map({"A": "1", "B": "2", "C": "3"}).fillna("4")).drop(
        columns="layer").to_csv(tmp_path / "numbered.csv", index=False)
    assert load_points(tmp_path / "numbered.csv", {"sm": "theta"})[0]["station_id"].tolist()[:3] == [
        "01", "02", "03"]  # ids as written: they were 1, 2, 3
    assert {"obs_top", "obs_bottom", "observed", "precipitation"} <= set(daily.columns)
    result = validate({"truth": truth_zarr}, tmp_path / "points.csv", tmp_path / "out",
                      columns={"sm": "theta"}, layers=["sml1_p"], start="2020-02-01", sampling="bilinear")
    assert result.pooled["layer"].tolist() == ["sml1_p"]
    assert result.pairs["date"].min() == pd.Timestamp("2020-02-01")
    assert "precipitation" in result.pairs
    obs.assign(theta=obs["theta"] * 100).drop(columns="layer").to_csv(tmp_path / "percent.csv", index=False)
    with pytest.raises(SmrfrError, match="percent.csv: .* outside 0..1 m3/m3 .*in percent"):
        load_points(tmp_path / "percent.csv", {"sm": "theta"})


def test_choosing_layers_never_moves_an_observation_to_another_layer(tmp_path, truth_zarr):
    # a 0-19 cm probe belongs to sml3_p (10-30 cm holds most of it), whichever layers are validated
    obs = observations().query("layer_top == 0").merge(station_table()[["station_id", "lon", "lat"]],
                                                        on="station_id")
    obs.assign(layer_bottom=19.0).drop(columns="layer").to_csv(tmp_path / "probe.csv", index=False)
    third = validate({"truth": truth_zarr}, tmp_path / "probe.csv", tmp_path / "third", layers="sml3_p")
    assert third.pooled["layer"].tolist() == ["sml3_p"] and third.pooled["n"].item() == len(obs)
    with pytest.raises(SmrfrError, match="among the layers sml1_p: observed depths 0-19 cm"):
        validate({"truth": truth_zarr}, tmp_path / "probe.csv", tmp_path / "first", layers=["sml1_p"])
    assert not (tmp_path / "first").exists()


def test_a_validation_never_writes_into_a_product_or_over_the_stations(tmp_path, truth_zarr, stations_gpkg):
    for out in (truth_zarr / "validation", stations_gpkg):
        with pytest.raises(SmrfrError, match=f"output {out} would replace its input .* or write into it"):
            validate({"truth": truth_zarr}, stations_gpkg, out)
    assert not (truth_zarr / "validation").exists() and stations_gpkg.is_file()


def test_a_report_without_station_scores_has_no_legend_warnings(tmp_path, truth_zarr, stations_gpkg):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = validate({"truth": truth_zarr}, stations_gpkg, tmp_path / "out", min_n=1000)
    assert result.by_station["r"].isna().all() and (tmp_path / "out" / FILES["report"]).exists()
    assert not [w for w in caught if "legend" in str(w.message)]


def test_geopackage_in_another_crs_is_reprojected(tmp_path, stations_gpkg):
    import pyogrio

    from smrfr_engine.stations import read_stations

    stations, daily = read_stations(stations_gpkg)
    path = tmp_path / "mercator.gpkg"
    stations.to_crs("EPSG:3857").to_file(path, layer="stations", engine="pyogrio")
    pyogrio.write_dataframe(daily, path, layer="daily", append=True)
    points, _ = load_points(path)
    assert points["lon"].round(6).tolist() == [STATIONS[s][0] for s in points["station_id"]]


def write_points(path, rows):
    pd.DataFrame(rows, columns=["station_id", "lon", "lat", "date", "layer_top", "layer_bottom",
                                "sm"]).to_csv(path, index=False)
    return path


def test_cells_of_a_10_m_utm_product_keep_their_metres_in_the_csvs(tmp_path):
    """matched_pairs.csv and the point series CSV wrote the northing 4052165 as 4.05216e+06 (%.6g): 5 m
    off, on another cell's edge of a 10 m product."""
    from pyproj import Transformer

    from smrfr_engine.layers import Layer
    from smrfr_engine.products import point_series

    xs, ys = np.arange(635005.0, 635500, 10), np.arange(4052495.0, 4052000, -10)
    values = xr.DataArray(np.full((len(DATES), len(ys), len(xs)), 0.25, "float32"),
                          dims=("time", "lat", "lon"), coords={"time": DATES, "lat": ys, "lon": xs})
    write_product(assemble([(Layer("ssm", 0, 5), values)], "EPSG:32614", "gssm", "gssm", (10, 10)),
                  tmp_path / "gssm.nc")
    lon, lat = Transformer.from_crs(32614, 4326, always_xy=True).transform(635246.0, 4052163.0)
    points = write_points(tmp_path / "points.csv", [("A", lon, lat, day, 0, 5, 0.2 + 0.001 * i)
                                                     for i, day in enumerate(DATES.strftime("%Y-%m-%d"))])
    validate({"gssm": tmp_path / "gssm.nc"}, points, tmp_path / "out")
    pairs = pd.read_csv(tmp_path / "out" / FILES["pairs"])
    assert set(zip(pairs["cell_lon"], pairs["cell_lat"])) == {(635245, 4052165)}
    point_series(tmp_path / "gssm.nc", lon, lat, out=tmp_path / "series.csv", crs="EPSG:4326")
    series = pd.read_csv(tmp_path / "series.csv")
    assert set(zip(series["cell_lon"], series["cell_lat"])) == {(635245, 4052165)}


def test_bad_inputs_give_clear_messages(tmp_path, truth_zarr):
    good = ["A", 10.13, 45.22, "2020-01-05", 0, 5, 0.2]
    outside = write_points(tmp_path / "outside.csv", [["Z", 30.0, 10.0, "2020-01-05", 0, 5, 0.2]])
    with pytest.raises(SmrfrError, match=r"no point lies inside product truth .*lon 30\.\.30"):
        validate({"truth": truth_zarr}, outside, tmp_path / "o1")
    late = write_points(tmp_path / "late.csv", [["A", 10.13, 45.22, "2021-06-01", 0, 5, 0.2]])
    with pytest.raises(SmrfrError, match=r"no observation date overlaps .*2020-01-01\.\.2020-03-31"):
        validate({"truth": truth_zarr}, late, tmp_path / "o2")
    metres = write_points(tmp_path / "metres.csv", [["A", 1127000.0, 5660000.0, "2020-01-05", 0, 5, 0.2]])
    with pytest.raises(SmrfrError, match=r"must be degrees in EPSG:4326.*projected coordinates"):
        validate({"truth": truth_zarr}, metres, tmp_path / "o3")
    text = write_points(tmp_path / "text.csv", [good, ["A", 10.13, 45.22, "2020-01-06", 0, 5, "dry"]])
    with pytest.raises(SmrfrError, match=r"column 'sm' of .*text.csv must hold numbers; row 1 has 'dry'"):
        validate({"truth": truth_zarr}, text, tmp_path / "o4")
    with pytest.raises(SmrfrError, match=r"group field 'climate' .*available: station_id"):
        validate({"truth": truth_zarr}, write_points(tmp_path / "g.csv", [good]), tmp_path / "o5",
                 group_by="climate")
    deep = write_points(tmp_path / "deep.csv", [["A", 10.13, 45.22, "2020-01-05", 150, 200, 0.2]])
    with pytest.raises(SmrfrError, match=r"no observation depth maps .*150-200 cm"):
        validate({"truth": truth_zarr}, deep, tmp_path / "o6")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.docx").write_text("keep me")
    with pytest.raises(SmrfrError, match=r"busy is a folder holding other files \(thesis.docx\)"):
        validate({"truth": truth_zarr}, text, tmp_path / "busy")
    assert not (tmp_path / "o1").exists()


def test_stations_outside_the_product_are_skipped_with_a_warning(tmp_path, truth_zarr):
    rows = [[s, 10.13, 45.22, d.strftime("%Y-%m-%d"), 0, 5, v] for s in ("A",)
            for d, v in zip(DATES, truth_at("A", 0))]
    rows += [["far", 30.0, 10.0, "2020-01-05", 0, 5, 0.2]]
    feedback = Recorder()
    result = validate({"truth": open_product(truth_zarr)}, write_points(tmp_path / "p.csv", rows),
                      tmp_path / "out", feedback=feedback)
    assert result.pairs["station_id"].unique().tolist() == ["A"]
    assert any("1 station(s) outside the product" in w and "far" in w for w in feedback.warnings)


def test_common_sample_drops_an_observation_for_every_product():
    pairs = pd.DataFrame({"product": ["p", "q", "p", "q", "p"], "station_id": "A", "obs_top": 0.0,
                          "obs_bottom": 5.0, "estimate": [0.1, np.nan, 0.2, 0.3, 0.4],
                          "date": pd.to_datetime(["2020-01-01"] * 2 + ["2020-01-02"] * 2 + ["2020-01-03"])})
    feedback = Recorder()
    # 01-01: q is NaN; 01-03: q has no pair at all
    assert common_sample(pairs, ["p", "q"], feedback)["date"].tolist() == [pd.Timestamp("2020-01-02")] * 2
    assert feedback.warnings == ["2 of 3 observations are dropped because not every product has a valid "
                                 "value there (missing per product: q 2); all products are compared on the "
                                 "remaining 1"]
    assert common_sample(pairs, ["p", "q", "r"]).empty  # r has no pair at all


def test_products_of_different_periods_and_depths_share_one_sample(tmp_path, truth_zarr, stations_gpkg):
    # February only (days 31-59), and only the top layer: observations at 10-30 cm have no pair
    short = write_product(product(truth_values()).isel(time=slice(31, 60)).sel(layer=["sml1_p"]),
                          tmp_path / "short.zarr")
    feedback = Recorder()
    result = validate({"truth": truth_zarr, "short": short}, stations_gpkg, tmp_path / "out",
                      feedback=feedback)
    pooled = result.pooled.set_index(["product", "layer"])["n"]
    # 0-5 cm in February: 3 daily stations x 29 days + station D on the even days 32..58 (14)
    assert pooled.to_dict() == {("truth", "sml1_p"): 3 * 29 + 14, ("short", "sml1_p"): 3 * 29 + 14}
    keys = [group[OBSERVATION_KEY].reset_index(drop=True) for _, group in result.pairs.groupby("product")]
    assert keys[0].equals(keys[1])
    # of 2 x (3 x 91 + 46) observations of truth, all but the 101 common ones are missing in short
    assert any(w.startswith("537 of 638 observations are dropped") and "short 537" in w
               for w in feedback.warnings)


def test_validate_command(tmp_path, truth_zarr, stations_gpkg, capsys):
    from smrfr_engine.cli import main

    out = tmp_path / "validation"
    assert main(["validate", "--product", f"inference={truth_zarr}", "--product", str(truth_zarr),
                 "--points", str(stations_gpkg), "--out", str(out), "--layers", "sml1_p", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert f"report: {out.resolve() / 'report.html'}" in printed
    assert set(pd.read_csv(out / "metrics_pooled.csv")["product"]) == {"inference", "truth"}
    assert main(["validate", "--product", str(truth_zarr), "--product", str(truth_zarr), "--points",
                 str(stations_gpkg), "--out", str(tmp_path / "x")]) == 2
    assert "given twice" in capsys.readouterr().err


def other_layouts(folder) -> tuple:
    """The truth's sml1_p in two layouts a reader does not detect: ``mine.nc`` (percent, dims y/x; read with
    the description ``mine.json``, layer ``top``) and ``somo/`` (a SoMo.ml layer-1 file renamed by its
    user; read as kind somo). Returns their paths ``(mine.nc, mine.json, somo)``."""
    import json

    cube = xr.Dataset({"vwc": (("time", "y", "x"), truth_values()[0] * 100)},
                      coords={"time": DATES, "y": LATS, "x": LONS})
    cube.to_netcdf(folder / "mine.nc")
    (folder / "mine.json").write_text(json.dumps({"layers": [{"name": "top", "variable": "vwc", "top": 0,
                                                              "bottom": 5}], "scale": 0.01}))
    (folder / "somo").mkdir()
    (cube.rename(vwc="sm", y="lat", x="lon") / 100).to_netcdf(folder / "somo" / "layer1_2020.nc")
    return folder / "mine.nc", folder / "mine.json", folder / "somo"


def test_validate_command_reads_described_and_named_kinds_of_products(tmp_path, stations_gpkg, capsys):
    """validate could not read a product that needs a description or a kind, though its error said to
    give one: no option took it."""
    from smrfr_engine.cli import main

    _, _, somo = other_layouts(tmp_path)
    out = tmp_path / "validation"
    assert main(["validate", "--product", f"mine={tmp_path / 'mine.nc'}", "--description",
                 f"mine={tmp_path / 'mine.json'}", "--points", str(stations_gpkg), "--out", str(out),
                 "--quiet"]) == 0
    pooled = pd.read_csv(out / "metrics_pooled.csv")
    assert pooled[["product", "layer"]].values.tolist() == [["mine", "top"]]
    assert pooled["r"].iloc[0] == pytest.approx(1) and pooled["bias"].iloc[0] == pytest.approx(0, abs=1e-6)
    assert main(["validate", "--product", f"somo={somo}", "--kind", "somo=somo", "--points",
                 str(stations_gpkg), "--out", str(tmp_path / "somo_validation"), "--quiet"]) == 0
    pooled = pd.read_csv(tmp_path / "somo_validation" / "metrics_pooled.csv")
    assert pooled[["product", "layer", "layer_bottom"]].values.tolist() == [["somo", "layer1", 10]]
    assert main(["validate", "--product", f"mine={tmp_path / 'mine.nc'}", "--description",
                 f"mne={tmp_path / 'mine.json'}", "--points", str(stations_gpkg), "--out",
                 str(tmp_path / "x"), "--quiet"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        f"--description 'mne={tmp_path / 'mine.json'}': use NAME=VALUE, NAME one of the products (mine)")


def test_a_station_layer_is_matched_at_its_sensors_depth_not_its_import_layer(tmp_path):
    """A 25 cm sensor imported with the SMRFR scheme is a 10-30 cm station layer; against a product of
    10-20 and 20-30 cm layers it is validated at 25 cm (20-30), not where the import layer's interval
    puts it (an even split, the upper layer)."""
    from smrfr_engine.layers import Layer
    from smrfr_engine.stations import QcOptions, TableColumns, import_stations, read_stations

    lon, lat, _ = STATIONS["A"]
    series = truth_at("A", 2).astype(float)
    table = tmp_path / "mine.csv"
    pd.DataFrame({"site": "A", "x": lon, "y": lat, "when": DATES.strftime("%Y-%m-%d"), "cm": 25,
                  "vwc": series}).to_csv(table, index=False)
    stations = import_stations([table], tmp_path / "mine.gpkg", options=QcOptions(min_valid_days=30),
                               columns=TableColumns.parse("id=site,lon=x,lat=y,time=when,depth=cm,value=vwc,"
                                                          "depth_unit=cm")).out
    daily = read_stations(stations)[1]
    depths = daily[["layer_top", "layer_bottom", "sensor_top", "sensor_bottom"]].drop_duplicates()
    assert depths.values.tolist() == [[10, 30, 25, 25]]
    values = truth_values()
    arrays = [(Layer(name, top, bottom), xr.DataArray(values[index], dims=("time", "lat", "lon"),
                                                      coords={"time": DATES, "lat": LATS, "lon": LONS}))
              for name, top, bottom, index in (("upper", 10, 20, 0), ("lower", 20, 30, 2))]
    fine = assemble(arrays, "EPSG:4326", "fine", "fine")
    pooled = validate({"fine": fine}, stations, tmp_path / "v").pooled
    assert pooled[["layer", "n"]].values.tolist() == [["lower", len(daily)]]
    assert pooled["r"].iloc[0] == pytest.approx(1) and pooled["bias"].iloc[0] == pytest.approx(0, abs=1e-6)


@pytest.mark.slow
def test_demo_region_stations_match_their_truth_cells_and_dates(tmp_path):
    from smrfr_engine.stations import import_stations
    from smrfr_engine.synth import generate

    generate(tmp_path / "region", seed=1, size=8, start="2020-01-01", end="2020-12-31", n_stations=5)
    import_stations(tmp_path / "region" / "stations" / "SYNTH_ismn.zip", tmp_path / "stations.gpkg")
    truth = open_product(tmp_path / "region" / "truth")
    result = validate({"truth": truth}, tmp_path / "stations.gpkg", tmp_path / "out", layers=["sml1_p"])
    pairs = result.pairs.merge(result.stations[["station_id", "lon", "lat"]], on="station_id")
    cells = truth.sel(lon=xr.DataArray(pairs["lon"]), lat=xr.DataArray(pairs["lat"]), method="nearest")
    assert np.allclose(pairs["cell_lon"], cells.lon) and np.allclose(pairs["cell_lat"], cells.lat)
    expected = truth["soil_moisture"].sel(
        layer="sml1_p", lon=xr.DataArray(pairs["cell_lon"]), lat=xr.DataArray(pairs["cell_lat"]),
        time=xr.DataArray(pairs["date"]))
    assert np.allclose(pairs["estimate"], expected.values)
    pooled = result.pooled.iloc[0]
    assert pooled["n"] == len(pairs) > 300 and 0.3 < pooled["r"] < 1


def test_two_observation_depths_in_one_product_layer_keep_separate_anomaly_series(tmp_path, stations_gpkg):
    from smrfr_engine.layers import Layer

    thick = xr.DataArray(truth_values()[0], dims=("time", "lat", "lon"),
                         coords={"time": DATES, "lat": LATS, "lon": LONS})
    coarse = assemble([(Layer("swvl", 0, 50), thick)], "EPSG:4326", "coarse", "coarse")
    result = validate({"coarse": coarse}, stations_gpkg, tmp_path / "out")
    pooled = result.pooled.set_index("layer").loc["swvl"]
    assert pooled["n"] == len(result.pairs) == len(observations())
    assert np.isfinite(pooled["anomaly_r"]) and pooled["anomaly_n"] > 0


def test_only_passed_keeps_the_station_layers_that_passed_screening(tmp_path, truth_zarr):
    screening = pd.DataFrame({"station_id": ["A", "A", "B", "C", "D"], "layer": [1, 3, 1, 1, 1],
                              "etc_rho2": 0.9, "etc_err_std": 0.01, "etc_n": 100,
                              "etc_pass": [1, 0, 1, 0, 1], "etc_reason": ""})
    points = write_store(tmp_path / "screened.gpkg", station_table(),
                         {"daily": observations(), "screening": screening})
    result = validate({"truth": truth_zarr}, points, tmp_path / "out", only_passed=True)
    kept = set(zip(result.pairs["station_id"], result.pairs["layer"]))
    assert kept == {("A", "sml1_p"), ("B", "sml1_p"), ("D", "sml1_p")}
    plain = write_store(tmp_path / "plain.gpkg", station_table(), {"daily": observations()})
    with pytest.raises(SmrfrError, match="no screening table"):
        load_points(plain, only_passed=True)
