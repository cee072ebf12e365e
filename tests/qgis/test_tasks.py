"""Algorithms run in background tasks: results on the main thread, progress, cancel, errors reported."""

import threading

import pytest
from qgis.core import Qgis, QgsApplication
from smrfr_test_algorithms import registered_test_provider

from smrfr_qgis.tasks import guarded, run_algorithm


@pytest.fixture()
def provider(qgis_app, qgis_iface):
    qgis_iface.messageBar().clear_messages()
    with registered_test_provider() as test_provider:
        yield test_provider


def test_run_reports_progress_and_delivers_results_on_the_main_thread(provider, qgis_iface):
    seen = {}
    progress = []

    def on_finished(results):
        seen["results"] = results
        seen["main_thread"] = threading.current_thread() is threading.main_thread()

    run = run_algorithm("smrfrtest:count", {"STEPS": 4, "DELAY": 0.01}, qgis_iface, on_finished)
    run.progressChanged.connect(progress.append)
    assert run.wait(20)
    assert run.ok and seen["results"]["DONE"] == 4 and seen["main_thread"]
    assert progress and max(progress) <= 100
    assert qgis_iface.messageBar().get_messages(Qgis.Critical) == []


def test_cancel_stops_the_engine_within_a_step(provider, qgis_iface):
    finished = []
    run = run_algorithm("smrfrtest:count", {"STEPS": 2000, "DELAY": 0.01}, qgis_iface, finished.append)
    run.progressChanged.connect(lambda _: run.cancel())
    assert run.wait(20), "the run did not stop after cancel"
    assert run.cancelled and not run.ok and finished == []
    assert QgsApplication.taskManager().countActiveTasks() == 0
    assert qgis_iface.messageBar().get_messages(Qgis.Critical) == []


def test_user_error_goes_to_the_message_bar_with_the_engine_message(provider, qgis_iface):
    run = run_algorithm("smrfrtest:count", {"STEPS": -1}, qgis_iface)
    assert run.wait(20) and not run.ok
    assert "STEPS must be >= 0, got -1" in run.error
    messages = qgis_iface.messageBar().get_messages(Qgis.Critical)
    assert len(messages) == 1 and "STEPS must be >= 0, got -1" in messages[0]
    assert "Traceback" not in messages[0]


def test_missing_package_refuses_to_start_with_the_can_execute_message(provider, qgis_iface):
    assert run_algorithm("smrfrtest:needsmissing", {}, qgis_iface) is None
    messages = qgis_iface.messageBar().get_messages(Qgis.Critical)
    assert len(messages) == 1 and "smrfr_package_that_does_not_exist" in messages[0]


def test_unknown_algorithm_and_failing_result_handler_are_reported(provider, qgis_iface):
    assert run_algorithm("smrfr:nosuchthing", {}, qgis_iface) is None
    assert not guarded(qgis_iface, lambda: 1 / 0)
    messages = qgis_iface.messageBar().get_messages(Qgis.Critical)
    assert len(messages) == 2 and "smrfr:nosuchthing" in messages[0] and "division by zero" in messages[1]


def test_a_run_its_caller_drops_still_finishes_and_delivers(provider, qgis_iface):
    # the Load dialog keeps only its latest product description (smrfr:info): an earlier run it dropped was
    # freed with its Processing feedback while the task ran, and QGIS crashed (QgsProcessingAlgRunnerTask::run
    # connecting to the deleted feedback)
    import gc
    import time

    finished = []
    for steps in (3, 4):  # neither run is kept
        run_algorithm("smrfrtest:count", {"STEPS": steps, "DELAY": 0.01}, qgis_iface, finished.append)
    gc.collect()
    deadline = time.monotonic() + 20
    while len(finished) < 2 and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.005)
    assert sorted(results["DONE"] for results in finished) == [3, 4]
