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
