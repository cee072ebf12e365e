"""Local recalibration: retrain the cascade with a regional agency's stations.

Modes:

- ``scratch``: train on the local stations only (same predictors and algorithm as the base model);
- ``combine``: the base model's training stations plus the local ones, local samples weighted by
  ``local_weight`` (sample weights of the regressor), with an indicator predictor
  (``recalibration:local``: 1 for local samples, 0 for the base's) so that the model can learn what
  differs systematically in the local network (sensors, installation, soils) while it shares the
  base stations' dynamics; inference predicts as the local network;
- ``refit``: per layer, the base model's estimate of that layer (``base:sml<N>_p``) is an extra
  predictor and the model is fitted on the local stations: the local model learns a correction of
  the base model. The base bundle is copied into the new one (``base/``), and inference runs it first.

A base model with quantile models (``--quantiles``) gives a recalibrated one with them too. A share
``holdout`` of the local stations is held out (by station) and never used in training; the
report compares the base and the recalibrated model there: ubRMSE, bias and R per layer. The held-out
stations are written beside the models (:data:`HELDOUT_STATIONS`, not part of the model's checksums) to
validate the recalibrated model's maps on them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..atomic import MODEL_BUNDLE, atomic_output, check_apart, check_target
from ..errors import SmrfrError, check_range
from ..feedback import Feedback
from ..metrics import compute_metrics
from ..stations.store import subset_store
from .bundle import Bundle, load_bundle, save_bundle
from .cube import cube_predictors, open_cube
from .cv import assign_folds
from .features import LOCAL_FEATURE, base_feature
from .infer import check_cube_serves, predict_samples, with_base_estimates
from .samples import layer_stations, station_samples, target_column
from .train import fit_cascade, layer_facts

MODES = ("refit", "scratch", "combine")
#: the stations GeoPackage of the held-out local stations, in the recalibrated bundle
HELDOUT_STATIONS = "heldout_stations.gpkg"


def recalibrate(base_model: str | Path, cube: str | Path, local_stations: str | Path, out: str | Path,
                mode: str = "refit", base_stations: str | Path | None = None, local_weight: float = 5.0,
                holdout: float = 1 / 3, folds: int = 5, only_passed: bool = True, seed: int = 0,
                feedback: Feedback | None = None) -> dict:
    """Write the recalibrated bundle ``out`` (with ``recalibration_report.csv`` and the held-out stations'
    GeoPackage) and return ``{"bundle", "report" (DataFrame), "holdout_stations" (ids), "heldout"
    (GeoPackage path)}``."""
    feedback = feedback or Feedback()
    _check_options(mode, holdout, local_weight)
    check_apart(out, base_model, cube, local_stations, base_stations)
    out = check_target(out, MODEL_BUNDLE)  # before the work, not after
    base = load_bundle(base_model)
    ds = open_cube(cube)
    check_cube_serves(base, ds, cube)
    layers = base.layers
    local = station_samples(ds, local_stations, layers, only_passed, feedback.span(0.0, 0.1))
    held, train, test = _hold_out(local, holdout, seed, local_stations)
    if mode != "combine":
        _check_layers_measured(train, base, layers, local_stations)
    weights = None
    extra_feature = {}  # per layer, the predictor the mode adds to the base model's features
    if mode == "combine":
        train, weights = _with_base_stations(ds, base, base_stations, train, local["station_id"].unique(),
                                             local_weight, feedback.span(0.1, 0.2))
        extra_feature = dict.fromkeys(layers, LOCAL_FEATURE)
    elif mode == "refit":
        train, test = with_base_estimates(base, train), with_base_estimates(base, test)
        extra_feature = {layer: base_feature(base.layer_names[layer]) for layer in layers}
    features_of = base.features.__getitem__ if extra_feature else None

    params = base.info["layers"][0].get("params")
    fit = fit_cascade(train, cube_predictors(ds), base.scheme, layers,
                      assign_folds(train, "station", min(folds, train["station_id"].nunique()), seed),
                      base.algorithm, params, weights=weights, features_of=features_of,
                      extra_features=extra_feature, anchor=_anchor_base(base), seed=seed,
                      feedback=feedback.span(0.2, 0.9), quantiles=bool(base.quantile_models))
    new = Bundle(out, {}, base.scheme, base.algorithm, fit.models, fit.features,
                 base if mode == "refit" else None, base.layer_names, fit.anchors)
    report = before_after(base, new, test, layers)
    _tell_scores(report, feedback)
    info = {"training": {**base.info.get("training", {}),
                         "stations_file": str(Path(local_stations).resolve())},
            "recalibration": {"mode": mode, "base_model": str(Path(base_model).resolve()),
                              "base_manifest_sha256": base.info["manifest_sha256"],
                              "local_weight": local_weight, "seed": seed,
                              "holdout_stations": sorted(map(str, held)),
                              "scores": report.to_dict(orient="records")},
            "per_layer": {layer: {**layer_facts(fit, layer), "stations": layer_stations(train, layer)}
                          for layer in layers}}
    with atomic_output(out, kind=MODEL_BUNDLE) as tmp:
        tmp.mkdir()
        report.to_csv(tmp / "recalibration_report.csv", index=False)
        save_bundle(tmp, fit.models, fit.features, base.scheme, base.algorithm, info, fit.quantile_models,
                    new.base)
        subset_store(local_stations, held, tmp / HELDOUT_STATIONS)
    feedback.progress(1.0, f"recalibrated bundle written to {out}")
    return {"bundle": out, "report": report, "holdout_stations": sorted(held),
            "heldout": out / HELDOUT_STATIONS}


def _check_options(mode: str, holdout: float, local_weight: float) -> None:
    """Refuse, before any work, a mode, held-out share or local weight recalibration cannot take."""
    if mode not in MODES:
        raise SmrfrError(f"unknown recalibration mode {mode!r}: use one of {', '.join(MODES)}")
    check_range("holdout", holdout, 0 < holdout < 1, "a share of the local stations between 0 and 1 "
                "(exclusive): the held-out stations give the before/after report")
    check_range("local_weight", local_weight, 0 < local_weight < np.inf, "a weight of the local samples > 0")


def _hold_out(local: pd.DataFrame, holdout: float, seed: int, path) -> tuple[set, pd.DataFrame, pd.DataFrame]:
    """``(held, train, test)``: the share ``holdout`` of the local stations drawn at random (at least one, and
    at least 2 left to train on, else refused) and the samples of the others and of those."""
    stations = local["station_id"].unique()
    rng = np.random.default_rng(seed)
    n_held = max(1, int(round(holdout * len(stations))))
    if len(stations) - n_held < 2:
        raise SmrfrError(f"{path} has {len(stations)} usable station(s); recalibration needs "
                         f"at least 2 for training plus {n_held} held out")
    held = set(rng.choice(stations, n_held, replace=False))
    test = local[local["station_id"].isin(held)].reset_index(drop=True)
    train = local[~local["station_id"].isin(held)].reset_index(drop=True)
    return held, train, test


def _with_base_stations(ds, base: Bundle, base_stations, train: pd.DataFrame, local_ids, local_weight: float,
                        feedback: Feedback) -> tuple[pd.DataFrame, np.ndarray]:
    """The combine mode's training samples and their weights: the base model's training stations (less the
    local ones, ``local_ids``), then ``train``, with the local indicator (:data:`LOCAL_FEATURE`) and the
    weight ``local_weight`` on the local samples."""
    source = base_stations or base.info.get("training", {}).get("stations_file")
    if not source or not Path(source).exists():
        raise SmrfrError("combine mode needs the base model's training stations: pass base_stations "
                         f"(the bundle names {source!r})")
    only_passed = base.info.get("training", {}).get("only_passed", True)
    original = station_samples(ds, source, base.layers, only_passed, feedback)
    original = original[~original["station_id"].isin(set(local_ids))].assign(**{LOCAL_FEATURE: 0.0})
    weights = np.concatenate([np.ones(len(original)), np.full(len(train), float(local_weight))])
    return pd.concat([original, train.assign(**{LOCAL_FEATURE: 1.0})], ignore_index=True), weights


def _tell_scores(report: pd.DataFrame, feedback: Feedback) -> None:
    """Log each layer's held-out scores of the base and the recalibrated model (:func:`before_after`)."""
    for row in report.itertuples():
        feedback.info(f"layer {row.layer}: ubRMSE {row.ubrmse_base:.4f} -> {row.ubrmse_recalibrated:.4f}, "
                      f"bias {row.bias_base:+.4f} -> {row.bias_recalibrated:+.4f}, R {row.r_base:.3f} -> "
                      f"{row.r_recalibrated:.3f} ({row.stations} held-out stations)")


def _check_layers_measured(train: pd.DataFrame, base: Bundle, layers: list[int], path) -> None:
    """Refit and scratch learn every layer of the base model from the local stations trained on: refuse,
    before any fitting, a layer none of them measures."""
    measured = [layer for layer in layers if train[target_column(layer)].notna().any()]
    missing = [layer for layer in layers if layer not in measured]
    if missing:
        names = ", ".join(f"{layer} ({base.layer_names[layer]}, {base.scheme[layer - 1].label})"
                          for layer in missing)
        raise SmrfrError(f"{path}: no local station trained on has values in layer {names}; they measure "
                         f"layers {', '.join(map(str, measured)) or 'none'}: use the combine mode (the base "
                         "model's stations fill the other layers), or add stations measuring it (with a "
                         "smaller holdout if the held-out stations measure it)")


def _anchor_base(base: Bundle) -> str | None:
    """The anchor predictor base (``era5sm``) of the base bundle, if it used one."""
    anchor = next((value for value in base.anchors.values() if value), None)
    return anchor.partition("#layer")[0] if anchor else None


def before_after(base: Bundle, new: Bundle, samples: pd.DataFrame, layers: list[int]) -> pd.DataFrame:
    """ubRMSE, bias and R per layer of the base and the recalibrated model on ``samples``."""
    before, after = predict_samples(base, samples), predict_samples(new, samples)
    rows = []
    for layer in layers:
        name = base.layer_names[layer]
        target = samples[target_column(layer)].to_numpy(float)
        row = {"layer": layer, "stations": int(samples.loc[np.isfinite(target), "station_id"].nunique())}
        for label, estimates in (("base", before), ("recalibrated", after)):
            metrics = compute_metrics(estimates[name][0], target)
            row |= {f"{score}_{label}": metrics[score] for score in ("ubrmse", "bias", "r")}
            row[f"n_{label}"] = metrics["n"]
        rows.append(row)
    return pd.DataFrame(rows)
