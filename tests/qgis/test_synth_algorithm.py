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


def test_a_graphical_model_chains_the_region_into_import_screen_and_cube(provider, tmp_path):
    """The region's inputs are outputs of smrfr:synth, so a model passes them to the next steps as they are
    (QGIS 3.22 has no expression variable for a folder output to build their paths from)."""
    import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelOutput,
    )
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    region = {"SEED": 4, "SIZE": 6, "STATIONS": 5, "START": "2019-06-01", "END": "2019-07-31"}
    steps = {"synth": ("synth", region),
             "import": ("importstations", {"INPUT": Source.fromChildOutput("synth", "ISMN"),
                                           "MIN_VALID_DAYS": 20}),
             "screen": ("screenstations", {"STATIONS": Source.fromChildOutput("import", "OUTPUT"),
                                           "LSM_FOLDER": Source.fromChildOutput("synth", "REANALYSIS"),
                                           "SAT_FOLDER": Source.fromChildOutput("synth", "SATELLITE"),
                                           "MIN_TRIPLETS": 10}),
             "cube": ("buildpredictors", {"CONFIG": Source.fromChildOutput("synth", "CONFIG"),
                                          "START": "2019-06-01", "END": "2019-06-03"})}
    model = QgsProcessingModelAlgorithm("From the demo region", "SMRFR tests")
    for child_id, (algorithm, values) in steps.items():
        child = QgsProcessingModelChildAlgorithm(f"smrfr:{algorithm}")
        child.setChildId(child_id)
        for name, value in values.items():
            source = value if isinstance(value, Source) else Source.fromStaticValue(value)
            child.addParameterSources(name, [source])
        if child_id in ("screen", "cube"):
            output = QgsProcessingModelOutput(child_id)
            output.setChildOutputName("OUTPUT")
            child.setModelOutputs({child_id: output})
        model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    results = processing.run(model, {"screen:screen": str(tmp_path / "screened.gpkg"),
                                     "cube:cube": str(tmp_path / "cube.zarr")})
    assert results["screen:screen"] == str(tmp_path / "screened.gpkg")
    assert xr.open_zarr(tmp_path / "cube.zarr").sizes == {"time": 3, "lat": 6, "lon": 6}  # the region's grid


def test_too_many_stations_are_refused_in_words_processing_users_know(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=r"^500 stations are more than the \d+ land cells of a "
                                                     r"4 x 4 region \(one station per cell\)"):
        processing.run("smrfr:synth", {"SIZE": 4, "STATIONS": 500, "OUTPUT": str(tmp_path / "region")})
    assert not (tmp_path / "region").exists()
