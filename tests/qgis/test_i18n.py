"""Translations: complete in the sources, compiled, and loaded for the user's locale."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

from smrfr_qgis.i18n import install_translator, tr

I18N = Path(__file__).resolve().parents[2] / "i18n"


@pytest.mark.parametrize("locale", ["zh_CN", "pt_BR"])
def test_every_string_is_translated(locale):
    tree = ET.parse(I18N / f"smrfr_{locale}.ts")
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert unfinished == []


@pytest.mark.parametrize(("locale", "expected"), [("zh_CN", "工具"), ("pt_BR", "Ferramentas"),
                                                  ("pt", "Ferramentas")])
def test_translation_follows_the_user_locale(qgis_app, locale, expected):
    settings = QgsSettings()
    previous = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", locale)
    translator = install_translator()
    try:
        assert translator is not None
        assert tr("Tools") == expected
    finally:
        QCoreApplication.removeTranslator(translator)
        settings.setValue("locale/userLocale", previous)
    assert tr("Tools") == "Tools"


def test_every_marked_string_is_in_the_translations(tmp_path):
    """pylupdate5 finds no string in the plugin that the .ts files lack (else: `make transup`)."""
    import subprocess

    plugin = Path(__file__).resolve().parents[2] / "smrfr_qgis"
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pylupdate5", *map(str, sorted(plugin.rglob("*.py"))), "-ts", str(fresh)],
                   check=True, capture_output=True)
    marked = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    for locale in ("zh_CN", "pt_BR"):
        known = {m.findtext("source") for m in ET.parse(I18N / f"smrfr_{locale}.ts").iter("message")}
        assert sorted(marked - known) == [], locale
