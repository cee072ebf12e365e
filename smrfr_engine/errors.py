"""The one exception type for problems a user can fix (bad input, missing data), and helpers that word
its messages alike."""

from pathlib import Path


class SmrfrError(Exception):
    """A user-facing error whose message names the file, field or value and what is expected.

    The CLI prints it without a traceback; Processing algorithms turn it into a
    ``QgsProcessingException``.
    """


def check_range(name: str, value, valid: bool, expected: str) -> None:
    """Refuse a number given by a user unless ``valid``, in one wording for every option:
    ``holdout 1.5 is out of range: use a share between 0 and 1 (exclusive)``."""
    if not valid:
        raise SmrfrError(f"{name} {value:g} is out of range: use {expected}")


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 input``, ``2 inputs``: a count with its noun in the number it needs."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def listing(paths, shown: int = 5, whole: bool = False) -> str:
    """The first ``shown`` names of ``paths`` in order (the paths themselves when ``whole``), and how many
    there are when more: ``a.tif, b.tif, ... (12 in all)``; ``nothing`` when empty."""
    names = sorted(str(path) if whole else Path(path).name for path in paths)
    more = f", ... ({len(names)} in all)" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more or "nothing"
