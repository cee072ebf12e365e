"""Screenshots of the plugin window and each main dialog are real pictures, not blank images."""


import screenshots


def test_each_main_dialog_is_captured_and_not_blank(qgis_app, tmp_path):
    from qgis.PyQt.QtGui import QImage

    from smrfr_qgis.plugin import ACTIONS

    paths = screenshots.capture(tmp_path)
    assert sorted(p.stem for p in paths) == sorted(["main_window", *(name for name, _ in ACTIONS)])
    for path in paths:
        image = QImage(str(path)).convertToFormat(QImage.Format_Grayscale8)
        assert image.width() > 300 and image.height() > 200, path.name
        step = 4
        values = [image.pixelColor(x, y).value() for x in range(0, image.width(), step)
                  for y in range(0, image.height(), step)]
        mean = sum(values) / len(values)
        variance = sum((v - mean) ** 2 for v in values) / len(values)
        assert variance > 50, f"{path.name} looks blank (variance {variance:.1f})"
