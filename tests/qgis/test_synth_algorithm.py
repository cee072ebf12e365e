"""``smrfr:synth`` runs through Processing and writes the demo region."""

import json

import pytest
import xarray as xr
from qgis.core import QgsApplication, QgsRasterLayer


def test_synth_algorithm_writes_the_region(provider, tmp_path):
    import processing

    algorithm = QgsApplication.processingRegistry().algorithmById("smrfr:synth")
    assert algorithm is not None and algorithm.group() == "Tools"
    out = tmp_path / "region"
    result = processing.run("smrfr:synth", {"SEED": 4, "SIZE": 6, "STATIONS": 5, "START": "2019-06-01",
                                            "END": "2019-07-31", "OUTPUT": str(out)})
    manifest = json.loads((out / "manifest.json").read_text())
    assert result["MANIFEST"] == f"{out}/manifest.json" and result["POOR_STATIONS"] == 1
    assert manifest["seed"] == 4 and manifest["start"] == "2019-06-01" and manifest["end"] == "2019-07-31"
    layer = QgsRasterLayer(str(out / "soilgrids/clay_0-5cm_mean.tif"), "clay")
    assert layer.isValid() and layer.crs().authid() == "EPSG:4326"
    truth = QgsRasterLayer(f'ZARR:"{out / "truth/SMRFR_2019_v1.0.zarr"}":/sml1_p:0', "truth", "gdal")
    assert truth.isValid() and truth.extent().xMinimum() == pytest.approx(manifest["grid"]["west"])
    # the region's predictor configuration feeds Build the predictor cube (a model's next step) on its grid
    cube = processing.run("smrfr:buildpredictors", {"CONFIG": result["CONFIG"], "START": "2019-06-01",
                                                    "END": "2019-06-03",
                                                    "OUTPUT": str(tmp_path / "cube.zarr")})
    assert xr.open_zarr(cube["OUTPUT"]).sizes == {"time": 3, "lat": 6, "lon": 6}


def test_too_many_stations_are_refused_in_words_processing_users_know(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=r"^500 stations are more than the \d+ land cells of a "
                                                     r"4 x 4 region \(one station per cell\)"):
        processing.run("smrfr:synth", {"SIZE": 4, "STATIONS": 500, "OUTPUT": str(tmp_path / "region")})
    assert not (tmp_path / "region").exists()
