"""User CSV tables as spreadsheets write them: one reader for every command that takes a table.

Separated by commas, semicolons or tabs (read from the header line); UTF-8, with or without the byte-order
mark Excel writes, else Windows-1252 (Excel's "CSV" in Western locales, e.g. ``Estação``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .errors import SmrfrError

#: the text encodings tried, in order
ENCODINGS = ("utf-8-sig", "cp1252")


def decode(path: Path, what: str) -> str:
    """The text of ``path`` in the first of :data:`ENCODINGS` that decodes it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SmrfrError(f"{what} {path} cannot be read: {error.strerror}") from None
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SmrfrError(f"{what} {path} is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8")


def separator(header: str) -> str:
    """The separator of a CSV file from its header line: ``,``, ``;`` or a tab (``,`` when it has none)."""
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read_csv(path: str | Path, what: str = "table") -> pd.DataFrame:
    """A CSV file as a DataFrame (see the module), or :class:`SmrfrError` naming ``what`` and the file."""
    path = Path(path)
    if not path.is_file():
        raise SmrfrError(f"{what} {path} does not exist")
    text = decode(path, what)
    sep = separator(text.split("\n", 1)[0])
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as error:
        raise SmrfrError(f"{what} {path} is not a readable CSV file: {error}") from None
    return frame
