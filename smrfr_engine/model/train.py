"""Training: one regressor per layer in a cascade, cross-validated, saved as a bundle.

Layer N > 1 gets the estimate of layer N-1 (``sml{N-1}_p``) as a predictor. In training that input
is the out-of-fold prediction of the upper layer (the prediction for a sample comes from the models
of the fold that held it out), so the lower model learns on the kind of input it gets at inference.
The same folds give the CV scores: every held-out sample is predicted through the whole cascade by
models that never saw its fold. (The training inputs of a fold's lower model are out-of-fold
predictions of other folds' upper models, which did see the held-out fold's upper-layer targets:
an indirect and weak leak, the price of not nesting the cross-validation.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..atomic import MODEL_BUNDLE, atomic_output, check_apart, check_target
from ..errors import SmrfrError, counted
from ..feedback import Feedback
from ..layers import LayerScheme
from .bundle import Bundle, load_bundle, save_bundle
from .cube import cube_grid, cube_predictors, cube_scheme, open_cube
from .cv import assign_folds, check_design, default_block_size, skill_report, summarise_repeats
from .estimators import (
    QUANTILES,
    as_soil_moisture,
    check_installed,
    check_params,
    check_quantiles,
    estimator_params,
    fit_threads,
    make_estimator,
    preset_algorithm,
    preset_anchor,
    quantile_params,
)
from .features import base_feature, layer_features, layer_tag
from .importance import importance_chart, permutation_importance
from .infer import check_cube_serves, with_base_estimates
from .samples import layer_stations, station_samples, target_column

#: grid-search candidates per algorithm (SMRFR searched forests by 5-fold CV)
PARAM_GRIDS = {
    "rf": {"n_estimators": [100, 300], "max_depth": [20, None], "min_samples_leaf": [1, 5, 20],
           "max_features": [0.33, 1.0]},
    "extratrees": {"n_estimators": [100, 300], "max_depth": [20, None], "min_samples_leaf": [1, 5, 20],
                   "max_features": [0.33, 1.0]},
    "lightgbm": {"num_leaves": [31, 127], "n_estimators": [200, 600], "learning_rate": [0.03, 0.1]},
    "xgboost": {"max_depth": [6, 10], "n_estimators": [200, 600], "learning_rate": [0.03, 0.1]},
}
GRID_SEARCH_ROWS = 20000
IMPORTANCE_ROWS = 2000
#: the share of the targets the widened quantile band holds, q90 - q10
BAND_COVERAGE = max(QUANTILES.values()) - min(QUANTILES.values())
#: the fewest held-out stations with which :func:`conformal_widening` can assure it: c (K + 1) / K <= 1
BAND_STATIONS = round(BAND_COVERAGE / (1 - BAND_COVERAGE))
#: how :func:`conformal_widening` calibrates the band, as ``model.json`` records it
WIDENING_RULE = "conformal by held-out station (Dunn et al. 2023; Lee et al. 2023)"


@dataclass
class CascadeFit:
    """Models and ordered features per layer, out-of-fold estimates (one column per layer name, aligned
    with the samples), the parameters used, the held-out importances, the anchors and (with
    ``quantiles``) per layer the final quantile models by name (``{"q10": model, "q90": model}``)."""

    models: dict[int, object]
    features: dict[int, list[str]]
    oof: pd.DataFrame
    params: dict[int, dict]
    importance: pd.DataFrame
    anchors: dict[int, str | None]
    quantile_models: dict[int, dict[str, object]] = field(default_factory=dict)
    #: per layer the conformal widening of the quantile band (:func:`conformal_widening`)
    quantile_widening: dict[int, float] = field(default_factory=dict)


def parse_layers(spec, scheme: LayerScheme) -> list[int]:
    """``"1-5"``, ``"1,2,3"``, ``3`` or a list -> sorted 1-based layer numbers within ``scheme``."""
    if spec is None:
        return list(range(1, len(scheme) + 1))
    try:
        if isinstance(spec, str):
            layers = set()
            for part in spec.split(","):
                low, _, high = part.partition("-")
                layers |= set(range(int(low), int(high or low) + 1))
        else:
            layers = {int(v) for v in (spec if isinstance(spec, (list, tuple)) else [spec])}
    except ValueError:
        raise SmrfrError(f"layers must look like 1-5 or 1,2,3; got {spec!r}") from None
    if not layers or min(layers) < 1 or max(layers) > len(scheme):
        raise SmrfrError(f"layers {spec!r} outside the {scheme.name} scheme's 1..{len(scheme)}")
    return sorted(layers)


def feature_matrix(frame: pd.DataFrame, names: list[str]) -> np.ndarray:
    missing = [name for name in names if name not in frame.columns]
    if missing:
        raise SmrfrError(f"predictor(s) {', '.join(missing)} missing from the samples")
    return frame[names].to_numpy(dtype="float32")


def fit_cascade(samples: pd.DataFrame, predictors: list[str], scheme: LayerScheme, layers: list[int],
                folds: np.ndarray, algorithm: str | None = None, params: dict | None = None,
                preset: str = "default",
                cascade: bool = True, grid_search: bool = False, importance: bool = False,
                weights: np.ndarray | None = None, features_of: Callable[[int], list[str]] | None = None,
                extra_features: dict[int, str] | None = None, anchor: str | None = None, seed: int = 0,
                feedback: Feedback | None = None, quantiles: bool = False, final: bool = True,
                params_of: dict[int, dict] | None = None) -> CascadeFit:
    """Fit the cascade over ``layers`` with out-of-fold upper-layer inputs (see the module docstring).

    ``samples`` has the predictors and ``target<N>`` columns; ``folds`` the test fold of each row.
    ``features_of(layer)`` overrides the feature list (default: :func:`layer_features`, the cascade input
    only when the layer above is trained too); ``extra_features`` adds one per layer (a base model's
    estimate, the local indicator). With ``anchor`` (a layer-dependent predictor base such as ``fca``
    or ``era5sm``) each model learns the departure of the target from that predictor of its
    layer, which is added back to its estimates: trees cannot interpolate between the levels of a few
    dozen training stations, the anchor carries the level to unseen places. With ``quantiles`` (boosted
    algorithms only) each layer also gets final models of the :data:`.estimators.QUANTILES` (10 % and 90 %)
    of the same target (the departure from the anchor), features, parameters and training rows, and the
    widening that makes their band hold 80 % of the days at a station it never saw (the same folds'
    quantile models, scored by held-out station: :func:`conformal_widening`); they never feed the next
    layer. Without ``final`` only the cross-validation runs (no models in the result: a repeat of the CV).
    ``params_of`` gives each layer's whole estimator parameters (an earlier fit's ``params``): no search.
    """
    feedback = feedback or Feedback()
    algorithm = preset_algorithm(preset, algorithm)
    if quantiles:
        check_quantiles(algorithm)
    frame = samples.copy()
    models, features, used_params, tables, anchors, quantile_models, widening = {}, {}, {}, [], {}, {}, {}
    oof = pd.DataFrame(index=frame.index)
    fold_ids, stations = np.unique(folds), frame["station_id"].to_numpy()
    for number, layer in enumerate(layers):
        step = feedback.span(number / len(layers), (number + 1) / len(layers))
        names = features_of(layer) if features_of else layer_features(
            predictors, scheme, layer, cascade=cascade and layer - 1 in layers)
        if extra_features:
            names = [*names, extra_features[layer]]
        anchors[layer] = layer_tag(anchor, layer) if anchor else None
        regression = _Regression(names, *_layer_data(frame, names, layer, anchors[layer]), algorithm,
                                 estimator_params(algorithm, params, preset), weights, seed)
        if params_of:
            regression.params = params_of[layer]
        elif grid_search:
            step.info(f"layer {layer}: grid search")
            regression.params |= _grid_search(regression, stations, len(fold_ids))
        estimate, held_out_quantiles, table = _out_of_fold(regression, folds, quantiles, importance, scheme,
                                                           step, layer)
        if table is not None:
            tables.append(table)
        if final:
            step.progress(len(fold_ids) / (len(fold_ids) + 1), f"layer {layer}: final model")
            models[layer] = regression.fit(regression.train)
            if quantiles:
                step.progress((len(fold_ids) + 0.5) / (len(fold_ids) + 1), f"layer {layer}: quantile models")
                quantile_models[layer] = {name: regression.fit(regression.train, name) for name in QUANTILES}
                widening[layer] = _band_widening(*held_out_quantiles.values(), regression.target, stations,
                                                 layer, step)
        features[layer], used_params[layer] = names, regression.params
        oof[scheme[layer - 1].name] = estimate
        frame[scheme[layer - 1].name] = estimate
        step.progress(1.0)
    importance_table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    return CascadeFit(models, features, oof, used_params, importance_table, anchors, quantile_models,
                      widening)


@dataclass
class _Regression:
    """One layer's regression and how its models are made: the features ``names`` of every sample
    (``matrix``), the ``target`` (the in-situ value less ``offset``, the anchor predictor's value), the rows
    with every feature (``valid``) and those with a target too (``train``)."""

    names: list[str]
    matrix: np.ndarray
    offset: np.ndarray
    target: np.ndarray
    valid: np.ndarray
    train: np.ndarray
    algorithm: str
    params: dict
    weights: np.ndarray | None
    seed: int

    def fit(self, rows: np.ndarray, quantile: str | None = None):
        """A model of the target, or of its quantile named ``quantile`` (:data:`.estimators.QUANTILES`),
        fitted on ``rows``."""
        params = self.params
        if quantile:
            params = params | quantile_params(self.algorithm, QUANTILES[quantile])
        model = make_estimator(self.algorithm, params, self.seed,
                               n_jobs=fit_threads(self.algorithm, int(rows.sum())))
        if self.weights is None:
            model.fit(self.matrix[rows], self.target[rows])
        else:
            model.fit(self.matrix[rows], self.target[rows], sample_weight=self.weights[rows])
        return model


def _layer_data(frame: pd.DataFrame, names: list[str], layer: int, anchor: str | None) -> tuple:
    """``(matrix, offset, target, valid, train)`` of a layer: the features ``names`` of every sample, the
    ``anchor`` predictor's value (0 without), the layer's in-situ value less it, and the rows with every
    feature and those with a target too; refused with fewer than 20 of those."""
    matrix = feature_matrix(frame, names)
    valid = np.isfinite(matrix).all(axis=1)
    if anchor and anchor not in names:
        raise SmrfrError(f"anchor {anchor} is not a predictor of layer {layer}")
    offset = frame[anchor].to_numpy(float) if anchor else np.zeros(len(frame))
    target = frame[target_column(layer)].to_numpy(float) - offset
    train = valid & np.isfinite(target)
    if train.sum() < 20:
        raise SmrfrError(f"layer {layer}: only {int(train.sum())} samples with a target and all "
                         "predictors (at least 20 needed)")
    return matrix, offset, target, valid, train


def _out_of_fold(regression: _Regression, folds: np.ndarray, quantiles: bool, importance: bool,
                 scheme: LayerScheme, step: Feedback, layer: int) -> tuple:
    """``(estimate, quantiles, importance)``: each valid sample's estimate by the model of the fold that
    held it out, with ``quantiles`` its quantile models' departures (by name), and with ``importance`` the
    permutation importance of the first fold's model on the training rows it held out (None without)."""
    matrix, train = regression.matrix, regression.train
    estimate = np.full(len(matrix), np.nan)
    held_out_quantiles = {name: np.full(len(matrix), np.nan) for name in QUANTILES} if quantiles else {}
    table = None
    fold_ids = np.unique(folds)
    for index, fold in enumerate(fold_ids):
        step.progress(index / (len(fold_ids) + 1), f"layer {layer}: fold {index + 1} of {len(fold_ids)}")
        fit_rows = train & (folds != fold)
        test_rows = regression.valid & (folds == fold)
        if not fit_rows.any() or not test_rows.any():
            continue
        model = regression.fit(fit_rows)
        estimate[test_rows] = as_soil_moisture(model.predict(matrix[test_rows])
                                               + regression.offset[test_rows])
        for name, values in held_out_quantiles.items():
            values[test_rows] = regression.fit(fit_rows, name).predict(matrix[test_rows])
        held_out = np.flatnonzero(train & (folds == fold))
        if importance and index == 0 and len(held_out) >= 20:
            rows = np.random.default_rng(regression.seed).permutation(held_out)[:IMPORTANCE_ROWS]
            table = permutation_importance(model, matrix[rows], regression.target[rows], regression.names,
                                           scheme, seed=regression.seed).assign(layer=layer)
    return estimate, held_out_quantiles, table


def _band_widening(low: np.ndarray, high: np.ndarray, target: np.ndarray, stations: np.ndarray, layer: int,
                   step: Feedback) -> float:
    """:func:`conformal_widening` of a layer's held-out band, with a warning when fewer than
    :data:`BAND_STATIONS` held-out stations calibrate it."""
    widening = conformal_widening(low, high, target, stations)
    calibrated = len(np.unique(stations[_scored(low, high, target)]))
    if calibrated < BAND_STATIONS:
        step.warning(f"layer {layer}: the {BAND_COVERAGE:.0%} band is calibrated on "
                     f"{counted(calibrated, 'held-out station')}; with fewer than "
                     f"{BAND_STATIONS} nothing assures its share at a new station (its widening "
                     "is the largest held-out miss)")
    return widening


def load_base(base_model: str | Path, ds, cube: Path, scheme: LayerScheme, layers: list[int]) -> Bundle:
    """The base bundle of :func:`train_model`, refused (:class:`SmrfrError`) when the cube ``ds`` lacks
    its predictors or it does not estimate every layer to train in the cube's layer ``scheme``."""
    base = load_bundle(base_model)
    check_cube_serves(base, ds, cube)
    if base.scheme.names != scheme.names:
        raise SmrfrError(f"the base model {base_model} estimates the layers {', '.join(base.scheme.names)}, "
                         f"the cube {cube} has {', '.join(scheme.names)}")
    lacking = [str(layer) for layer in layers if layer not in base.layers]
    if lacking:
        raise SmrfrError(f"the base model {base_model} has no model of layer(s) {', '.join(lacking)}: train "
                         f"only its layers ({', '.join(map(str, base.layers))}) or give a base with them")
    return base


def layer_facts(fit: CascadeFit, layer: int) -> dict:
    """What ``model.json`` records of a fitted layer: its parameters, anchor, and quantile widening with
    the rule that gave it (bundles of the earlier row-pooled rule have none)."""
    facts = {"params": fit.params[layer], "anchor": fit.anchors[layer]}
    if layer in fit.quantile_widening:
        facts |= {"quantile_widening": fit.quantile_widening[layer], "quantile_widening_rule": WIDENING_RULE}
    return facts


def conformal_widening(low: np.ndarray, high: np.ndarray, target: np.ndarray, stations: np.ndarray) -> float:
    """How much to widen the held-out quantile band ``[low, high]`` so that it holds the share
    ``c`` = q90 - q10 of the targets ``y`` on a random day at a station the model never saw
    (conformalised quantile regression, Romano et al. 2019, calibrated by station: the pooled CDFs of
    Dunn, Wasserman & Ramdas 2023, with the finite-sample term of Lee, Barber & Willett 2023)::

        E_i = max(low_i - y_i, y_i - high_i);  F(s) = (1/K) sum_k (share of the E_i of station k <= s)
        w = the smallest E_i with F(E_i) >= c (K + 1) / K

    over the samples where all three are finite, K the ``stations`` among them. A station counts once
    whatever its number of days, and K, not the number of days, sets the finite-sample term: errors
    share each station's offset, so its days are not independent draws. If the K stations and a new
    one are exchangeable, the new one's day is inside ``[low - w, high + w]`` with probability >= c.
    With fewer than :data:`BAND_STATIONS` = c / (1 - c) = 4 stations no finite w assures that: w is then
    the largest E_i. With one station per sample this is the ``ceil((n + 1) c)``-th smallest E_i of n
    (w < 0 narrows)."""
    finite = _scored(low, high, target)
    scores = np.maximum(low[finite] - target[finite], target[finite] - high[finite])
    if not len(scores):
        return 0.0
    _, station, days = np.unique(np.asarray(stations)[finite], return_inverse=True, return_counts=True)
    order = np.argsort(scores, kind="stable")
    cumulative = np.cumsum(1.0 / days[station[order]])  # K F(s) at each sorted score
    needed = np.searchsorted(cumulative, BAND_COVERAGE * (len(days) + 1) - 1e-9)
    return float(scores[order][min(needed, len(scores) - 1)])


def _scored(low: np.ndarray, high: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The held-out samples :func:`conformal_widening` scores: where the band and the target are known."""
    return np.isfinite(low) & np.isfinite(high) & np.isfinite(target)


def _grid_search(regression: _Regression, stations: np.ndarray, folds: int) -> dict:
    """Best parameters of :data:`PARAM_GRIDS` for the training rows of ``regression`` by k-fold CV grouped by
    station (RMSE)."""
    from sklearn.model_selection import GridSearchCV, GroupKFold

    algorithm, params, seed = regression.algorithm, regression.params, regression.seed
    train = regression.train
    matrix, target, groups = regression.matrix[train], regression.target[train], stations[train]
    rows = np.random.default_rng(seed).permutation(len(target))[:GRID_SEARCH_ROWS]
    n_groups = len(np.unique(groups[rows]))
    if n_groups < 2:
        raise SmrfrError("the grid search needs samples from at least 2 stations")
    search = GridSearchCV(make_estimator(algorithm, params, seed, fit_threads(algorithm, len(rows))),
                          PARAM_GRIDS[algorithm],
                          cv=GroupKFold(n_splits=min(folds, n_groups)), scoring="neg_root_mean_squared_error")
    search.fit(matrix[rows], target[rows], groups=groups[rows])
    return dict(search.best_params_)


def predictions_table(samples: pd.DataFrame, fit: CascadeFit, scheme: LayerScheme, layers: list[int],
                      reference_base: str = "era5sm") -> pd.DataFrame:
    """Long table layer, station_id, date, estimate (out-of-fold), target, reference (reanalysis) and,
    where the samples have a base model's estimates (:func:`.infer.with_base_estimates`), base."""
    parts = []
    for layer in layers:
        target = samples[target_column(layer)]
        reference, base = layer_tag(reference_base, layer), base_feature(scheme[layer - 1].name)
        part = pd.DataFrame({"layer": layer, "station_id": samples["station_id"], "date": samples["date"],
                             "estimate": fit.oof[scheme[layer - 1].name], "target": target,
                             "reference": samples[reference] if reference in samples else np.nan})
        if base in samples:
            part["base"] = samples[base]
        parts.append(part[target.notna() & part["estimate"].notna()])
    return pd.concat(parts, ignore_index=True)


def train_model(cube: str | Path, stations: str | Path, out: str | Path, layers=None, cv: str = "station",
                folds: int = 5, algorithm: str | None = None, params: dict | None = None,
                preset: str = "default", grid_search: bool = False, importance: bool = True,
                only_passed: bool = True, cascade: bool = True, block_size: float | None = None,
                anchor: str | None = None, seed: int = 0, feedback: Feedback | None = None,
                quantiles: bool = False, base_model: str | Path | None = None, repeats: int = 1) -> dict:
    """Train the per-layer cascade on the cube at the screened stations and write the bundle ``out``
    (models, ``model.json``, ``cv_report.csv``, ``cv_predictions.csv``, ``importance.csv``/``.png``).
    ``anchor`` None takes the preset's (:func:`preset_anchor`), ``"none"`` learns soil moisture itself.
    With ``base_model`` (a bundle of the same layer scheme with every trained layer) each layer also gets
    the base model's estimate of it as a predictor (:func:`.features.base_feature`): the new model
    learns a correction of the base one from these stations. The bundle keeps a copy of the base in
    ``base/``, which inference runs first.
    ``quantiles`` also fits and saves per layer 10 % and 90 % quantile models (``layer<N>_q10``,
    ``layer<N>_q90``), the uncertainty of a boosted model at inference; a forest has its spread across
    trees instead and is refused with ``quantiles`` (:class:`SmrfrError`).
    ``repeats`` > 1 repeats the cross-validation with the fold seeds ``seed + 1``, ``seed + 2``...: the
    report is then the mean over the dealings (:func:`.cv.summarise_repeats`), ``cv_repeats.csv`` has each
    one; the bundle and ``cv_predictions.csv`` are those of the first dealing (fold seed ``seed``).

    Returns ``{"bundle", "report" (DataFrame), "importance" (DataFrame), "repeats" (DataFrame or None)}``."""
    feedback = feedback or Feedback()
    algorithm = _checked_algorithm(preset, algorithm, params, quantiles)
    check_design(cv, folds, repeats, block_size)
    check_apart(out, cube, stations, base_model)
    cube_path, out = Path(cube), check_target(out, MODEL_BUNDLE)  # before the work, not after
    ds = open_cube(cube_path)
    scheme, predictors = cube_scheme(ds), cube_predictors(ds)
    layers = parse_layers(layers, scheme)
    anchor = preset_anchor(preset, anchor, predictors, layers)
    base = load_base(base_model, ds, cube_path, scheme, layers) if base_model else None
    if anchor:
        feedback.info(f"each layer's model learns the departure from its {anchor} predictor")
    samples = station_samples(ds, stations, layers, only_passed, feedback.span(0.0, 0.1))
    if base:
        samples = with_base_estimates(base, samples)
    extra = {layer: base_feature(scheme[layer - 1].name) for layer in layers} if base else None
    if cv == "block":
        block_size = default_block_size(samples) if block_size is None else block_size
        feedback.info(f"spatial blocks of {block_size:.4g} deg")
    fit, predictions, report, repeated = _cross_validate(
        samples, predictors, scheme, layers, cv, folds, block_size, list(range(seed, seed + repeats)),
        ("reference", "base") if base else ("reference",), importance, quantiles, feedback,
        algorithm=algorithm, params=params, preset=preset, cascade=cascade, grid_search=grid_search,
        extra_features=extra, anchor=anchor, seed=seed)
    info = {
        "training": {"cube": str(cube_path.resolve()), "stations_file": str(Path(stations).resolve()),
                     "cube_predictors": predictors, "preset": preset, "only_passed": only_passed,
                     "cascade": cascade, "anchor": anchor,
                     "base_model": str(Path(base_model).resolve()) if base else None,
                     "quantiles": dict(QUANTILES) if quantiles else None,
                     **_coverage(cube_grid(ds), samples)},
        "cv": {"design": cv, "folds": folds, "seed": seed, "repeats": repeats,
               **({"block_size": block_size} if cv == "block" else {}),
               "scores": report.to_dict(orient="records")},
        "per_layer": {layer: {**layer_facts(fit, layer),
                              "samples": int(samples[target_column(layer)].notna().sum()),
                              "stations": layer_stations(samples, layer)}
                      for layer in layers},
    }
    with atomic_output(out, kind=MODEL_BUNDLE) as tmp:
        tmp.mkdir()
        _write_reports(tmp, report, predictions, repeated, fit.importance)
        save_bundle(tmp, fit.models, fit.features, scheme, algorithm, info, fit.quantile_models, base)
    feedback.progress(1.0, f"model bundle written to {out}")
    return {"bundle": out, "report": report, "importance": fit.importance, "repeats": repeated}


def _checked_algorithm(preset: str, algorithm: str | None, params: dict | None, quantiles: bool) -> str:
    """The algorithm to train (``algorithm``, or the ``preset``'s), refused before any work when its package
    is missing or it cannot take ``params`` or ``quantiles``."""
    algorithm = check_installed(preset_algorithm(preset, algorithm))
    check_params(algorithm, params)
    if quantiles:
        check_quantiles(algorithm)
    return algorithm


def _cross_validate(samples: pd.DataFrame, predictors: list[str], scheme: LayerScheme, layers: list[int],
                    cv: str, folds: int, block_size: float | None, seeds: list[int],
                    references: tuple[str, ...], importance: bool, quantiles: bool, feedback: Feedback,
                    **options) -> tuple:
    """The cascade cross-validated once per fold seed of ``seeds`` (``options`` go to :func:`fit_cascade`),
    its scores logged: ``(fit, predictions, report, repeats)``, the first dealing's fit (with the final
    models) and held-out predictions, the report (the mean over the dealings with more than one seed) and
    the table of each dealing (None with one seed)."""
    reports = []
    for number, fold_seed in enumerate(seeds):
        step = feedback.span(0.1 + 0.85 * number / len(seeds), 0.1 + 0.85 * (number + 1) / len(seeds))
        if len(seeds) > 1:
            step.info(f"cross-validation {number + 1} of {len(seeds)} (fold seed {fold_seed})")
        first = number == 0  # the dealing whose out-of-fold estimates train the bundle's lower layers
        folds_of = assign_folds(samples, cv, folds, fold_seed, block_size)
        dealt = fit_cascade(samples, predictors, scheme, layers, folds_of, importance=importance and first,
                            feedback=step, quantiles=quantiles and first, final=first, **options)
        held_out = predictions_table(samples, dealt, scheme, layers)
        reports.append(skill_report(held_out, references))
        if first:
            fit, predictions = dealt, held_out
            # the later dealings score the bundle's configuration: the first one's tuned parameters
            options |= {"grid_search": False, "params_of": fit.params}
    report, repeated = summarise_repeats(reports, seeds) if len(seeds) > 1 else (reports[0], None)
    for row in report.itertuples():
        base_score = f", base model {row.ubrmse_base:.4f}" if "base" in references else ""
        spread = (f" (mean of {len(seeds)} dealings, range {row.ubrmse_min:.4f}-{row.ubrmse_max:.4f})"
                  if len(seeds) > 1 else "")
        feedback.info(f"layer {row.layer} ({cv} CV): ubRMSE {row.ubrmse:.4f}{spread} (reanalysis "
                      f"{row.ubrmse_reference:.4f}{base_score}), R {row.r:.3f}, bias {row.bias:+.4f}, "
                      f"{row.stations} stations")
    return fit, predictions, report, repeated


def _coverage(grid, samples: pd.DataFrame) -> dict:
    """What ``model.json`` records of where and when a model trained: the cube's grid, the samples' extent
    and period."""
    return {"grid": {"west": grid.west, "south": grid.south, "east": grid.east, "north": grid.north,
                     "resolution": grid.resolution},
            "extent": [float(samples["lon"].min()), float(samples["lat"].min()),
                       float(samples["lon"].max()), float(samples["lat"].max())],
            "period": [str(samples["date"].min().date()), str(samples["date"].max().date())]}


def _write_reports(folder: Path, report: pd.DataFrame, predictions: pd.DataFrame,
                   repeated: pd.DataFrame | None, importance: pd.DataFrame) -> None:
    """The training's tables in the bundle ``folder``: the CV report, its held-out predictions, each dealing
    (with repeats) and the importance with its chart (when computed)."""
    report.to_csv(folder / "cv_report.csv", index=False)
    predictions.to_csv(folder / "cv_predictions.csv", index=False, float_format="%.5f")
    if repeated is not None:
        repeated.to_csv(folder / "cv_repeats.csv", index=False)
    if not importance.empty:
        importance.to_csv(folder / "importance.csv", index=False)
        importance_chart(importance, folder / "importance.png")
