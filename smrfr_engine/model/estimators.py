"""One factory for the regressors of the cascade and the safe file format of each.

| algorithm | estimator | file | loaded by |
|---|---|---|---|
| ``rf`` | scikit-learn RandomForestRegressor | ``.skops`` | skops with an explicit trusted-type list |
| ``extratrees`` | scikit-learn ExtraTreesRegressor | ``.skops`` | same |
| ``lightgbm`` | LightGBM LGBMRegressor | ``.txt`` (LightGBM text model) | ``lightgbm.Booster(model_file=)`` |
| ``xgboost`` | XGBoost XGBRegressor | ``.ubj`` (XGBoost UBJSON) | ``XGBRegressor.load_model`` |

None of these formats runs code when loaded (no pickle). Uncertainty (spread across trees) exists
for the forests only: boosted trees are not an ensemble of equal estimates, so ``--uncertainty``
with ``lightgbm``/``xgboost`` is refused with a message (quantile models would be the way there).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import SmrfrError

ALGORITHMS = ("rf", "extratrees", "lightgbm", "xgboost")
FORESTS = ("rf", "extratrees")
#: practical defaults: small fast models (see docs/performance-probe: >100 trees buy little)
DEFAULT_PARAMS = {
    "rf": {"n_estimators": 120, "max_depth": 24, "min_samples_leaf": 5, "max_features": 0.5,
           "max_samples": 0.3},
    "extratrees": {"n_estimators": 120, "max_depth": 24, "min_samples_leaf": 5, "max_features": 0.7},
    "lightgbm": {"n_estimators": 400, "num_leaves": 63, "learning_rate": 0.05, "subsample": 0.8,
                 "subsample_freq": 1, "colsample_bytree": 0.8, "min_child_samples": 20},
    "xgboost": {"n_estimators": 400, "max_depth": 8, "learning_rate": 0.05, "subsample": 0.8,
                "colsample_bytree": 0.8, "tree_method": "hist"},
}
#: the SMRFR paper's forest (several GB per layer: for reference, not for a laptop)
PUBLISHED_PARAMS = {"n_estimators": 1100, "max_depth": 560, "min_samples_leaf": 1, "max_features": 1.0,
                    "max_samples": None}
#: the only non-default types a forest file may contain
TRUSTED_SKOPS_TYPES = ["sklearn.tree._tree.Tree"]
SUFFIX = {"rf": ".skops", "extratrees": ".skops", "lightgbm": ".txt", "xgboost": ".ubj"}


def check_algorithm(algorithm: str) -> str:
    if algorithm not in ALGORITHMS:
        raise SmrfrError(f"unknown algorithm {algorithm!r}: use one of {', '.join(ALGORITHMS)}")
    return algorithm


def estimator_params(algorithm: str, params: dict | None = None, preset: str = "default") -> dict:
    """Defaults of ``algorithm`` (or the ``published`` preset for rf) updated with ``params``."""
    check_algorithm(algorithm)
    if preset not in ("default", "published"):
        raise SmrfrError(f"unknown preset {preset!r}: use default or published")
    if preset == "published" and algorithm != "rf":
        raise SmrfrError("the published preset is the SMRFR Random Forest: use it with algorithm rf")
    base = PUBLISHED_PARAMS if preset == "published" else DEFAULT_PARAMS[algorithm]
    return {**base, **(params or {})}


def make_estimator(algorithm: str, params: dict | None = None, seed: int = 0, n_jobs: int = -1):
    """A fresh regressor of ``algorithm`` with :func:`estimator_params` defaults updated by ``params``."""
    params = estimator_params(algorithm, params)
    try:
        if algorithm == "rf":
            from sklearn.ensemble import RandomForestRegressor

            return RandomForestRegressor(**params, random_state=seed, n_jobs=n_jobs)
        if algorithm == "extratrees":
            from sklearn.ensemble import ExtraTreesRegressor

            return ExtraTreesRegressor(**params, random_state=seed, n_jobs=n_jobs)
        if algorithm == "lightgbm":
            from lightgbm import LGBMRegressor

            return LGBMRegressor(**params, random_state=seed, n_jobs=n_jobs, verbose=-1)
        from xgboost import XGBRegressor

        return XGBRegressor(**params, random_state=seed, n_jobs=n_jobs)
    except TypeError as error:
        raise SmrfrError(f"bad {algorithm} parameter: {error}") from None


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
    return model


def predict_with_spread(estimator, features: np.ndarray, algorithm: str) -> tuple[np.ndarray, np.ndarray]:
    """Forest mean and spread across trees: sd = sqrt(mean_t(p_t^2) - mean_t(p_t)^2), accumulated tree by
    tree so memory stays at two arrays of the block's size."""
    if algorithm not in FORESTS:
        raise SmrfrError(f"uncertainty (spread across trees) needs a forest (rf or extratrees); this model "
                         f"is {algorithm}")
    total = np.zeros(len(features))
    squares = np.zeros(len(features))
    for tree in estimator.estimators_:
        values = tree.predict(features)
        total += values
        squares += values * values
    count = len(estimator.estimators_)
    mean = total / count
    return mean, np.sqrt(np.maximum(squares / count - mean * mean, 0.0))
