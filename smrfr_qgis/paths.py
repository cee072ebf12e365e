"""Where the plugin's metadata, icons and translations are (installed plugin or checkout)."""

from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: Folder holding metadata.txt, resources/ and i18n/: the plugin folder once installed, the
#: repository root in a checkout.
ROOT = _HERE if (_HERE / "metadata.txt").exists() else _HERE.parent


def resource(name: str) -> str:
    return str(ROOT / "resources" / name)


def translation(locale: str) -> str:
    """Compiled translation for ``locale``: exact (``pt_BR``), else the language (``pt``, ``pt_*``)."""
    language = locale.split("_")[0]
    folder = ROOT / "i18n"
    candidates = [folder / f"smrfr_{locale}.qm", folder / f"smrfr_{language}.qm",
                  *sorted(folder.glob(f"smrfr_{language}_*.qm"))]
    return next((str(path) for path in candidates if path.exists()), "")
