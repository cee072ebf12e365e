"""Translation helpers.

Strings are marked with ``tr("...")`` where they are shown and with ``QT_TR_NOOP("...")`` where they
are defined as data (labels, help texts); ``pylupdate5`` extracts both into the ``@default`` context.
"""

from __future__ import annotations

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QT_TR_NOOP, QCoreApplication, QLocale, QTranslator

from .paths import translation

CONTEXT = "@default"
__all__ = ["QT_TR_NOOP", "tr", "install_translator", "user_locale"]


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def user_locale() -> str:
    """The QGIS user interface locale (``locale/userLocale``), e.g. ``zh_CN``."""
    value = QgsSettings().value("locale/userLocale", "") or QLocale().name()
    return str(value)


def install_translator(locale: str = "") -> QTranslator | None:
    """Load and install the plugin translation for ``locale`` (default: the user's); None if none."""
    path = translation(locale or user_locale())
    if not path:
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
