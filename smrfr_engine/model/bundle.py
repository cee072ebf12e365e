"""The model bundle: a folder with one model file per layer and ``model.json``.

``model.json`` records the format, algorithm and parameters, the layer scheme, per layer the model
file (and, for a boosted model trained with quantiles, ``quantile_files``: the 10 % and 90 %
quantile models ``layer<N>_q10``/``layer<N>_q90`` in the same format), the ordered feature names,
the stations used and sample count, the training extent and period, the CV design and scores, the
library versions, a SHA-256 checksum of every file of the bundle and a checksum of ``model.json``
itself. :func:`load_bundle` checks all of it and refuses a tampered or incompatible bundle with a
message; model files are loaded without pickle (see :mod:`.estimators`). A recalibrated bundle may
hold its base bundle in ``base/`` (the base model's estimates are then predictors,
``base:<layer>``).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..environment import versions
from ..errors import SmrfrError
from ..layers import Layer, LayerScheme
from .estimators import (
    FORESTS,
    QUANTILES,
    check_algorithm,
    check_installed,
    library,
    load_estimator,
    save_estimator,
)
from .features import LOCAL_FEATURE, base_feature

FORMAT = "smrfr-model-bundle/1"
MANIFEST = "model.json"
BASE_FOLDER = "base"
#: what loading reads from ``model.json``: its keys, those of each ``layers`` item and of ``scheme``,
#: with their JSON types (a layer of the scheme is ``[name, top, bottom]``)
MANIFEST_KEYS = {"algorithm": str, "scheme": dict, "layers": list, "files": dict}
LAYER_KEYS = {"layer": int, "name": str, "file": str, "features": list}
SCHEME_KEYS = {"name": str, "layers": list}
JSON_TYPES = {str: "string", dict: "object", list: "array", int: "number", float: "number", bool: "boolean",
              type(None): "null"}


@dataclass
class Bundle:
    """A loaded bundle: ``models`` and ``features`` by 1-based layer number, in cascade order."""

    path: Path
    info: dict
    scheme: LayerScheme
    algorithm: str
    models: dict[int, object]
    features: dict[int, list[str]]
    base: Bundle | None = None
    layer_names: dict[int, str] = field(default_factory=dict)
    #: per layer the predictor added to the model's output (see ``fit_cascade``), or None
    anchors: dict[int, str | None] = field(default_factory=dict)
    #: per layer the quantile models by name (``{"q10": model, "q90": model}``); empty without them
    quantile_models: dict[int, dict[str, object]] = field(default_factory=dict)
    #: per layer the widening of the quantile band found in cross-validation (``fit_cascade``)
    quantile_widening: dict[int, float] = field(default_factory=dict)

    @property
    def layers(self) -> list[int]:
        return sorted(self.models)

    def cube_predictors(self) -> list[str]:
        """Every cube predictor any layer (or the base bundle) needs."""
        names = set(self.base.cube_predictors()) if self.base else set()
        produced = {*self.scheme.names, *map(base_feature, self.scheme.names), LOCAL_FEATURE}
        for features in self.features.values():
            names |= {name for name in features if name not in produced}
        return sorted(names)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _manifest_checksum(info: dict) -> str:
    body = {key: value for key, value in info.items() if key != "manifest_sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def save_bundle(folder: Path, models: dict[int, object], features: dict[int, list[str]], scheme: LayerScheme,
                algorithm: str, info: dict, quantile_models: dict[int, dict[str, object]] | None = None,
                base: Bundle | None = None) -> dict:
    """Write ``models`` (and ``quantile_models``, per layer by name) into the existing ``folder`` and
    ``model.json`` (``info`` adds training facts) and return the manifest; a copy of the ``base`` bundle
    whose estimates the models take (its checksummed files, nothing kept beside them) goes into
    ``base/``; any other file already in ``folder`` (reports) is checksummed."""
    check_algorithm(algorithm)
    if base is not None:
        for name in (MANIFEST, *base.info["files"]):
            (folder / BASE_FOLDER / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(base.path / name, folder / BASE_FOLDER / name)
    layers = []
    for layer in sorted(models):
        path = save_estimator(models[layer], algorithm, folder / f"layer{layer}")
        item = {"layer": layer, "name": scheme[layer - 1].name, "file": path.name,
                "features": list(features[layer]), **info.get("per_layer", {}).get(layer, {})}
        if quantile_models and quantile_models.get(layer):
            item["quantile_files"] = {
                name: save_estimator(model, algorithm, folder / f"layer{layer}_{name}").name
                for name, model in quantile_models[layer].items()}
        layers.append(item)
    manifest = {
        "format": FORMAT, "smrfr_version": __version__,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "algorithm": algorithm,
        "scheme": {"name": scheme.name, "layers": [[lay.name, lay.top, lay.bottom] for lay in scheme.layers]},
        "layers": layers, "base": BASE_FOLDER if (folder / BASE_FOLDER).is_dir() else None,
        "libraries": versions(),
        **{key: value for key, value in info.items() if key != "per_layer"},
    }
    manifest["files"] = {str(path.relative_to(folder)): sha256(path) for path in sorted(folder.rglob("*"))
                         if path.is_file() and path != folder / MANIFEST}
    manifest["manifest_sha256"] = _manifest_checksum(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    return manifest


def read_manifest(path: str | Path) -> dict:
    """The ``model.json`` facts of the bundle at ``path``, checked for its format and against tampering,
    without loading a model; :class:`SmrfrError` naming the problem."""
    path = Path(path)
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise SmrfrError(f"{path} is not a model bundle: no {MANIFEST}")
    try:
        info = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as error:  # RecursionError: arrays nested thousands deep
        raise SmrfrError(f"{manifest_path} is not valid JSON: {error}") from None
    if not isinstance(info, dict):
        raise SmrfrError(f"{manifest_path} is not a bundle manifest: it holds a JSON {type(info).__name__}, "
                         "not an object")
    if info.get("format") != FORMAT:
        raise SmrfrError(f"{path}: unsupported bundle format {info.get('format')!r}; this smrfr reads "
                         f"{FORMAT}")
    if info.get("manifest_sha256") != _manifest_checksum(info):
        raise SmrfrError(f"{manifest_path} was modified after the bundle was written (checksum mismatch); "
                         "refusing the bundle")
    _check_keys(manifest_path, "", info, MANIFEST_KEYS)
    _check_keys(manifest_path, "scheme.", info["scheme"], SCHEME_KEYS)
    for index, layer in enumerate(info["scheme"]["layers"]):
        if not (isinstance(layer, list) and len(layer) == 3 and isinstance(layer[0], str)
                and all(isinstance(depth, (int, float)) for depth in layer[1:])):
            raise SmrfrError(f"{manifest_path}: scheme.layers[{index}] is {layer!r}; expected "
                             "[name, top, bottom] with depths in cm")
    for index, item in enumerate(info["layers"]):
        _check_keys(manifest_path, f"layers[{index}].", item, LAYER_KEYS)
    return info


def _check_keys(manifest_path: Path, prefix: str, entry, keys: dict) -> None:
    """:class:`SmrfrError` naming the first of ``keys`` (name -> Python type) that ``entry`` (found at
    ``prefix`` in ``model.json``) lacks or holds as another JSON type."""
    if not isinstance(entry, dict):
        raise SmrfrError(f"{manifest_path}: {prefix.rstrip('.') or 'the manifest'} is not a JSON object")
    for key, kind in keys.items():
        value = entry.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            found = "missing" if key not in entry else f"a JSON {JSON_TYPES.get(type(value), 'value')}"
            raise SmrfrError(f"{manifest_path}: {prefix}{key} is {found}; expected a JSON "
                             f"{JSON_TYPES[kind]}. The bundle was not written by smrfr train or was edited; "
                             "refusing it")


def uncertainty_kinds(algorithm: str, with_quantiles: bool) -> tuple[str, ...]:
    """The uncertainty variables (``<layer>_<kind>``) of a model of ``algorithm``: ``("sd",)`` for a forest,
    ``("q10", "q90")`` for a boosted model ``with_quantiles`` models in every layer, else none."""
    if algorithm in FORESTS:
        return ("sd",)
    return tuple(QUANTILES) if with_quantiles else ()


def bundle_uncertainty(path: str | Path) -> tuple[str, ...]:
    """:func:`uncertainty_kinds` of the bundle at ``path``, from its ``model.json`` (no model loaded)."""
    info = read_manifest(path)
    return uncertainty_kinds(info["algorithm"], all(item.get("quantile_files") for item in info["layers"]))


def load_bundle(path: str | Path) -> Bundle:
    """Load and verify a bundle; :class:`SmrfrError` naming the problem when it is tampered, incomplete
    or made for other library versions."""
    path = Path(path)
    info = read_manifest(path)
    for name, expected in info.get("files", {}).items():
        file = _inside(path, name)
        if not file.is_file():
            raise SmrfrError(f"bundle {path} is incomplete: {name} is missing")
        if sha256(file) != expected:
            raise SmrfrError(f"bundle file {file} does not match its checksum in {MANIFEST}: it was "
                             "modified; refusing the bundle")
    algorithm = check_algorithm(info["algorithm"])
    _check_library(path, algorithm, info.get("libraries", {}))
    scheme = LayerScheme(info["scheme"]["name"], tuple(Layer(*item) for item in info["scheme"]["layers"]))
    models, features, names, anchors, quantiles, widening = {}, {}, {}, {}, {}, {}

    def load(file: str):
        if file not in info.get("files", {}):
            raise SmrfrError(f"bundle {path}: model file {file} has no checksum; refusing it")
        return load_estimator(path / file, algorithm)

    for item in info["layers"]:
        models[item["layer"]] = load(item["file"])
        features[item["layer"]] = list(item["features"])
        names[item["layer"]] = item["name"]
        anchors[item["layer"]] = item.get("anchor")
        if item.get("quantile_files"):
            if sorted(item["quantile_files"]) != sorted(QUANTILES):
                raise SmrfrError(f"bundle {path}: layer {item['layer']} has quantile models "
                                 f"{', '.join(sorted(item['quantile_files']))}; this smrfr reads "
                                 f"{', '.join(QUANTILES)}")
            quantiles[item["layer"]] = {name: load(item["quantile_files"][name]) for name in QUANTILES}
            widening[item["layer"]] = float(item.get("quantile_widening", 0.0))
    base = load_bundle(_inside(path, info["base"])) if info.get("base") else None
    return Bundle(path, info, scheme, algorithm, models, features, base, names, anchors, quantiles, widening)


def _inside(path: Path, name) -> Path:
    """The file or folder ``name`` that ``model.json`` gives, refused unless it lies inside the bundle at
    ``path`` (a name with ``..``, an absolute one, a link out of the bundle or the bundle itself): loading a
    bundle reads its own files only, and training on it as a base copies no file from elsewhere."""
    inner = path / str(name)
    root, target = path.resolve(), inner.resolve()
    if not isinstance(name, str) or Path(name).is_absolute() or ".." in Path(name).parts \
            or not target.is_relative_to(root) or target == root:
        raise SmrfrError(f"bundle {path}: {MANIFEST} names {name!r}, which is not a file inside the bundle; "
                         "refusing the bundle")
    return inner


def _check_library(path: Path, algorithm: str, saved: dict) -> None:
    check_installed(algorithm, f"the model {path}")
    package = library(algorithm)
    installed, was = versions()[package], saved.get(package)
    if algorithm in FORESTS and was and was.split(".")[:2] != installed.split(".")[:2]:
        raise SmrfrError(f"bundle {path} was saved with {package} {was}; installed is {installed}: "
                         f"forests are only read by the same {package} minor version (install {was} or "
                         "retrain)")
