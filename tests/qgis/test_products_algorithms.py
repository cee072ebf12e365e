"""The product algorithms run through Processing (pytest-qgis) and headless through qgis_process."""

import json
from pathlib import Path

import numpy as np
import pytest
from conftest_products import LAT, LON, YEARS, smrfr_folder, truth
from qgis.core import QgsProcessingException, QgsRasterLayer, QgsVectorLayer


@pytest.fixture()
def product(tmp_path):
    return smrfr_folder(tmp_path / "smrfr")


def run(algorithm, parameters):
    import processing

    return processing.run(f"smrfr:{algorithm}", parameters)


def test_all_five_algorithms_are_registered(provider):
    ids = {alg.id() for alg in provider.algorithms()}
    assert {"smrfr:info", "smrfr:subset", "smrfr:pointseries", "smrfr:zonalstats", "smrfr:anomaly"} <= ids


def test_info_reports_layers_and_dates(provider, product):
    result = run("info", {"SOURCE_FOLDER": str(product)})
    assert result["LAYERS"] == "sml1_p,sml2_p,sml3_p,sml4_p,sml5_p"
    assert (result["START"], result["END"]) == ("2019-12-28", "2020-01-03")


def test_subset_writes_geotiffs_and_netcdf_that_qgis_reads_exactly(provider, product, tmp_path):
    result = run(
        "subset",
        {
            "SOURCE_FOLDER": str(product),
            "EXTENT": "1141000,1250000,5160000,5300000 [EPSG:3857]",
            "START": "2019-12-30",
            "END": "2020-01-02",
            "LAYERS": "sml1_p,sml3_p",
            "OUTPUT_FOLDER": str(tmp_path / "tifs"),
            "OUTPUT_FILE": str(tmp_path / "sub.nc"),
        },
    )
    layer = QgsRasterLayer(str(Path(result["OUTPUT_FOLDER"]) / "sml3_p.tif"), "sml3")
    assert layer.isValid() and layer.bandCount() == 4 and layer.crs().authid() == "EPSG:4326"
    extent = layer.extent()
    # EPSG:3857 box -> 10.25..11.23 E, 42.07..42.97 N -> cells 10.0..11.5 E, 41.5..43.0 N
    assert (extent.xMinimum(), extent.xMaximum(), extent.yMinimum(), extent.yMaximum()) == (
        10.0,
        11.5,
        41.5,
        43.0,
    )
    value, ok = layer.dataProvider().sample(layer.extent().center(), 2)  # cell (row 1, col 1), 2019-12-31
    assert ok and value == pytest.approx(float(truth(3, YEARS[2019])[3, 1, 1]), abs=0)
    netcdf = QgsRasterLayer(f'NETCDF:"{result["OUTPUT_FILE"]}":sml1_p', "nc")
    assert netcdf.isValid() and netcdf.bandCount() == 4
    value, ok = netcdf.dataProvider().sample(netcdf.extent().center(), 1)
    assert ok and value == pytest.approx(float(truth(1, YEARS[2019])[2, 1, 1]), abs=0)


def test_point_series_and_zonal_statistics(provider, product, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsRectangle

    series = run(
        "pointseries",
        {
            "SOURCE_FOLDER": str(product),
            "POINT": "11.3,41.8 [EPSG:4326]",
            "OUTPUT": str(tmp_path / "series.csv"),
        },
    )
    assert (series["CELL_LON"], series["CELL_LAT"]) == (LON[2], LAT[2])
    lines = Path(series["OUTPUT"]).read_text().splitlines()
    assert len(lines) == 1 + 7 and lines[0].startswith("date,sml1_p")

    zones = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "zones", "memory")
    feature = QgsFeature(zones.fields())
    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(10.0, 42.0, 11.0, 43.0)))
    feature["name"] = "north-west"
    zones.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(zones)
    parameters = {"SOURCE_FOLDER": str(product), "ZONES": zones, "FIELD": "name", "STATS": [0, 5], "RULE": 1,
                  "LAYERS": "sml1_p", "OUTPUT": str(tmp_path / "zonal.gpkg")}
    try:
        with pytest.raises(QgsProcessingException, match="The zones layer Polygon.* has no field 'nom'; its "
                                                         "fields: name"):
            run("zonalstats", {**parameters, "FIELD": "nom"})
        result = run("zonalstats", parameters)
    finally:
        QgsProject.instance().removeMapLayer(zones.id())
    table = QgsVectorLayer(f"{result['OUTPUT']}|layername=zonal_stats", "z", "ogr")
    assert table.isValid() and table.featureCount() == 7
    first = next(table.getFeatures())
    assert first["mean"] == pytest.approx(float(truth(1, YEARS[2019])[0, :2, :2].mean()), abs=1e-7)
    assert first["count"] == 4


def test_anomaly_writes_percentiles(provider, product, tmp_path):
    result = run(
        "anomaly",
        {
            "SOURCE_FOLDER": str(product),
            "EXTENT": "10,12,41,43 [EPSG:4326]",
            "CLIM_START": "2019-12-28",
            "CLIM_END": "2020-01-03",
            "WINDOW": 365,
            "OUTPUT_FOLDER": str(tmp_path / "anomaly"),
        },
    )
    layer = QgsRasterLayer(str(Path(result["OUTPUT_FOLDER"]) / "sml1_p_percentile.tif"), "p")
    assert layer.isValid() and layer.bandCount() == 7
    value, ok = layer.dataProvider().sample(layer.extent().center(), 7)
    assert ok and value == pytest.approx(100 * 6.5 / 7)  # the last day is the wettest of the seven


def test_bad_input_raises_one_clear_error(provider, product, tmp_path):
    with pytest.raises(QgsProcessingException, match="outside the product"):
        run(
            "subset",
            {
                "SOURCE_FOLDER": str(product),
                "EXTENT": "50,60,50,60 [EPSG:4326]",
                "OUTPUT_FOLDER": str(tmp_path / "none"),
            },
        )
    assert not (tmp_path / "none").exists()


def test_qgis_process_runs_subset_headless(product, tmp_path, qgis_process):
    out = tmp_path / "qp"
    done = qgis_process("--json", "run", "smrfr:subset", "--", f"SOURCE_FOLDER={product}",
                        "EXTENT=10.1,11.9,41.1,42.9 [EPSG:4326]", "START=2019-12-31", "END=2020-01-02",
                        f"OUTPUT_FOLDER={out}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout[done.stdout.index("{") :])["results"]["OUTPUT_FOLDER"] == str(out)
    import rasterio

    with rasterio.open(out / "sml2_p.tif") as src:
        assert src.descriptions == ("2019-12-31", "2020-01-01", "2020-01-02")
        expected = np.concatenate([truth(2, YEARS[2019][3:]), truth(2, YEARS[2020][:2])])[:, 0:4, 0:4]
        np.testing.assert_array_equal(src.read(), expected)
