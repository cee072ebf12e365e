"""Soil layer schemes (depths in cm) and the rules that map depths between them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import SmrfrError


@dataclass(frozen=True)
class Layer:
    """One soil layer: ``top``..``bottom`` cm below the surface, stored as variable ``name``."""

    name: str
    top: float
    bottom: float

    @property
    def thickness(self) -> float:
        return self.bottom - self.top

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def label(self) -> str:
        return f"{self.top:g}-{self.bottom:g} cm"

    def overlap(self, top: float, bottom: float) -> float:
        """Length in cm of the overlap between this layer and ``top..bottom``."""
        return max(0.0, min(self.bottom, bottom) - max(self.top, top))


@dataclass(frozen=True)
class LayerScheme:
    name: str
    layers: tuple[Layer, ...]

    @property
    def names(self) -> list[str]:
        return [layer.name for layer in self.layers]

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index: int) -> Layer:
        return self.layers[index]

    def overlap_weights(self, top: float, bottom: float) -> list[float]:
        """Weights of this scheme's layers for the interval ``top..bottom`` (thickness-weighted
        overlap, summing to 1): e.g. ERA5-Land for 0-10 cm is ``(7*swvl1 + 3*swvl2) / 10``.

        Raises :class:`SmrfrError` when the scheme does not cover the interval.
        """
        overlaps = [layer.overlap(top, bottom) for layer in self.layers]
        covered = sum(overlaps)
        if bottom <= top or covered < (bottom - top) - 1e-9:
            raise SmrfrError(f"{self.name} layers ({self.layers[0].top:g}-{self.layers[-1].bottom:g} cm) "
                             f"do not cover {top:g}-{bottom:g} cm")
        return [value / covered for value in overlaps]

    def layer_for_sensor(self, depth_from: float, depth_to: float) -> int | None:
        """Index of the layer a sensor measuring ``depth_from..depth_to`` cm belongs to, or None.

        Rules (documented in the README):
        - a point sensor (``depth_from == depth_to``) belongs to the layer that contains it; a depth on a
          boundary belongs to the layer above (0.05 m -> 0-5 cm), depth 0 to the first layer;
        - a sensor spanning an interval (cosmic-ray probe 0-19 cm) belongs to the layer holding the
          largest share of its interval; ties go to the upper layer;
        - a sensor outside the scheme's depths belongs to no layer.
        """
        if depth_to < depth_from:
            depth_from, depth_to = depth_to, depth_from
        if depth_from == depth_to:
            for index, layer in enumerate(self.layers):
                if layer.top < depth_from <= layer.bottom or (index == 0 and depth_from == layer.top):
                    return index
            return None
        overlaps = [layer.overlap(depth_from, depth_to) for layer in self.layers]
        best = max(overlaps)
        return overlaps.index(best) if best > 0 else None


def _scheme(name: str, bounds: list[float], names: list[str]) -> LayerScheme:
    return LayerScheme(name, tuple(Layer(n, t, b) for n, t, b in zip(names, bounds[:-1], bounds[1:])))


SCHEMES = {
    "smrfr": _scheme("smrfr", [0, 5, 10, 30, 50, 100], [f"sml{i}_p" for i in range(1, 6)]),
    "somo": _scheme("somo", [0, 10, 30, 50], ["layer1", "layer2", "layer3"]),
    "smci": _scheme("smci", list(range(0, 101, 10)), [f"{d}cm" for d in range(10, 101, 10)]),
    "era5": _scheme("era5", [0, 7, 28, 100, 289], [f"swvl{i}" for i in range(1, 5)]),
    "gssm": _scheme("gssm", [0, 5], ["ssm"]),
}


def get_scheme(spec: str) -> LayerScheme:
    """A named scheme (smrfr, somo, smci, era5, gssm) or a custom one written ``0-10,10-30,30-60``."""
    if spec in SCHEMES:
        return SCHEMES[spec]
    try:
        pairs = [tuple(float(v) for v in part.split("-")) for part in spec.split(",")]
        bounds = [pairs[0][0]] + [bottom for _, bottom in pairs]
        if any(len(p) != 2 for p in pairs) or any(a >= b for a, b in pairs) or any(
                pairs[i][1] != pairs[i + 1][0] for i in range(len(pairs) - 1)):
            raise ValueError
    except (ValueError, IndexError):
        raise SmrfrError(f"unknown layer scheme {spec!r}: use one of {', '.join(SCHEMES)} or contiguous "
                         "depth ranges in cm such as 0-10,10-30,30-60") from None
    return _scheme("custom", bounds, [f"layer{i}" for i in range(1, len(pairs) + 1)])


def layer_extras(names: Iterable[str]) -> set[str]:
    """The names that are another variable of a layer in ``names`` (``sml1_p_q10``, ``sml1_p_anomaly``:
    the layer's name, an underscore, the variable, as ``write_product`` names them), not a layer."""
    names = set(names)
    return {name for name in names if any(name.startswith(f"{other}_") for other in names - {name})}
