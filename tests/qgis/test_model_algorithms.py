"""The model algorithms run through Processing (pytest-qgis): build, train, infer, recalibrate."""

from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer
from test_model_helpers import cube_config, make_sources, make_stations

from smrfr_engine.model.bundle import load_bundle

#: the 6 x 6 grid of the hand-made sources (test_model_helpers)
GRID = {"EXTENT": "10.0,10.48,45.52,46.0 [EPSG:4326]", "RESOLUTION": 0.08}
#: the cube the graphical model builds
CHAIN_CUBE = {**GRID, "START": "2019-01-01", "END": "2019-02-28"}


def run(algorithm, parameters):
    import processing

    return processing.run(f"smrfr:{algorithm}", parameters)


def test_build_train_infer_recalibrate(provider, tmp_path):
    assert {"smrfr:buildpredictors", "smrfr:train", "smrfr:infer", "smrfr:recalibrate"} <= {
        alg.id() for alg in provider.algorithms()}
    sources = make_sources(tmp_path / "sources", "2019-01-01", "2019-04-30")
    cube = run("buildpredictors", {"CONFIG": str(cube_config(sources)), **GRID,
                                   "START": "2019-01-01", "END": "2019-04-30",
                                   "OUTPUT": str(tmp_path / "cube.zarr")})["OUTPUT"]
    assert xr.open_zarr(cube).sizes == {"time": 120, "lat": 6, "lon": 6}
    on_grid = run("buildpredictors", {"CONFIG": str(cube_config(sources)), "GRID_FOLDER": cube,  # a store
                                      "START": "2019-01-01", "END": "2019-01-10",
                                      "OUTPUT": str(tmp_path / "on_grid.zarr")})["OUTPUT"]
    assert xr.open_zarr(on_grid).sizes == {"time": 10, "lat": 6, "lon": 6}
    coarser = run("buildpredictors", {"CONFIG": str(cube_config(sources)), "GRID_FOLDER": cube,
                                      "RESOLUTION": 0.16, "START": "2019-01-01", "END": "2019-01-02",
                                      "OUTPUT": str(tmp_path / "coarser.zarr")})["OUTPUT"]
    assert xr.open_zarr(coarser).sizes == {"time": 2, "lat": 3, "lon": 3}  # the product's extent, 0.16 cells
    stations = make_stations(Path(cube), tmp_path / "stations.gpkg", n_stations=8)
    trained = run("train", {"CUBE": cube, "STATIONS": str(stations), "LAYERS": "1-2", "CV": 3, "FOLDS": 2,
                            "PARAMS": '{"n_estimators": 10, "max_depth": 8}', "IMPORTANCE": False,
                            "QUANTILES": True, "OUTPUT": str(tmp_path / "model")})
    assert Path(trained["REPORT"]).exists() and "ubrmse" in trained["SUMMARY"]
    inferred = run("infer", {"MODEL": trained["OUTPUT"], "CUBE": cube,
                             "EXTENT": "10.1,10.3,45.7,45.9 [EPSG:4326]", "START": "2019-02-01",
                             "END": "2019-02-10", "UNCERTAINTY": True, "OUTPUT": str(tmp_path / "maps")})
    maps = xr.open_zarr(inferred["STORES"].split(";")[0])
    assert maps["sml2_p"].sizes == {"time": 10, "lat": 3, "lon": 3}
    assert np.isfinite(maps["sml2_p"].values).all()
    assert (maps["sml2_p_q10"].values <= maps["sml2_p_q90"].values).all()  # the default model's quantiles
    # half of the local stations failed screening: only the two that passed are too few to hold some out
    local = make_stations(Path(cube), tmp_path / "local.gpkg", n_stations=4, seed=2, offset=0.03,
                          passed_all=False)
    recalibration = {"MODEL": trained["OUTPUT"], "CUBE": cube, "STATIONS": str(local), "MODE": 0,
                     "HOLDOUT": 0.25, "OUTPUT": str(tmp_path / "recal")}
    with pytest.raises(QgsProcessingException, match="has 2 usable station"):
        run("recalibrate", recalibration)
    recalibrated = run("recalibrate", {**recalibration, "ALL_STATIONS": True, "SEED": 4})
    assert Path(recalibrated["REPORT"]).exists()
    assert load_bundle(recalibrated["OUTPUT"]).info["recalibration"]["seed"] == 4
    assert QgsVectorLayer(recalibrated["HELDOUT"], "heldout").featureCount() == 1  # 4 stations, 0.25 held out
    on_base = run("train", {"CUBE": cube, "STATIONS": str(local), "LAYERS": "1-2", "CV": 3, "FOLDS": 2,
                            "PARAMS": '{"n_estimators": 10}', "IMPORTANCE": False, "REPEATS": 2, "SEED": 7,
                            "CASCADE": False, "BASE_MODEL": trained["OUTPUT"],
                            "OUTPUT": str(tmp_path / "on_base")})
    on_base_bundle = load_bundle(on_base["OUTPUT"])
    assert on_base_bundle.features[2][-1] == "base:sml2_p" and on_base_bundle.info["cv"]["repeats"] == 2
    assert "sml1_p" not in on_base_bundle.features[2] and on_base_bundle.info["cv"]["seed"] == 7
    assert {"ubrmse_base", "ubrmse_min"} <= set(on_base["SUMMARY"].split())


def test_train_without_layers_trains_every_layer_of_the_cube(provider, tmp_path):
    """LAYERS is optional: empty trains every layer of the cube's layer scheme, as the command line does, so
    a cube of another scheme (here two layers) trains without being asked for layers 1-5."""
    config = cube_config(make_sources(tmp_path / "sources", CHAIN_CUBE["START"], CHAIN_CUBE["END"]))
    config.write_text(config.read_text().replace('scheme = "smrfr"', 'scheme = "0-5,5-10"'))
    cube = run("buildpredictors", {"CONFIG": str(config), **CHAIN_CUBE,
                                   "OUTPUT": str(tmp_path / "cube.zarr")})["OUTPUT"]
    stations = make_stations(Path(cube), tmp_path / "stations.gpkg", n_stations=8)
    trained = run("train", {"CUBE": cube, "STATIONS": str(stations), "CV": 3, "FOLDS": 2,
                            "PARAMS": '{"n_estimators": 10}', "IMPORTANCE": False,
                            "OUTPUT": str(tmp_path / "model")})
    assert sorted(load_bundle(trained["OUTPUT"]).features) == [1, 2]


def test_errors_reach_the_user(provider, tmp_path):
    (tmp_path / "stations.gpkg").touch()
    with pytest.raises(QgsProcessingException,
                       match="block size .1.5 deg. applies to the block .* not to the station design"):
        run("train", {"CUBE": str(tmp_path), "STATIONS": str(tmp_path / "stations.gpkg"),
                      "CV": 0, "BLOCK_SIZE": 1.5, "OUTPUT": str(tmp_path / "model")})
    with pytest.raises(QgsProcessingException, match=r"'Model bundle' \(MODEL\): .*/no_model does not exist"):
        run("infer", {"MODEL": str(tmp_path / "no_model"), "CUBE": str(tmp_path),
                      "OUTPUT": str(tmp_path / "out")})
    with pytest.raises(QgsProcessingException, match="not a model bundle"):
        run("infer", {"MODEL": str(tmp_path), "CUBE": str(tmp_path), "OUTPUT": str(tmp_path / "out")})
    config = tmp_path / "predictors.toml"
    config.write_text("[grid]\nbbox = [10, 45, 11, 46]\n")
    with pytest.raises(QgsProcessingException,
                       match=r"Give 'Take the grid .*' \(GRID_FOLDER\) or 'Grid extent' \(EXTENT\), not"):
        run("buildpredictors", {"CONFIG": str(config), "GRID_FOLDER": str(tmp_path), **CHAIN_CUBE,
                                "OUTPUT": str(tmp_path / "cube.zarr")})
    assert not (tmp_path / "cube.zarr").exists()


def test_the_choices_are_the_engines_in_a_fixed_order():
    """The Processing enums list the engine's choices literally (importing the engine's modules would slow
    QGIS's start); models and batch files store the index, so the order is part of the interface."""
    from smrfr_engine.model.cv import DESIGNS
    from smrfr_engine.model.estimators import ALGORITHMS, PRESETS
    from smrfr_engine.model.recalibrate import MODES
    from smrfr_qgis.processing.algorithms import model

    assert model.CV_DESIGNS == ["station", "year", "block", "kfold"] == list(DESIGNS)
    assert model.ALGORITHMS == ["rf", "extratrees", "lightgbm", "xgboost"] == list(ALGORITHMS)
    assert model.PRESETS == ["default", "published"] == list(PRESETS)
    assert model.MODES == ["refit", "scratch", "combine"] == list(MODES)


def chain_model():
    """A graphical model, as a user draws it in the modeler: build the cube, train on it, map with the
    bundle; the cube and the bundle pass from child to child, the maps are the model's output."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFile,
    )

    source = QgsProcessingModelChildParameterSource

    model = QgsProcessingModelAlgorithm("Build, train and map", "SMRFR tests")
    for name in ("CONFIG", "STATIONS"):
        model.addModelParameter(QgsProcessingParameterFile(name, name), QgsProcessingModelParameter(name))
    children = {
        "build": ("buildpredictors", {"CONFIG": source.fromModelParameter("CONFIG"), **CHAIN_CUBE}),
        "train": ("train", {"CUBE": source.fromChildOutput("build", "OUTPUT"),
                            "STATIONS": source.fromModelParameter("STATIONS"), "LAYERS": "1-2", "CV": 3,
                            "FOLDS": 2, "PARAMS": '{"n_estimators": 10}', "IMPORTANCE": False}),
        "infer": ("infer", {"MODEL": source.fromChildOutput("train", "OUTPUT"),
                            "CUBE": source.fromChildOutput("build", "OUTPUT"),
                            "EXTENT": "10.1,10.3,45.7,45.9 [EPSG:4326]", "START": "2019-02-01",
                            "END": "2019-02-10"}),
    }
    for child_id, (algorithm, values) in children.items():
        child = QgsProcessingModelChildAlgorithm(f"smrfr:{algorithm}")
        child.setChildId(child_id)
        for name, value in values.items():
            static = not isinstance(value, source)
            child.addParameterSources(name, [source.fromStaticValue(value) if static else value])
        if child_id == "infer":
            maps = QgsProcessingModelOutput("maps")
            maps.setChildOutputName("OUTPUT")
            child.setModelOutputs({"maps": maps})
        model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    return model


def test_a_graphical_model_chains_build_train_infer_headless(provider, tmp_path, qgis_process):
    path = tmp_path / "chain.model3"
    assert chain_model().toFile(str(path))
    sources = make_sources(tmp_path / "sources", CHAIN_CUBE["START"], CHAIN_CUBE["END"])
    cube = run("buildpredictors", {"CONFIG": str(cube_config(sources)), **CHAIN_CUBE,
                                   "OUTPUT": str(tmp_path / "cube.zarr")})["OUTPUT"]  # for the stations
    stations = make_stations(Path(cube), tmp_path / "stations.gpkg", n_stations=8)
    done = qgis_process("run", str(path), "--", f"CONFIG={cube_config(sources)}", f"STATIONS={stations}",
                        f"infer:maps={tmp_path / 'maps'}")
    assert done.returncode == 0, done.stdout + done.stderr
    maps = xr.open_zarr(tmp_path / "maps" / "SMRFR_2019_v1.0.zarr")
    assert maps["sml2_p"].sizes == {"time": 10, "lat": 3, "lon": 3}
    assert np.isfinite(maps["sml2_p"].values).all()


def test_building_the_cube_needs_no_learning_library(provider, monkeypatch):
    """Every Model algorithm was disabled without scikit-learn, also the cube build, which never uses it."""
    from smrfr_engine.environment import PACKAGES
    from smrfr_qgis.processing import base

    monkeypatch.setattr(base, "missing_packages",
                        lambda modules=None: [PACKAGES[name] for name in modules or () if name == "sklearn"])
    registry = QgsApplication.processingRegistry()
    assert registry.createAlgorithmById("smrfr:buildpredictors").canExecute() == (True, "")
    can_run, message = registry.createAlgorithmById("smrfr:train").canExecute()
    assert not can_run and message.startswith("Missing Python packages: scikit-learn.")
