"""Every SMRFR Processing algorithm: each module of this package defines SmrfrAlgorithm subclasses."""

import importlib
import inspect
import pkgutil

from ..base import SmrfrAlgorithm


def algorithm_classes() -> list[type]:
    classes = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        classes += [cls for _, cls in inspect.getmembers(module, inspect.isclass)
                    if issubclass(cls, SmrfrAlgorithm) and cls.__module__ == module.__name__]
    return sorted(classes, key=lambda cls: cls.algorithm_id)
