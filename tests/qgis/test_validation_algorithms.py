"""``smrfr:metrics`` and ``smrfr:validate`` through Processing, outputs loaded and styled in the project."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from qgis.core import (
    QgsGraduatedSymbolRenderer,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from test_validation import observations, other_layouts, product, station_table, truth_values

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    from smrfr_engine.products import write_product
    from smrfr_engine.stations.store import write_store

    folder = tmp_path_factory.mktemp("inputs")
    truth = write_product(product(truth_values()), folder / "truth.zarr")
    wetter = write_product(product(truth_values() + 0.03), folder / "wetter.zarr")
    stations = write_store(folder / "stations.gpkg", station_table(), {"daily": observations()})
    return truth, wetter, stations


def test_metrics_algorithm_reads_a_layer_and_loads_its_tables(provider, tmp_path):
    import processing
    import pyogrio

    rng = np.random.default_rng(0)
    obs = rng.uniform(0.1, 0.4, 40)
    table = pd.DataFrame({"site": np.repeat(["s1", "s2"], 20), "obs": obs, "est": obs + 0.05,
                          "day": list(pd.date_range("2020-01-01", periods=20).strftime("%Y-%m-%d")) * 2})
    pyogrio.write_dataframe(table, tmp_path / "pairs.gpkg", layer="pairs")
    result = processing.runAndLoadResults("smrfr:metrics", {
        "INPUT": f"{tmp_path / 'pairs.gpkg'}|layername=pairs", "ESTIMATE": "est", "OBSERVED": "obs",
        "STATION": "site", "DATE": "day", "MIN_N": 5, "OUTPUT": str(tmp_path / "metrics.csv")})
    pooled = pd.read_csv(result["OUTPUT"])
    assert pooled["n"][0] == 40 and pooled["bias"][0] == pytest.approx(0.05)
    assert pooled["r"][0] == pytest.approx(1) and pooled["ubrmse"][0] == pytest.approx(0, abs=1e-9)
    assert len(pd.read_csv(result["BY_STATION"])) == 2
    assert QgsProject.instance().mapLayersByName("Metrics")
    # several group fields as the help says: separated by ';' (as qgis_process passes them)
    grouped = processing.run("smrfr:metrics", {
        "INPUT": f"{tmp_path / 'pairs.gpkg'}|layername=pairs", "ESTIMATE": "est", "OBSERVED": "obs",
        "GROUP": "site;day", "MIN_N": 2, "OUTPUT": str(tmp_path / "grouped.csv")})
    assert {"site", "day"} <= set(pd.read_csv(grouped["OUTPUT"]).columns)


def test_validate_algorithm_loads_station_layers_styled_by_ubrmse(provider, inputs, tmp_path):
    import processing

    truth, wetter, stations = inputs
    result = processing.runAndLoadResults("smrfr:validate", {
        "PRODUCTS": f"truth={truth}\nwetter={wetter}\n", "POINTS": str(stations), "LAYERS": "sml1_p",
        "GROUP_BY": "koppen", "START": "2020-02-01", "OUTPUT": str(tmp_path / "validation")})
    assert Path(result["REPORT"]).read_text().count('<figure id="') == 4
    pooled = pd.read_csv(result["POOLED"]).set_index("product")
    assert pooled.loc["wetter", "bias"] == pytest.approx(0.03, abs=1e-6)
    assert pooled.loc["truth", "r"] == pytest.approx(1)
    # the matched pairs are an output: a model or a script passes them to smrfr:metrics
    rescored = processing.run("smrfr:metrics", {
        "INPUT": result["PAIRS"], "ESTIMATE": "estimate", "OBSERVED": "observed", "GROUP": ["product"],
        "OUTPUT": str(tmp_path / "metrics.csv")})
    rescored = pd.read_csv(rescored["OUTPUT"]).set_index("product")
    assert rescored.loc["wetter", "bias"] == pytest.approx(0.03, abs=1e-6)
    layers = {layer.name(): layer for layer in QgsProject.instance().mapLayers().values()}
    assert {"ubRMSE truth_sml1_p", "ubRMSE wetter_sml1_p", "Pooled metrics"} <= set(layers)
    station_layer = layers["ubRMSE wetter_sml1_p"]
    assert station_layer.featureCount() == 4
    renderer = station_layer.renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer) and renderer.classAttribute() == "ubrmse"
    assert len(renderer.ranges()) >= 1
    # the style is also the layers' default style in the GeoPackage: any later load gets it
    fresh = QgsVectorLayer(result["STATIONS"][0], "fresh", "ogr")
    assert isinstance(fresh.renderer(), QgsGraduatedSymbolRenderer)


def test_validate_algorithm_reads_products_by_kind_or_description(provider, inputs, tmp_path):
    """KINDS and DESCRIPTIONS give smrfr:validate what the CLI's --kind and --description give."""
    import processing

    _, _, stations = inputs
    _, _, somo = other_layouts(tmp_path)
    result = processing.run("smrfr:validate", {
        "PRODUCTS": f"mine={tmp_path / 'mine.nc'}\nsomo={somo}", "KINDS": "somo=somo",
        "DESCRIPTIONS": f"mine={tmp_path / 'mine.json'}\n", "POINTS": str(stations),
        "OUTPUT": str(tmp_path / "validation")})
    pooled = pd.read_csv(result["POOLED"]).set_index("product")
    assert pooled["layer"].to_dict() == {"mine": "top", "somo": "layer1"}
    assert pooled["r"].tolist() == pytest.approx([1, 1]) and pooled["bias"].abs().max() < 1e-6
    with pytest.raises(QgsProcessingException, match=r"\(KINDS\) 'smo=somo': use NAME=VALUE, NAME one of "
                                                     r"the products \(mine\)"):
        processing.run("smrfr:validate", {"PRODUCTS": f"mine={tmp_path / 'mine.nc'}", "KINDS": "smo=somo",
                                          "POINTS": str(stations), "OUTPUT": str(tmp_path / "x")})


def test_validate_algorithm_reports_bad_input_clearly(provider, inputs, tmp_path):
    import processing

    truth, _, _ = inputs
    points = tmp_path / "far.csv"
    pd.DataFrame({"station_id": ["Z"], "lon": [30.0], "lat": [10.0], "date": ["2020-01-05"],
                  "layer_top": [0], "layer_bottom": [5], "sm": [0.2]}).to_csv(points, index=False)
    with pytest.raises(QgsProcessingException, match="no point lies inside product truth"):
        processing.run("smrfr:validate", {"PRODUCTS": str(truth), "POINTS": str(points),
                                          "OUTPUT": str(tmp_path / "out")})
    # an unscreened GeoPackage: the message tells a Processing user (not only the command line) what to do
    _, _, stations = inputs
    with pytest.raises(QgsProcessingException) as error:
        processing.run("smrfr:validate", {"PRODUCTS": str(truth), "POINTS": str(stations),
                                          "ONLY_PASSED": True, "OUTPUT": str(tmp_path / "out")})
    assert "Processing's Screen stations by triple collocation" in str(error.value)
    assert "Processing 'Only station layers that passed screening' unchecked" in str(error.value)


def ismn_station(folder, name, lon, lat, sensors) -> None:
    """An ISMN Header+values station folder: ``sensors`` maps a depth (m) to daily values (a pd.Series),
    written as 24 equal hourly values of flag G per day, as the synthetic region writes its downloads."""
    from smrfr_engine.synth.stations import NETWORK, Sensor, Station, hour_stamps, stm_file

    station = Station(name, 0, 0, lon, lat, 10.0, False, 0.0, 0.0)
    (folder / NETWORK / name).mkdir(parents=True)
    for depth, daily in sensors.items():
        hourly = np.repeat(daily.values, 24)
        file, content = stm_file(station, Sensor(depth, hourly, np.full(hourly.size, "G")),
                                 hour_stamps(daily.index))
        (folder / NETWORK / name / file).write_bytes(content)


def test_a_somo_product_against_ismn_stations_headless_scores_as_by_hand(provider, qgis_process, tmp_path):
    # qgis_process printed the engine's warnings (a station outside the product) as "ERROR:" in a run that
    # succeeded, and the Processing dialog showed them as errors
    import processing
    from test_peer_products import cf_somo_file

    from smrfr_qgis.processing.algorithms.stations import SCHEMES

    days = pd.date_range("2012-03-01", periods=40)
    t = np.arange(40)
    somo = tmp_path / "somo"
    somo.mkdir()
    for layer in (1, 2):  # multiples of 1e-4: the int16 packing keeps them exactly
        values = (2000 + 100 * layer + (30 * t[:, None, None]) % 700 + 10 * np.arange(16).reshape(1, 4, 4))
        cf_somo_file(somo / f"SoMo.ml_v1_layer{layer}_2012.nc", f"layer{layer}", days,
                     (values * 1e-4).astype("float32"))
    # the station's cell: latitude 0.125 (row 2 of the file), longitude 359.875 (column 1): 10 x 9 = 90
    estimate = {layer: (2000 + 100 * layer + (30 * t) % 700 + 90) * 1e-4 for layer in (1, 2)}
    observed = {1: np.round(estimate[1] - 0.03 + 0.01 * np.sin(t), 4),
                2: np.round(estimate[2] + 0.02 + 0.005 * np.cos(t), 4)}
    ismn = tmp_path / "ismn"
    ismn_station(ismn, "S1", -0.2, 0.2, {0.05: pd.Series(observed[1], days),
                                         0.20: pd.Series(observed[2], days)})
    ismn_station(ismn, "FAR", 100.0, 30.0, {0.05: pd.Series(observed[1], days)})
    stations = processing.run("smrfr:importstations", {
        "FOLDER": str(ismn), "SCHEME": SCHEMES.index("somo"), "MIN_VALID_DAYS": 30,
        "OUTPUT": str(tmp_path / "stations.gpkg")})["OUTPUT"]
    done = qgis_process("run", "smrfr:validate", "--", f"PRODUCTS=somo={somo}", f"POINTS={stations}",
                        f"OUTPUT={tmp_path / 'validation'}")
    assert done.returncode == 0, done.stderr
    printed = done.stdout + done.stderr
    assert "WARNING:\tsomo: 1 station(s) outside the product are skipped: SYNTH:FAR" in printed
    assert "ERROR" not in printed, printed
    pooled = pd.read_csv(tmp_path / "validation" / "metrics_pooled.csv").set_index("layer")
    assert pooled.index.tolist() == ["layer1", "layer2"]
    metrics = processing.run("smrfr:metrics", {  # the matched pairs scored again by smrfr:metrics
        "INPUT": str(tmp_path / "validation" / "matched_pairs.csv"), "ESTIMATE": "estimate",
        "OBSERVED": "observed", "GROUP": "layer", "OUTPUT": str(tmp_path / "metrics.csv")})
    rescored = pd.read_csv(metrics["OUTPUT"]).set_index("layer")
    for layer in (1, 2):  # by hand: bias mean(x - y), ubRMSE of the centred series, Pearson R
        x, y = estimate[layer], observed[layer]
        by_hand = {"n": 40, "bias": np.mean(x - y), "rmse": np.sqrt(np.mean((x - y) ** 2)),
                   "ubrmse": np.sqrt(np.mean(((x - x.mean()) - (y - y.mean())) ** 2)),
                   "r": np.corrcoef(x, y)[0, 1], "mae": np.mean(np.abs(x - y))}
        for table in (pooled, rescored):
            scores = table.loc[f"layer{layer}", list(by_hand)].astype(float).to_dict()
            assert scores == pytest.approx(by_hand, abs=1e-6)
    assert pooled.loc["layer1", "bias"] == pytest.approx(0.0297125, abs=1e-6)
