"""Features per layer, CV designs, the trained cascade and its report, estimators and bundles."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from recorder import Recorder
from test_model_helpers import FAST, small_setup

from smrfr_engine.atomic import MODEL_BUNDLE, check_target
from smrfr_engine.environment import missing_packages
from smrfr_engine.errors import SmrfrError
from smrfr_engine.layers import get_scheme
from smrfr_engine.model.bundle import Bundle, load_bundle, save_bundle
from smrfr_engine.model.cv import assign_folds, summarise_repeats
from smrfr_engine.model.estimators import (
    DEFAULT_ALGORITHM,
    DEFAULT_PARAMS,
    PUBLISHED_PARAMS,
    check_params,
    estimator_params,
    load_estimator,
    make_estimator,
    predict_rows,
    preset_algorithm,
    preset_anchor,
    save_estimator,
)
from smrfr_engine.model.features import feature_group, layer_features
from smrfr_engine.model.infer import predict_cascade
from smrfr_engine.model.recalibrate import recalibrate
from smrfr_engine.model.train import PARAM_GRIDS, conformal_widening, fit_cascade, parse_layers, train_model

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
    assert feature_group("base:sml2_p", SCHEME) == "base model"
    assert feature_group("recalibration:local", SCHEME) == "other"


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


@pytest.mark.parametrize("size", [0, -1.5, float("nan")])
def test_a_block_size_that_is_no_size_is_refused_not_replaced_by_the_default(size):
    with pytest.raises(SmrfrError, match=f"^block_size {size:g} is out of range: use a block size > 0"):
        assign_folds(samples_frame(), "block", 2, block_size=size)


def test_a_block_size_given_to_another_design_is_refused_before_any_work(tmp_path):
    # it used to be ignored: the user thought the folds were spatial blocks
    with pytest.raises(SmrfrError, match=r"block size \(1 deg\) applies to the block cross-validation "
                                         "design only, not to the station design"):
        train_model(tmp_path / "no-cube.zarr", tmp_path / "no-stations.gpkg", tmp_path / "model",
                    cv="station", block_size=1.0)
    assert list(tmp_path.iterdir()) == []


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


@pytest.mark.parametrize(("algorithm", "params", "message"), [
    ("rf", {"n_estimators": "many"}, "n_estimators"), ("extratrees", {"max_features": 2.5}, "max_features"),
    ("lightgbm", {"n_estimators": "many"}, "not supported"),
    ("lightgbm", {"learning_rate": -1}, "learning_rate"),
    ("xgboost", {"max_depth": "deep"}, "max_depth")])
def test_parameter_values_the_library_refuses_are_named_before_any_work(algorithm, params, message):
    with pytest.raises(SmrfrError, match=f"bad {algorithm} parameters .*{message}"):
        check_params(algorithm, params)
    check_params(algorithm, {"n_estimators": 3})


def test_preset_anchors():
    with_fc = PREDICTORS + ["fca#layer1", "fca#layer2"]
    assert preset_anchor("default", None, with_fc, [1, 2]) == "fca"
    assert preset_anchor("default", None, with_fc, [1, 2, 3]) is None  # fca#layer3 missing
    assert preset_anchor("published", None, with_fc, [1, 2]) is None
    assert preset_anchor("default", "none", with_fc, [1, 2]) is None
    assert preset_anchor("published", "era5sm", with_fc, [1, 2]) == "era5sm"


def test_conformal_widening_by_hand():
    low, high = np.zeros(5), np.ones(5)
    target = np.array([0.5, 1.2, -0.3, 0.9, np.nan])  # E = -0.5, 0.2, 0.3, -0.1 (the NaN is left out)
    rows = np.arange(5)  # one station per sample: K = n, plain CQR
    assert conformal_widening(low, high, target, rows) == pytest.approx(0.3)  # ceil(5 * 0.8) = 4th of 4
    inside = np.array([0.2, 0.4, 0.6, 0.8, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])  # E = -0.2 .. -0.5: narrows
    assert conformal_widening(np.zeros(10), np.ones(10), inside, np.arange(10)) == pytest.approx(-0.2)
    assert conformal_widening(np.zeros(2), np.ones(2), np.full(2, np.nan), rows[:2]) == 0.0
    # 9 stations: 8 with one day each (E = 0.1 .. 0.8), one with 10 days of E = 5. Each station counts
    # once: F(0.8) = 8/9 >= 0.8 * 10/9, so w = 0.8; pooling the 18 days would take the 16th, 5.0
    scores = np.concatenate([np.arange(1, 9) / 10, np.full(10, 5.0)])
    stations = np.concatenate([np.arange(8), np.full(10, 8)])
    zero = np.zeros(18)
    assert conformal_widening(zero, zero, scores, stations) == pytest.approx(0.8)
    assert conformal_widening(zero, zero, scores, np.arange(18)) == pytest.approx(5.0)
    # 4 stations need F = 0.8 * 5/4 = 1: the largest score; fewer cannot do better than that
    assert conformal_widening(zero[:4], zero[:4], np.array([0.1, 0.4, 0.2, 0.3]), np.arange(4)) == 0.4
    assert conformal_widening(zero[:3], zero[:3], np.array([0.1, 0.3, 0.2]), np.array(["a", "b", "c"])) == 0.3


def test_a_band_calibrated_on_too_few_stations_is_named():
    """Recalibrating on 2 or 3 local stations gave a band whose widening is the largest held-out miss,
    which assures nothing at a new station, without a word."""
    from recorder import Recorder

    rng = np.random.default_rng(5)
    for n_stations, warned in ((3, True), (4, False)):
        samples = pd.DataFrame({"station_id": np.repeat([f"S{i}" for i in range(n_stations)], 60),
                                "era5sm#layer1": rng.uniform(0.1, 0.4, 60 * n_stations)})
        samples["target1"] = samples["era5sm#layer1"] + rng.normal(0, 0.02, len(samples))
        recorder = Recorder()
        folds = assign_folds(samples, "station", n_stations)
        fit = fit_cascade(samples, ["era5sm#layer1"], SCHEME, [1], folds, "lightgbm",
                          {**ONE_THREAD, "n_estimators": 20, "min_child_samples": 5}, quantiles=True,
                          feedback=recorder)
        assert 1 in fit.quantile_widening
        message = "layer 1: the 80% band is calibrated on 3 held-out stations; with fewer than 4 nothing"
        assert any(text.startswith(message) for text in recorder.warnings) == warned


def test_conformal_widening_covers_80_percent_at_a_new_station():
    """Errors sharing each station's offset, as station errors do: y = b_k + e with b_k ~ N(0, 1) per
    station and e ~ N(0, 0.5) per day, 200 days at each of 20 stations, band [0, 0] (quantile models far
    too sure). A random day at a new station is inside [-w, w] with probability erf(w / (s sqrt 2)),
    s = sqrt(1 + 0.5^2). Over 1000 calibration sets (fixed seed) the station-calibrated w covers at
    least 80 % on average (measured 0.830; the guarantee is >= 0.80 for any distribution), while scoring
    the 4000 days as independent (K = n) falls short (0.792, standard error 0.002)."""
    from math import erf

    rng = np.random.default_rng(0)
    stations, days, spread = 20, 200, np.hypot(1.0, 0.5)
    station_of, zero = np.repeat(np.arange(stations), days), np.zeros(stations * days)
    covered = {"station": [], "day": []}
    for _ in range(1000):
        target = np.repeat(rng.normal(0, 1, stations), days) + rng.normal(0, 0.5, stations * days)
        for name, groups in (("station", station_of), ("day", np.arange(stations * days))):
            covered[name].append(erf(conformal_widening(zero, zero, target, groups) / spread / np.sqrt(2)))
    assert 0.80 <= np.mean(covered["station"]) <= 0.85
    assert np.mean(covered["day"]) < 0.795


def test_the_field_capacity_anchor_carries_the_level_to_unseen_soils():
    """Ten stations whose level is their field capacity (0.10 to 0.46) plus a shared signal: held-out
    stations lie between training levels, which trees without the anchor can only step between."""
    days = pd.date_range("2020-01-01", periods=200)
    signal = 0.05 * np.sin(np.arange(len(days)) / 10)
    fc = np.linspace(0.10, 0.46, 10)
    samples = pd.concat([pd.DataFrame({
        "station_id": f"S{i}", "date": days, "lon": float(i), "lat": 0.0, "fca#layer1": fc[i],
        "era5sm#layer1": 0.3 + signal, "target1": fc[i] + signal}) for i in range(10)], ignore_index=True)
    folds = assign_folds(samples, "station", 5, seed=0)
    predictors = ["fca#layer1", "era5sm#layer1"]
    errors = {}
    for anchor in ("fca", None):
        fit = fit_cascade(samples, predictors, SCHEME, [1], folds, "rf", {"n_estimators": 20}, anchor=anchor)
        errors[anchor] = float(np.sqrt(np.mean((fit.oof["sml1_p"] - samples["target1"]) ** 2)))
    assert errors["fca"] < 0.002 and errors[None] > 0.01
    assert fit.anchors == {1: None}


def test_estimates_are_never_below_zero():
    """Every station is as dry (0.02 m3/m3) whatever its field capacity (0.05 to 0.50): learned at the
    wetter soils, the departure from the anchor takes the driest held-out soils below zero, which the
    cross-validation and the inference both report as 0."""
    days = pd.date_range("2020-01-01", periods=60)
    fc = np.linspace(0.05, 0.50, 10)
    samples = pd.concat([pd.DataFrame({
        "station_id": f"S{i}", "date": days, "lon": float(i), "lat": 0.0, "fca#layer1": fc[i],
        "era5sm#layer1": 0.02, "target1": 0.02 + 0.001 * np.sin(np.arange(len(days)))}) for i in range(10)],
        ignore_index=True)
    folds = assign_folds(samples, "station", 5)
    fit = fit_cascade(samples, ["fca#layer1", "era5sm#layer1"], SCHEME, [1], folds, "rf",
                      {"n_estimators": 10}, anchor="fca")
    assert fit.oof["sml1_p"].min() == 0.0 and (fit.oof["sml1_p"] > 0).any()
    bundle = Bundle(Path("bundle"), {}, SCHEME, "rf", fit.models, fit.features, None, {1: "sml1_p"},
                    fit.anchors)
    raw = fit.models[1].predict(np.array([[0.01, 0.02]])) + 0.01
    columns = {"fca#layer1": np.array([0.01, 0.3]), "era5sm#layer1": np.full(2, 0.02)}
    mean, _ = predict_cascade(bundle, columns.__getitem__, 2)["sml1_p"]
    assert raw[0] < 0 and mean[0] == 0.0 and mean[1] > 0


def test_the_cascade_carries_what_only_the_layers_above_know():
    """Layers 2 and 3 follow layer 1 (0.1 + 0.8 x and 0.15 + 0.6 x), whose reanalysis predictor alone is
    informative; layer 2 sees it too (SMRFR gives layer N the reanalysis of N-1), layer 3 only noise.
    Without the cascade input layer 3 can learn little more than its mean; with it (the out-of-fold
    layer-2 estimate) it gets the dynamics."""
    rng = np.random.default_rng(3)
    days, n_stations = 150, 12
    upper = (0.25 + 0.08 * np.sin(np.arange(days) / 8 + rng.uniform(0, 2 * np.pi, (n_stations, 1)))).ravel()
    samples = pd.DataFrame({
        "station_id": np.repeat([f"S{i:02d}" for i in range(n_stations)], days),
        "date": np.tile(pd.date_range("2020-01-01", periods=days), n_stations),
        "lon": np.repeat(np.arange(n_stations, dtype=float), days),
        "era5sm#layer1": upper + rng.normal(0, 0.005, upper.size),
        "era5sm#layer2": rng.normal(0.3, 0.05, upper.size),
        "era5sm#layer3": rng.normal(0.3, 0.05, upper.size),
        "target1": upper, "target2": 0.1 + 0.8 * upper, "target3": 0.15 + 0.6 * upper})
    folds = assign_folds(samples, "station", 4, seed=0)
    predictors = ["lon", "era5sm#layer1", "era5sm#layer2", "era5sm#layer3"]
    errors = {}
    for cascade in (True, False):
        fit = fit_cascade(samples, predictors, SCHEME, [1, 2, 3], folds, "lightgbm", ONE_THREAD,
                          cascade=cascade)
        errors[cascade] = float(np.sqrt(np.mean((fit.oof["sml3_p"] - samples["target3"]) ** 2)))
        assert ("sml2_p" in fit.features[3]) == cascade
    assert errors[True] < 0.3 * errors[False]
    # a repeat of the CV: the same held-out estimates, no final models
    cv_only = fit_cascade(samples, predictors, SCHEME, [1, 2, 3], folds, "lightgbm", ONE_THREAD,
                          cascade=False, final=False)
    assert cv_only.models == {} and len(fit.models) == 3
    pd.testing.assert_frame_equal(cv_only.oof, fit.oof)


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
    assert info["training"]["anchor"] == "fca" and bundle.anchors[3] == "fca#layer3"  # the default preset's
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


def test_block_cv_records_the_block_size_it_used(tmp_path, trained):
    """The default block size (a quarter of the stations' larger extent) is said and kept in model.json,
    so the folds can be dealt again; a given size is kept as given."""
    from recorder import Recorder

    cube, stations = trained[1], trained[2]
    feedback = Recorder()
    options = dict(layers="1", cv="block", folds=2, algorithm="rf", params=FAST, importance=False)
    chosen = train_model(cube, stations, tmp_path / "default", feedback=feedback, **options)
    chosen = load_bundle(chosen["bundle"])
    west, south, east, north = chosen.info["training"]["extent"]
    size = max(east - west, north - south) / 4
    assert chosen.info["cv"]["block_size"] == pytest.approx(size)
    assert f"spatial blocks of {size:.4g} deg" in feedback.infos
    given = train_model(cube, stations, tmp_path / "given", block_size=size / 2, **options)
    assert load_bundle(given["bundle"]).info["cv"]["block_size"] == size / 2


def test_the_importance_chart_is_drawn_without_a_matplotlib_warning(tmp_path):
    """Debian's python3-matplotlib (QGIS needs it) beside the venv's makes matplotlib warn at import that
    Axes3D is unavailable; students saw that in the middle of every `smrfr train` and `make demo`."""
    code = ("import sys, pandas as pd; from smrfr_engine.model.importance import importance_chart; "
            "importance_chart(pd.DataFrame({'layer': [1], 'kind': ['feature'], 'name': ['dem'], "
            "'importance': [0.1], 'std': [0.0]}), sys.argv[1])")
    ran = subprocess.run([sys.executable, "-c", code, str(tmp_path / "chart.png")], capture_output=True,
                         text=True, check=True)
    assert (tmp_path / "chart.png").stat().st_size > 0
    assert "Warning" not in ran.stderr, ran.stderr


def test_summarise_repeats_by_hand():
    first = pd.DataFrame({"layer": [1, 2], "samples": [90, 60], "stations": [9, 6], "ubrmse": [0.02, 0.03],
                          "r": [0.8, 0.7]})
    second = first.assign(ubrmse=[0.04, 0.01], r=[0.6, 0.9])
    mean, table = summarise_repeats([first, second], [7, 8])
    assert mean.to_dict("list") == {"layer": [1, 2], "samples": [90, 60], "stations": [9, 6],
                                    "ubrmse": pytest.approx([0.03, 0.02]), "ubrmse_min": [0.02, 0.01],
                                    "ubrmse_max": [0.04, 0.03], "r": pytest.approx([0.7, 0.8])}
    assert table[["repeat", "seed"]].drop_duplicates().values.tolist() == [[0, 7], [1, 8]]


def test_repeated_cross_validation_averages_new_dealings_and_keeps_the_first(tmp_path, trained):
    _, cube, stations, _ = trained
    options = {"layers": "1-2", "cv": "station", "folds": 3, "algorithm": "rf", "params": FAST,
               "importance": False, "seed": 4}
    once = train_model(cube, stations, tmp_path / "once", **options)
    repeated = train_model(cube, stations, tmp_path / "thrice", repeats=3, **options)
    table = repeated["repeats"]
    assert sorted(set(zip(table["repeat"], table["seed"]))) == [(0, 4), (1, 5), (2, 6)]
    first = table[table["repeat"] == 0].drop(columns=["repeat", "seed"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(first, once["report"])  # the bundle's own dealing is the first
    assert table.groupby("layer").ubrmse.nunique().min() == 3  # each dealing scores differently
    report = repeated["report"]
    np.testing.assert_allclose(report["ubrmse"], table.groupby("layer").ubrmse.mean())
    assert (report["ubrmse_min"] < report["ubrmse"]).all() and (report["ubrmse"] < report["ubrmse_max"]).all()
    folder = repeated["bundle"]
    assert pd.read_csv(folder / "cv_repeats.csv").shape[0] == 6
    predictions = "cv_predictions.csv"
    assert (folder / predictions).read_bytes() == (once["bundle"] / predictions).read_bytes()
    assert load_bundle(folder).info["cv"]["repeats"] == 3
    assert not (once["bundle"] / "cv_repeats.csv").exists() and once["repeats"] is None


@pytest.mark.parametrize(("repeats", "cv", "message"), [(2, "year", "same folds each time"),
                                                        (0, "station", "at least 1")])
def test_impossible_repeats_are_refused_before_anything_is_written(tmp_path, trained, repeats, cv, message):
    _, cube, stations, _ = trained
    with pytest.raises(SmrfrError, match=message):
        train_model(cube, stations, tmp_path / "model", cv=cv, repeats=repeats)
    assert not (tmp_path / "model").exists()


def test_an_algorithm_whose_package_does_not_import_is_refused_before_any_work(tmp_path, trained,
                                                                               monkeypatch):
    """A broken or absent LightGBM (e.g. its OpenMP library missing) is named, with the pip command, before
    training reads a sample or a bundle loads a model; the environment report lists it as missing."""
    _, cube, stations, _ = trained
    model = make_estimator("lightgbm", {"n_estimators": 2, "min_child_samples": 2})
    folder = tmp_path / "boosted"
    folder.mkdir()
    save_bundle(folder, {1: model.fit(np.random.rand(30, 2), np.random.rand(30))}, {1: ["a", "b"]}, SCHEME,
                "lightgbm", {})
    monkeypatch.setitem(sys.modules, "lightgbm", None)  # import lightgbm now raises ImportError
    with pytest.raises(SmrfrError, match="lightgbm algorithm needs the Python package lightgbm.*pip install"):
        train_model(cube, stations, tmp_path / "model")  # the default preset is LightGBM
    assert not (tmp_path / "model").exists()
    with pytest.raises(SmrfrError, match=f"the model {folder} needs the Python package lightgbm"):
        load_bundle(folder)
    assert missing_packages() == ["lightgbm"]
    train_model(cube, stations, tmp_path / "forest", layers="1", cv="kfold", folds=2, algorithm="rf",
                params=FAST, importance=False)  # the other algorithms still train


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
    manifest.write_text("[]")  # valid JSON, but no manifest: was an AttributeError traceback
    with pytest.raises(SmrfrError, match="model.json is not a bundle manifest: it holds a JSON list"):
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


def test_a_manifest_naming_files_outside_the_bundle_is_refused(tmp_path):
    """A crafted model.json (its checksum recomputed) loaded files from anywhere (``../x``, absolute names,
    links out of the bundle), and training on it as a base copied them; ``base: "."`` recursed until
    Python's RecursionError, as did JSON nested thousands deep."""
    import shutil

    from smrfr_engine.model.bundle import _manifest_checksum

    model = make_estimator("rf", {"n_estimators": 2}).fit(np.random.rand(30, 2), np.random.rand(30))
    good = tmp_path / "good"
    good.mkdir()
    save_bundle(good, {1: model}, {1: ["a", "b"]}, SCHEME, "rf", {})
    outside = tmp_path / "elsewhere.skops"
    shutil.copy(good / "layer1.skops", outside)

    def crafted(name, file=None, base=None):
        folder = tmp_path / name
        shutil.copytree(good, folder)
        info = json.loads((folder / "model.json").read_text())
        if file:
            info["layers"][0]["file"] = file
            info["files"][file] = info["files"]["layer1.skops"]
        info["base"] = base
        info["manifest_sha256"] = _manifest_checksum(info)
        (folder / "model.json").write_text(json.dumps(info))
        return folder

    linked = crafted("linked")
    (linked / "layer1.skops").unlink()
    (linked / "layer1.skops").symlink_to(outside)
    for folder, name in ((crafted("up", file="../elsewhere.skops"), "'../elsewhere.skops'"),
                         (crafted("absolute", file=str(outside)), repr(str(outside))),
                         (linked, "'layer1.skops'"), (crafted("itself", base="."), "'.'")):
        refused = f"^bundle {folder}: model.json names {name}, which is not a file inside the bundle"
        with pytest.raises(SmrfrError, match=refused):
            load_bundle(folder)
    (linked / "model.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SmrfrError, match="model.json is not valid JSON: maximum recursion depth exceeded"):
        load_bundle(linked)


def test_a_manifest_missing_what_loading_reads_is_refused_by_name(tmp_path):
    """A model.json with a valid checksum but without a key loading reads (written by hand or by another
    tool) ended in a KeyError or TypeError traceback."""
    from smrfr_engine.model.bundle import _manifest_checksum

    model = make_estimator("rf", {"n_estimators": 2}).fit(np.random.rand(30, 2), np.random.rand(30))
    save_bundle(tmp_path, {1: model}, {1: ["a", "b"]}, SCHEME, "rf", {})
    saved = json.loads((tmp_path / "model.json").read_text())

    def refused(edit, message):
        info = json.loads(json.dumps(saved))
        edit(info)
        info["manifest_sha256"] = _manifest_checksum(info)
        (tmp_path / "model.json").write_text(json.dumps(info))
        with pytest.raises(SmrfrError, match=f"^{tmp_path / 'model.json'}: {message}"):
            load_bundle(tmp_path)

    refused(lambda info: info.pop("algorithm"), "algorithm is missing; expected a JSON string")
    refused(lambda info: info.update(layers={}), "layers is a JSON object; expected a JSON array")
    refused(lambda info: info["layers"][0].pop("features"), r"layers\[0\]\.features is missing")
    refused(lambda info: info["layers"][0].update(layer=True), r"layers\[0\]\.layer is a JSON boolean")
    refused(lambda info: info["layers"].append(None), r"layers\[1\] is not a JSON object")
    refused(lambda info: info["scheme"].pop("name"), r"scheme\.name is missing")
    refused(lambda info: info["scheme"]["layers"][2].pop(),
            r"scheme\.layers\[2\] is \['sml3_p', 10\]; expected")
    (tmp_path / "model.json").write_text(json.dumps(saved))
    assert load_bundle(tmp_path).features[1] == ["a", "b"]


#: LightGBM on one thread: its OpenMP threads cost more than they give on a few hundred rows
ONE_THREAD = {"n_jobs": 1}


def test_grid_search_records_the_chosen_grid_values_per_layer(tmp_path, trained):
    """The default preset (LightGBM) with grid_search: every searched parameter of every layer is a
    value of PARAM_GRIDS (the defaults num_leaves 15 and 100 rounds are not), the others keep their
    defaults, model.json records them and the saved model was fitted with them. A repeated CV scores
    that configuration in every dealing: the search runs once per layer (it ran once per dealing)."""
    import re

    from test_model_helpers import make_stations

    cube = trained[1]
    stations = make_stations(cube, tmp_path / "four.gpkg", n_stations=4)
    recorder = Recorder()
    result = train_model(cube, stations, tmp_path / "model", layers="1-2", cv="station", folds=2,
                         params=ONE_THREAD, grid_search=True, importance=False, repeats=2, feedback=recorder)
    assert [message for message in recorder.infos if "grid search" in message] == [
        "layer 1: grid search", "layer 2: grid search"]
    assert sorted(set(result["repeats"]["seed"])) == [0, 1]
    bundle = load_bundle(result["bundle"])
    assert bundle.algorithm == "lightgbm" and [item["layer"] for item in bundle.info["layers"]] == [1, 2]
    grid = PARAM_GRIDS["lightgbm"]
    for item in bundle.info["layers"]:
        params = item["params"]
        assert all(params[key] in values for key, values in grid.items()), params
        assert params == {**DEFAULT_PARAMS["lightgbm"], **ONE_THREAD, **{key: params[key] for key in grid}}
        model_text = (result["bundle"] / item["file"]).read_text()
        assert len(re.findall(r"^Tree=", model_text, re.M)) == params["n_estimators"]
        assert f"[num_leaves: {params['num_leaves']}]" in model_text
        assert f"[learning_rate: {params['learning_rate']}]" in model_text
    # without the search the given parameters are recorded as they are
    plain = load_bundle(trained[3]["bundle"]).info["layers"]
    assert all(item["params"] == {**DEFAULT_PARAMS["rf"], **FAST} for item in plain)


def offset_stations(n_stations=30, days=20, seed=0):
    """Stations whose soil moisture is 0.1 + 0.5 era5sm plus a level of their own (sd 0.05, unrelated to
    where they are) and noise (sd 0.01); ``lon`` tells the stations apart."""
    rng = np.random.default_rng(seed)
    level = np.repeat(rng.normal(0, 0.05, n_stations), days)
    era5 = rng.uniform(0.1, 0.4, n_stations * days)
    return pd.DataFrame({
        "station_id": np.repeat([f"S{i:02d}" for i in range(n_stations)], days),
        "date": np.tile(pd.date_range("2020-01-01", periods=days), n_stations),
        "lon": np.repeat(10 + rng.permutation(n_stations) / n_stations, days), "lat": 45.0,
        "era5sm#layer1": era5, "target1": 0.1 + 0.5 * era5 + level + rng.normal(0, 0.01, len(era5))})


def test_grid_search_selects_by_cross_validation_grouped_by_station():
    """The station levels can be learnt from ``lon`` but do not carry over to other stations. Held-out
    stations (grouped CV) reward the least fitting of the grid: learning rate 0.03 for 200 rounds
    (the shared era5sm relation needs little). With every row its own "station" the held-out rows'
    stations are in training, learning their levels pays, and the search takes more fitting (600
    rounds at 0.1 on this data). ``num_leaves`` hardly matters here: only checked to be a grid value."""
    samples = offset_stations()
    folds = assign_folds(samples, "station", 2, seed=0)
    chosen = {}
    for groups in ("station", "row"):
        frame = samples if groups == "station" else samples.assign(
            station_id=[f"R{i:04d}" for i in range(len(samples))])
        fit = fit_cascade(frame, ["lon", "era5sm#layer1"], SCHEME, [1], folds, "lightgbm", ONE_THREAD,
                          grid_search=True)
        chosen[groups] = fit.params[1]
        assert fit.params[1]["num_leaves"] in PARAM_GRIDS["lightgbm"]["num_leaves"]
        assert fit.params[1]["min_child_samples"] == DEFAULT_PARAMS["lightgbm"]["min_child_samples"]
    station, row = chosen["station"], chosen["row"]
    assert (station["learning_rate"], station["n_estimators"]) == (0.03, 200)
    assert (row["learning_rate"], row["n_estimators"]) == (0.1, 600)


def test_grid_search_needs_two_stations():
    samples = offset_stations(n_stations=1, days=40)
    folds = np.arange(len(samples)) % 2
    args = (samples, ["lon", "era5sm#layer1"], SCHEME, [1], folds, "lightgbm", ONE_THREAD)
    assert fit_cascade(*args).models[1] is not None  # trains without the search
    with pytest.raises(SmrfrError, match="the grid search needs samples from at least 2 stations"):
        fit_cascade(*args, grid_search=True)


def test_a_folder_of_other_files_is_refused_before_training(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(SmrfrError, match="mine is a folder holding other files \\(notes.txt\\)"):
        train_model(tmp_path / "no_cube.zarr", tmp_path / "no_stations.gpkg", tmp_path / "mine")
    with pytest.raises(SmrfrError, match="mine is a folder holding other files \\(notes.txt\\)"):
        recalibrate(tmp_path / "no_model", tmp_path / "no_cube.zarr", tmp_path / "no_stations.gpkg",
                    tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    web = tmp_path / "tfjs"  # a TensorFlow.js model: its model.json made the folder a bundle, deleted whole
    web.mkdir()
    (web / "model.json").write_text('{"format": "layers-model", "weightsManifest": []}')
    (web / "group1-shard1of1.bin").write_bytes(b"weights")
    with pytest.raises(SmrfrError, match=r"tfjs is a folder holding other files \(group1-shard1of1.bin, "):
        train_model(tmp_path / "no_cube.zarr", tmp_path / "no_stations.gpkg", web)
    assert sorted(p.name for p in web.iterdir()) == ["group1-shard1of1.bin", "model.json"]
    model = make_estimator("rf", {"n_estimators": 2}).fit(np.random.rand(30, 2), np.random.rand(30))
    (tmp_path / "bundle").mkdir()
    save_bundle(tmp_path / "bundle", {1: model}, {1: ["a", "b"]}, SCHEME, "rf", {})
    assert check_target(tmp_path / "bundle", MODEL_BUNDLE) == tmp_path / "bundle"  # a bundle is replaced


@pytest.mark.parametrize(("algorithm", "params", "named"), [
    ("lightgbm", {"num_leavs": 7, "n_estimators": 3}, "num_leavs"),
    ("xgboost", {"n_estimatrs": 3, "max_dept": 2}, "max_dept, n_estimatrs")])
def test_misspelt_parameter_names_of_the_boosted_libraries_are_refused(algorithm, params, named):
    # both libraries only warn of an unknown name and train without it
    with pytest.raises(SmrfrError, match=f"unknown {algorithm} parameters? {named} in"):
        check_params(algorithm, params)
    check_params(algorithm, {"num_leaves": 7} if algorithm == "lightgbm" else {"max_depth": 2})


def test_checking_lightgbm_parameters_leaves_lightgbm_logging_as_it_was(capsys):
    """Every training checks its parameters through LightGBM's log, which registered the toolkit's logger
    for the whole process: a notebook's own LightGBM models went quiet after train_model."""
    import lightgbm

    rows = np.random.default_rng(0).random((60, 2))

    def own_model_output() -> str:
        lightgbm.LGBMRegressor(n_estimators=1, min_child_samples=5, verbose=1).fit(rows, rows[:, 0])
        return capsys.readouterr().out

    assert "[LightGBM] [Info] Total Bins" in own_model_output()
    check_params("lightgbm", {"num_leaves": 7})
    with pytest.raises(SmrfrError, match="unknown lightgbm parameter num_leavs"):
        check_params("lightgbm", {"num_leavs": 7})
    assert "[LightGBM] [Info] Total Bins" in own_model_output()
