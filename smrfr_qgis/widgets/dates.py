"""Date range with calendar pop-ups, checked against the dates a product holds."""

from __future__ import annotations

import datetime as dt

from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..i18n import tr


def date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class DateRangeWidget(QWidget):
    changed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.available: tuple[dt.date, dt.date] | None = None
        self.start_edit, self.end_edit = date_edit(), date_edit()
        self.info = QLabel(tr("Available dates: unknown until a product is chosen"))
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("From")))
        row.addWidget(self.start_edit)
        row.addWidget(QLabel(tr("to")))
        row.addWidget(self.end_edit)
        row.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.info)
        self.start_edit.dateChanged.connect(self.changed)
        self.end_edit.dateChanged.connect(self.changed)

    def set_range(self, start: dt.date, end: dt.date) -> None:
        self.start_edit.setDate(QDate(start))
        self.end_edit.setDate(QDate(end))

    def range(self) -> tuple[dt.date, dt.date]:
        return self.start_edit.date().toPyDate(), self.end_edit.date().toPyDate()

    def set_available(self, first: dt.date, last: dt.date) -> None:
        """Limit the calendars to ``first..last`` and keep the chosen range inside it."""
        self.available = (first, last)
        start, end = self.range()
        for edit in (self.start_edit, self.end_edit):
            edit.setDateRange(QDate(first), QDate(last))
        if not first <= start <= last or not first <= end <= last:
            self.set_range(first, last)
        self.info.setText(tr("Available dates: {0} to {1}").format(first.isoformat(), last.isoformat()))

    def validate(self) -> str:
        """An error message, or an empty string when the range is usable."""
        start, end = self.range()
        if start > end:
            return tr("The start date {0} is after the end date {1}.").format(start, end)
        if self.available and (start < self.available[0] or end > self.available[1]):
            return tr("The product holds {0} to {1} only.").format(*self.available)
        return ""
