"""``smrfr:synth`` runs through Processing and writes the demo region."""

import json

import pytest
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
