import pytest

from smrfr_engine.feedback import Cancelled, Feedback


class Recorder(Feedback):
    def __init__(self, cancel_after=None):
        self.percents, self.messages, self.cancel_after = [], [], cancel_after

    def on_progress(self, percent):
        self.percents.append(percent)

    def on_message(self, message, level="info"):
        self.messages.append((level, message))

    def is_cancelled(self):
        return self.cancel_after is not None and len(self.percents) >= self.cancel_after


def test_span_maps_sub_progress_onto_the_parent_range():
    parent = Recorder()
    child = parent.span(0.5, 0.75)
    child.progress(0.0, "start")
    child.progress(1.0)
    assert parent.percents == [50.0, 75.0]
    assert parent.messages == [("info", "start")]


def test_progress_is_clamped_and_warnings_are_tagged():
    feedback = Recorder()
    feedback.progress(1.7)
    feedback.warning("careful")
    assert feedback.percents == [100.0]
    assert feedback.messages == [("warning", "careful")]


def test_cancel_raises_at_the_next_progress_report_even_through_spans():
    feedback = Recorder(cancel_after=2)
    child = feedback.span(0, 1).span(0, 0.5)
    child.progress(0.1)
    child.progress(0.2)
    with pytest.raises(Cancelled):
        child.progress(0.3)
