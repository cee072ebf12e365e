"""User CSV tables as spreadsheets write them: one reader for every command that takes a table.

Separated by commas, semicolons or tabs (read from the header line); UTF-8, with or without the byte-order
mark Excel writes, else Windows-1252 (Excel's "CSV" in Western locales, e.g. ``Estação``). In a file
separated by semicolons or tabs, a column whose values are all numbers, some written with a decimal comma
(``0,25``, as Excel writes them in Brazil or Germany), is read as numbers; a comma-separated file has no
decimal commas (Excel writes ``;`` where the comma is the decimal separator). Identifier columns are
read as text, as written (``0123`` stays ``0123``, ``12,5`` is not a number).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .errors import SmrfrError

#: the text encodings tried, in order
ENCODINGS = ("utf-8-sig", "cp1252")
#: a number written with a decimal comma (or an integer), as a whole cell
DECIMAL_COMMA = re.compile(r"\s*[-+]?(\d+(,\d*)?|,\d+)([eE][-+]?\d+)?\s*")


def decode(path: Path, what: str) -> str:
    """The text of ``path`` in the first of :data:`ENCODINGS` that decodes it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SmrfrError(f"{what} {path} cannot be read: {error.strerror}") from None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\0" in text:  # pandas cuts a cell at a NUL: 'S<NUL>B' and 'S<NUL>C' became one station 'S'
            line = text.count("\n", 0, text.index("\0")) + 1
            raise SmrfrError(f"{what} {path} holds a NUL byte on line {line}, which no text table holds (a "
                             "UTF-16 file?): save it as CSV UTF-8")
        return text
    raise SmrfrError(f"{what} {path} is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8")


def separator(header: str) -> str:
    """The separator of a CSV file from its header line: ``,``, ``;`` or a tab (``,`` when it has none)."""
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def decimal_commas(frame: pd.DataFrame, text: Sequence[str] = ()) -> pd.DataFrame:
    """``frame`` with every text column (but those named in ``text``) whose values are all numbers, some of
    them with a decimal comma, as numbers."""
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) or column in text:
            continue
        present = values.dropna().astype(str)
        if (len(present) and present.str.contains(",", regex=False).any()
                and present.str.fullmatch(DECIMAL_COMMA).all()):
            frame[column] = pd.to_numeric(values.str.replace(",", ".", regex=False).str.strip())
    return frame


def read_csv(path: str | Path, what: str = "table", text: Sequence[str] = ()) -> pd.DataFrame:
    """A CSV file as a DataFrame (see the module), or :class:`SmrfrError` naming ``what`` and the file.
    The columns named in ``text`` (identifiers), where present, are read as text as written."""
    path = Path(path)
    if not path.is_file():
        raise SmrfrError(f"{what} {path} does not exist")
    content = decode(path, what)
    sep = separator(content.split("\n", 1)[0])
    try:
        frame = pd.read_csv(io.StringIO(content), sep=sep, dtype=dict.fromkeys(text, str))
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as error:
        raise SmrfrError(f"{what} {path} is not a readable CSV file: {error}") from None
    return frame if sep == "," else decimal_commas(frame, text)
