import pytest
from recorder import Recorder

from smrfr_engine.feedback import Cancelled


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
    feedback = Recorder(checks=2)
    child = feedback.span(0, 1).span(0, 0.5)
    child.progress(0.1)
    child.progress(0.2)
    with pytest.raises(Cancelled):
        child.progress(0.3)
