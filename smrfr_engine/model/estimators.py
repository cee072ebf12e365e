"""One factory for the regressors of the cascade and the safe file format of each.

| algorithm | estimator | file | loaded by |
|---|---|---|---|
| ``rf`` | scikit-learn RandomForestRegressor | ``.skops`` | skops with an explicit trusted-type list |
| ``extratrees`` | scikit-learn ExtraTreesRegressor | ``.skops`` | same |
| ``lightgbm`` | LightGBM LGBMRegressor | ``.txt`` (LightGBM text model) | ``lightgbm.Booster(model_file=)`` |
| ``xgboost`` | XGBoost XGBRegressor | ``.ubj`` (XGBoost UBJSON) | ``XGBRegressor.load_model`` |

None of these formats runs code when loaded (no pickle). Uncertainty comes in two kinds: a forest's
spread (standard deviation) across its trees, and for the boosted algorithms, whose trees are not an
ensemble of equal estimates, two extra models per layer fitted to the 10 % and 90 % quantiles
(:data:`QUANTILES`, ``smrfr train --quantiles``; LightGBM ``objective="quantile"``, XGBoost
``reg:quantileerror``), saved in the same file format.

Presets: ``published`` is the SMRFR paper's Random Forest (1100 trees, max_depth 560, every feature
at every split, bootstrap of all rows); ``default`` is the toolkit's choice, chosen by measurement on
the demo region (``benchmarks/bench_performance.py``, ``benchmarks/bench_model_skill.py``): LightGBM,
100 rounds of 15-leaf trees, learning the departure of soil moisture from the layer's field capacity
(``fca``), within 3 % of the published forest in station-to-station CV in every layer (better in
three) at a small fraction of its cost.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..environment import PACKAGES, require
from ..errors import SmrfrError
from .features import layer_tag

FORESTS = ("rf", "extratrees")
BOOSTED = ("lightgbm", "xgboost")
ALGORITHMS = FORESTS + BOOSTED
PRESETS = ("default", "published")
#: the per-layer predictor whose departure each preset's models learn (None: soil moisture itself).
#: Field capacity carries the level of a soil's moisture to places without stations, which trees
#: cannot do from a few dozen station levels (measured: benchmarks/bench_model_skill.py)
PRESET_ANCHORS = {"default": "fca", "published": None}
#: the algorithm of the ``default`` preset (measured: benchmarks/bench_performance.py, README "Performance")
DEFAULT_ALGORITHM = "lightgbm"
#: practical defaults per algorithm: small fast models (>100 trees bought little in a development probe)
DEFAULT_PARAMS = {
    "rf": {"n_estimators": 120, "max_depth": 24, "min_samples_leaf": 5, "max_features": 0.5,
           "max_samples": 0.3},
    "extratrees": {"n_estimators": 120, "max_depth": 24, "min_samples_leaf": 5, "max_features": 0.7},
    "lightgbm": {"n_estimators": 100, "num_leaves": 15, "learning_rate": 0.1, "subsample": 0.8,
                 "subsample_freq": 1, "colsample_bytree": 0.5, "min_child_samples": 50},
    "xgboost": {"n_estimators": 400, "max_depth": 8, "learning_rate": 0.05, "subsample": 0.8,
                "colsample_bytree": 0.8, "tree_method": "hist"},
}
#: the SMRFR paper's forest (several GB per layer: for reference, not for a laptop)
PUBLISHED_PARAMS = {"n_estimators": 1100, "max_depth": 560, "min_samples_leaf": 1, "max_features": 1.0,
                    "max_samples": None}
#: the only non-default types a forest file may contain
TRUSTED_SKOPS_TYPES = ["sklearn.tree._tree.Tree"]
#: rows per single-threaded prediction task (large enough to amortise the per-tree overhead)
CHUNK_ROWS = 131072
SUFFIX = {"rf": ".skops", "extratrees": ".skops", "lightgbm": ".txt", "xgboost": ".ubj"}
#: the module each algorithm's estimators come from (its pip name is ``environment.PACKAGES[module]``)
MODULES = {"rf": "sklearn", "extratrees": "sklearn", "lightgbm": "lightgbm", "xgboost": "xgboost"}
#: the quantile models of boosted bundles: name (the suffix of the file and the output variable) -> level
QUANTILES = {"q10": 0.1, "q90": 0.9}


def check_algorithm(algorithm: str) -> str:
    if algorithm not in ALGORITHMS:
        raise SmrfrError(f"unknown algorithm {algorithm!r}: use one of {', '.join(ALGORITHMS)}")
    return algorithm


def library(algorithm: str) -> str:
    """The pip name of the package of ``algorithm``'s estimators: ``library("rf") == "scikit-learn"``."""
    return PACKAGES[MODULES[check_algorithm(algorithm)]]


def check_installed(algorithm: str, user: str = "") -> str:
    """``algorithm`` if its package imports here, else :class:`SmrfrError` naming the package (and
    ``user``, e.g. the bundle that needs it) before any work is done."""
    user = user or f"the {algorithm} algorithm"
    require(MODULES[check_algorithm(algorithm)], user, "choose another algorithm")
    return algorithm


def preset_algorithm(preset: str = "default", algorithm: str | None = None) -> str:
    """``algorithm`` if given, else the preset's: ``rf`` for ``published``, :data:`DEFAULT_ALGORITHM`."""
    if preset not in PRESETS:
        raise SmrfrError(f"unknown preset {preset!r}: use one of {', '.join(PRESETS)}")
    if algorithm is None:
        return "rf" if preset == "published" else DEFAULT_ALGORITHM
    return check_algorithm(algorithm)


def preset_anchor(preset: str, anchor: str | None, predictors: list[str], layers: list[int]) -> str | None:
    """``anchor`` if given (``"none"``: no anchor), else the preset's when every layer has it."""
    preset_algorithm(preset)
    if anchor is not None:
        return None if anchor.strip().lower() in ("", "none") else anchor.strip()
    base = PRESET_ANCHORS[preset]
    return base if base and all(layer_tag(base, layer) in predictors for layer in layers) else None


def fit_threads(algorithm: str, rows: int) -> int:
    """Threads for training on ``rows`` samples: every core (-1), but LightGBM gets one thread per 100k
    rows (its OpenMP threads cost more than they give on small data: 40x slower measured on the demo)."""
    if algorithm != "lightgbm":
        return -1
    return max(1, min(os.cpu_count() or 1, rows // 100_000))


def estimator_params(algorithm: str, params: dict | None = None, preset: str = "default") -> dict:
    """Defaults of ``algorithm`` (or the ``published`` preset for rf) updated with ``params``."""
    check_algorithm(algorithm)
    preset_algorithm(preset)
    if preset == "published" and algorithm != "rf":
        raise SmrfrError("the published preset is the SMRFR Random Forest: use it with algorithm rf")
    base = PUBLISHED_PARAMS if preset == "published" else DEFAULT_PARAMS[algorithm]
    return {**base, **(params or {})}


def check_quantiles(algorithm: str) -> None:
    """Refuse quantile models for a forest (it has its spread across trees instead)."""
    if algorithm not in BOOSTED:
        raise SmrfrError(f"quantile models are for the boosted algorithms ({', '.join(BOOSTED)}); a "
                         f"{algorithm} forest has its spread across trees instead: train it without "
                         "quantile models (--quantiles; Processing: 'Also fit 10/90 % quantile models') and "
                         "ask for the uncertainty at inference (--uncertainty; Processing: 'Uncertainty')")


def quantile_params(algorithm: str, alpha: float) -> dict:
    """The parameters that turn a boosted regressor of ``algorithm`` into one of the ``alpha`` quantile."""
    check_quantiles(algorithm)
    if algorithm == "lightgbm":
        return {"objective": "quantile", "alpha": alpha}
    return {"objective": "reg:quantileerror", "quantile_alpha": alpha}


def make_estimator(algorithm: str, params: dict | None = None, seed: int = 0, n_jobs: int = -1):
    """A fresh regressor of ``algorithm`` with :func:`estimator_params` defaults updated by ``params``."""
    params = {"n_jobs": n_jobs, **estimator_params(algorithm, params)}
    try:
        if algorithm == "rf":
            from sklearn.ensemble import RandomForestRegressor

            return RandomForestRegressor(**params, random_state=seed)
        if algorithm == "extratrees":
            from sklearn.ensemble import ExtraTreesRegressor

            return ExtraTreesRegressor(**params, random_state=seed)
        if algorithm == "lightgbm":
            from lightgbm import LGBMRegressor

            return LGBMRegressor(**params, random_state=seed, verbose=-1)
        from xgboost import XGBRegressor

        return XGBRegressor(**params, random_state=seed)
    except TypeError as error:
        raise SmrfrError(f"bad {algorithm} parameter: {error}") from None


def check_params(algorithm: str, params: dict | None) -> None:
    """Refuse ``params`` the library refuses or ignores (a misspelt name, a value of the wrong type or
    range), before any work: a regressor with them is fitted on 40 random rows, and the boosted
    libraries' "unknown parameter" warnings, which they otherwise give and go on, are errors."""
    if not params:
        return
    rows = np.random.default_rng(0).random((40, 3))
    with _library_log(algorithm) as lines:
        try:
            make_estimator(algorithm, params, n_jobs=1).set_params(**_TALKATIVE.get(algorithm, {})).fit(
                rows, rows[:, 0])
        except SmrfrError:
            raise
        except Exception as error:  # each library has its own error types
            raise SmrfrError(f"bad {algorithm} parameters {params}: {str(error).strip()}") from None
    pattern = _UNKNOWN_NAME.get(algorithm)
    unknown = sorted({name for line in lines for name in pattern.findall(line)}) if pattern else []
    if unknown:
        raise SmrfrError(f"unknown {algorithm} parameter{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(unknown)} in {params}: check the spelling against the {algorithm} "
                         "documentation")


_TALKATIVE = {"lightgbm": {"verbose": 0}}  # settings under which a library warns of unknown names
# the names in a boosted library's warning of unknown parameters (a forest refuses them at creation)
_UNKNOWN_NAME = {"lightgbm": re.compile(r"Unknown parameter: (\S+)"),
                 "xgboost": re.compile(r'"([^"]+)"(?=[^{}]*}\s*are not used)')}


@contextmanager
def _library_log(algorithm: str):
    """The lines ``algorithm``'s library logs or warns while the block runs (LightGBM logs through the
    ``lightgbm`` Python logger, XGBoost through Python warnings)."""
    lines: list[str] = []
    logger = logging.getLogger("lightgbm")
    handler, level, propagate = _ListHandler(lines), logger.level, logger.propagate
    registered = None
    if algorithm == "lightgbm":
        import lightgbm.basic

        # LightGBM has one logger for the process: the user's own (or its printing default) is put back
        registered = (lightgbm.basic._LOGGER, lightgbm.basic._INFO_METHOD_NAME,
                      lightgbm.basic._WARNING_METHOD_NAME)
        lightgbm.register_logger(logger)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield lines
        lines.extend(str(warning.message) for warning in caught)
    finally:
        if registered:
            lightgbm.register_logger(*registered)
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


class _ListHandler(logging.Handler):
    def __init__(self, lines: list[str]):
        super().__init__()
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class BoosterRegressor:
    """A loaded LightGBM booster with the scikit-learn ``predict`` interface."""

    def __init__(self, booster):
        self.booster = booster

    def predict(self, features: np.ndarray) -> np.ndarray:
        return self.booster.predict(features)


def save_estimator(estimator, algorithm: str, path_stem: Path) -> Path:
    """Write ``estimator`` in the safe format of ``algorithm``; returns the file written."""
    path = path_stem.with_suffix(SUFFIX[algorithm])
    if algorithm in FORESTS:
        import skops.io

        skops.io.dump(estimator, path)
    elif algorithm == "lightgbm":
        booster = estimator.booster if isinstance(estimator, BoosterRegressor) else estimator.booster_
        booster.save_model(str(path))
    else:
        estimator.save_model(str(path))
    return path


def load_estimator(path: Path, algorithm: str):
    """Load a model file of ``algorithm`` without running code from it."""
    check_algorithm(algorithm)
    if algorithm in FORESTS:
        import skops.io

        untrusted = set(skops.io.get_untrusted_types(file=path)) - set(TRUSTED_SKOPS_TYPES)
        if untrusted:
            raise SmrfrError(f"model file {path} holds types that are not trusted: "
                             f"{', '.join(sorted(untrusted))}")
        return skops.io.load(path, trusted=TRUSTED_SKOPS_TYPES)
    if algorithm == "lightgbm":
        import lightgbm

        return BoosterRegressor(lightgbm.Booster(model_file=str(path)))
    from xgboost import XGBRegressor

    model = XGBRegressor()
    model.load_model(str(path))
    return model.set_params(n_jobs=1)  # threads come from predict_rows


def as_soil_moisture(values: np.ndarray) -> np.ndarray:
    """A model's output (plus its anchor) as soil moisture: never below zero, which no soil holds (a
    departure learned at wetter soils can take a dry soil's anchor below it); NaN stays NaN."""
    return np.maximum(values, 0.0)


def predict_rows(estimator, features: np.ndarray, algorithm: str, threads: int | None = None,
                 spread: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    """Estimates (float64) and, with ``spread``, the standard deviation across a forest's trees for the
    rows of ``features`` (float32), on ``threads`` threads (default: every core).

    Rows are dealt to the threads in chunks and each chunk is predicted single-threaded, so every row's
    estimate is computed the same way whatever the number of threads, processes or machines: a run
    split over a Dask cluster writes bit-identical values. Forest spread: sd = sqrt(mean_t(p_t^2) -
    mean_t(p_t)^2) over the trees t, accumulated tree by tree (two arrays of the chunk's size)."""
    if spread and algorithm not in FORESTS:
        raise SmrfrError(f"uncertainty (spread across trees) needs a forest (rf or extratrees); this model "
                         f"is {algorithm}")
    features = np.ascontiguousarray(features, dtype=np.float32)
    threads = max(1, threads or os.cpu_count() or 1)
    size = max(1024, min(CHUNK_ROWS, -(-len(features) // threads)))
    starts = range(0, len(features), size)
    mean = np.empty(len(features))
    sd = np.empty(len(features)) if spread else None

    def run(start: int) -> None:
        part = slice(start, start + size)
        values = _predict_chunk(estimator, features[part], algorithm, spread)
        mean[part] = values[0]
        if spread:
            sd[part] = values[1]

    if threads == 1 or len(starts) == 1:
        for start in starts:
            run(start)
    else:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(run, starts))
    return mean, sd


def _predict_chunk(estimator, features: np.ndarray, algorithm: str, spread: bool):
    """Single-threaded estimates of one chunk (and the forest spread)."""
    if algorithm in FORESTS:
        total = np.zeros(len(features))
        squares = np.zeros(len(features)) if spread else None
        for tree in estimator.estimators_:
            values = tree.predict(features, check_input=False)
            total += values
            if spread:
                squares += values * values
        count = len(estimator.estimators_)
        mean = total / count
        return mean, np.sqrt(np.maximum(squares / count - mean * mean, 0.0)) if spread else None
    if algorithm == "lightgbm":
        booster = estimator.booster if isinstance(estimator, BoosterRegressor) else estimator.booster_
        return booster.predict(features, num_threads=1), None
    return estimator.get_booster().inplace_predict(features), None
