"""Features per layer, CV designs, the trained cascade and its report, estimators and bundles."""

import json

import numpy as np
import pandas as pd
import pytest
from test_model_helpers import FAST, small_setup

from smrfr_engine.errors import SmrfrError
from smrfr_engine.layers import get_scheme
from smrfr_engine.model.bundle import load_bundle, save_bundle
from smrfr_engine.model.cv import assign_folds
from smrfr_engine.model.estimators import (
    DEFAULT_ALGORITHM,
    PUBLISHED_PARAMS,
    estimator_params,
    load_estimator,
    make_estimator,
    predict_rows,
    preset_algorithm,
    save_estimator,
)
from smrfr_engine.model.features import feature_group, layer_features
from smrfr_engine.model.train import parse_layers, train_model

SCHEME = get_scheme("smrfr")
PREDICTORS = ["dem", "lon", "lat", "sand#layer1", "sand#layer2", "era5sm#layer1", "era5sm#layer2",
              "era5st#layer1", "era5st#layer2", "NDVI", "tp7d"]


def test_layer_features_follow_the_smrfr_schema():
    assert layer_features(PREDICTORS, SCHEME, 1) == ["dem", "lon", "lat", "sand#layer1", "era5sm#layer1",
                                                     "era5st#layer1", "NDVI", "tp7d"]
    second = layer_features(PREDICTORS, SCHEME, 2)
    assert second[-1] == "sml1_p" and "era5sm#layer1" in second and "sand#layer1" not in second
    assert "sml1_p" not in layer_features(PREDICTORS, SCHEME, 2, cascade=False)
    groups = {name: feature_group(name, SCHEME) for name in second}
    assert groups["sml1_p"] == "upper layer" and groups["NDVI"] == "VI" and groups["tp7d"] == "ERA5"
    assert groups["sand#layer2"] == "static" and groups["lat"] == "static"


def test_parse_layers():
    assert parse_layers("1-3", SCHEME) == [1, 2, 3]
    assert parse_layers("1,4-5", SCHEME) == [1, 4, 5]
    with pytest.raises(SmrfrError, match="outside"):
        parse_layers("1-6", SCHEME)


def samples_frame(n_stations=10, years=(2018, 2019, 2020)):
    rng = np.random.default_rng(1)
    rows = []
    for number in range(n_stations):
        lon, lat = rng.uniform(0, 4), rng.uniform(40, 44)
        for year in years:
            rows += [{"station_id": f"S{number}", "date": pd.Timestamp(f"{year}-0{m}-01"), "lon": lon,
                      "lat": lat} for m in range(1, 4)]
    return pd.DataFrame(rows)


def test_station_folds_never_split_a_station():
    samples = samples_frame()
    folds = assign_folds(samples, "station", 3)
    assert samples.assign(fold=folds).groupby("station_id")["fold"].nunique().max() == 1
    assert sorted(set(folds)) == [0, 1, 2]


def test_year_and_block_folds_group_years_and_areas():
    samples = samples_frame()
    years = samples.assign(fold=assign_folds(samples, "year", 3), year=samples["date"].dt.year)
    assert years.groupby("year")["fold"].nunique().max() == 1 and years["fold"].nunique() == 3
    blocks = samples.assign(fold=assign_folds(samples, "block", 2, block_size=2.0),
                            block=(samples["lon"] // 2).astype(int) * 10 + (samples["lat"] // 2).astype(int))
    assert blocks.groupby("block")["fold"].nunique().max() == 1
    assert set(assign_folds(samples, "kfold", 4)) == {0, 1, 2, 3}
    with pytest.raises(SmrfrError, match="at least 2 years"):
        assign_folds(samples[samples["date"].dt.year == 2019], "year", 3)
    with pytest.raises(SmrfrError, match="unknown cross-validation"):
        assign_folds(samples, "leave-one-out", 3)


def test_presets_and_estimator_factory():
    assert estimator_params("rf", preset="published") == PUBLISHED_PARAMS
    assert preset_algorithm("published") == "rf" and preset_algorithm("default") == DEFAULT_ALGORITHM
    assert preset_algorithm("default", "xgboost") == "xgboost"
    with pytest.raises(SmrfrError, match="published preset is the SMRFR Random Forest"):
        estimator_params("lightgbm", preset="published")
    with pytest.raises(SmrfrError, match="unknown preset"):
        preset_algorithm("fastest")
    assert make_estimator("rf", {"n_estimators": 7}).n_estimators == 7
    with pytest.raises(SmrfrError, match="bad rf parameter"):
        make_estimator("rf", {"trees": 7})
    with pytest.raises(SmrfrError, match="unknown algorithm"):
        make_estimator("svm")


@pytest.mark.parametrize("algorithm", ["rf", "extratrees", "lightgbm", "xgboost"])
def test_every_algorithm_saves_and_loads_in_a_safe_format(tmp_path, algorithm):
    rng = np.random.default_rng(0)
    features = rng.random((200, 3)).astype("float32")
    target = features[:, 0] * 0.3
    model = make_estimator(algorithm, {"n_estimators": 10}).fit(features, target)
    path = save_estimator(model, algorithm, tmp_path / "layer1")
    suffixes = {"rf": ".skops", "extratrees": ".skops", "lightgbm": ".txt", "xgboost": ".ubj"}
    assert path.suffix == suffixes[algorithm]
    loaded = load_estimator(path, algorithm)
    np.testing.assert_allclose(loaded.predict(features), model.predict(features), rtol=1e-5)


@pytest.mark.parametrize("algorithm", ["rf", "lightgbm", "xgboost"])
def test_predictions_do_not_depend_on_the_number_of_threads(algorithm):
    rng = np.random.default_rng(1)
    features = rng.random((3000, 4)).astype("float32")
    model = make_estimator(algorithm, {"n_estimators": 15}).fit(features, features @ [0.1, 0.2, 0.0, 0.3])
    spread = algorithm == "rf"
    one = predict_rows(model, features, algorithm, threads=1, spread=spread)
    many = predict_rows(model, features, algorithm, threads=3, spread=spread)
    assert np.array_equal(one[0], many[0]) and (not spread or np.array_equal(one[1], many[1]))
    np.testing.assert_allclose(one[0], model.predict(features), rtol=1e-6)
    if spread:
        trees = np.stack([tree.predict(features) for tree in model.estimators_])
        np.testing.assert_allclose(one[1], trees.std(axis=0), atol=1e-9)


def test_a_forest_file_with_untrusted_types_is_refused(tmp_path):
    import collections

    import skops.io

    model = make_estimator("rf", {"n_estimators": 2}).fit(np.random.rand(20, 2), np.random.rand(20))
    model.extra = collections.Counter(a=1)
    skops.io.dump(model, tmp_path / "layer1.skops")
    with pytest.raises(SmrfrError, match="collections.Counter"):
        load_estimator(tmp_path / "layer1.skops", "rf")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("train")
    cube, stations = small_setup(folder)
    result = train_model(cube, stations, folder / "model", cv="station", folds=3, algorithm="rf", params=FAST)
    return folder, cube, stations, result


def test_training_writes_a_complete_bundle_and_report(trained):
    folder, cube, stations, result = trained
    bundle = load_bundle(result["bundle"])
    assert bundle.layers == [1, 2, 3, 4, 5]
    assert bundle.features[3][-1] == "sml2_p" and "era5sm#layer2" in bundle.features[3]
    info = bundle.info
    assert info["cv"]["design"] == "station" and len(info["cv"]["scores"]) == 5
    assert info["training"]["period"] == ["2019-01-01", "2019-06-30"]
    assert len(info["layers"][0]["stations"]) == 12 and "scikit-learn" in info["libraries"]
    assert {"cv_report.csv", "importance.csv", "importance.png", "layer1.skops"} <= set(info["files"])
    importance = pd.read_csv(result["bundle"] / "importance.csv")
    groups = set(importance.loc[importance["kind"] == "group", "name"])
    assert groups >= {"static", "VI", "ERA5", "upper layer"}
    top = importance[(importance["layer"] == 1) & (importance["kind"] == "feature")].nlargest(1, "importance")
    assert top["name"].iloc[0] in ("era5sm#layer1", "NDVI", "EVI")  # the seasonal signal carriers


def test_station_cv_beats_the_reanalysis_at_the_same_stations(trained):
    report = trained[3]["report"]
    # the stations see twice the reanalysis anomaly: its ubRMSE is about 0.014, the noise 0.005
    assert (report["ubrmse"] < 0.8 * report["ubrmse_reference"]).all()
    assert (report["r"] > 0.8).all()
    assert {"ubrmse_station_median", "mae", "bias", "rmse"} <= set(report.columns)


def test_only_screened_stations_are_used(tmp_path, trained):
    from test_model_helpers import make_stations

    cube = trained[1]
    stations = make_stations(cube, tmp_path / "half.gpkg", n_stations=8, passed_all=False)
    result = train_model(cube, stations, tmp_path / "model", layers="1-2", cv="kfold", folds=2,
                         algorithm="rf", params=FAST, importance=False)
    used = load_bundle(result["bundle"]).info["layers"][0]["stations"]
    assert len(used) == 4
    everything = train_model(cube, stations, tmp_path / "all", layers="1", cv="kfold", folds=2,
                             algorithm="rf", params=FAST, importance=False, only_passed=False)
    assert len(load_bundle(everything["bundle"]).info["layers"][0]["stations"]) == 8


def test_tampered_or_incompatible_bundles_are_refused(tmp_path, trained):
    import shutil

    source = trained[3]["bundle"]
    model_file = tmp_path / "file" / "layer2.skops"
    shutil.copytree(source, tmp_path / "file")
    model_file.write_bytes(model_file.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(SmrfrError, match="layer2.skops does not match its checksum"):
        load_bundle(tmp_path / "file")
    shutil.copytree(source, tmp_path / "manifest")
    manifest = tmp_path / "manifest" / "model.json"
    info = json.loads(manifest.read_text())
    info["layers"][0]["features"].reverse()
    manifest.write_text(json.dumps(info))
    with pytest.raises(SmrfrError, match="model.json was modified"):
        load_bundle(tmp_path / "manifest")
    (tmp_path / "file" / "layer2.skops").unlink()
    with pytest.raises(SmrfrError, match="layer2.skops is missing"):
        load_bundle(tmp_path / "file")


def test_bundles_of_other_library_versions_are_refused(tmp_path):
    model = make_estimator("rf", {"n_estimators": 2}).fit(np.random.rand(30, 2), np.random.rand(30))
    folder = tmp_path / "old"
    folder.mkdir()
    save_bundle(folder, {1: model}, {1: ["a", "b"]}, SCHEME, "rf", {"libraries": {}})
    assert load_bundle(folder).features[1] == ["a", "b"]
    from smrfr_engine.model import bundle as bundle_module

    info = json.loads((folder / "model.json").read_text())
    info["libraries"]["scikit-learn"] = "0.24.2"
    info["manifest_sha256"] = bundle_module._manifest_checksum(info)
    (folder / "model.json").write_text(json.dumps(info))
    with pytest.raises(SmrfrError, match="saved with scikit-learn 0.24.2"):
        load_bundle(folder)
