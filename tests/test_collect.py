import gc
import threading

import pytest

from sitrep_extract import extract
from sitrep_extract.collect import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def keep_thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_raises_the_young_threshold_inside_and_restores_it():
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_restores_after_an_exception():
    gc.set_threshold(700, 10, 10)
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_blocks_restore_only_at_the_outermost_exit():
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        with fewer_collections():
            pass
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_caller_threshold_and_a_disabled_collector_are_kept():
    gc.set_threshold(10 * YOUNG_THRESHOLD, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == 10 * YOUNG_THRESHOLD
    gc.set_threshold(0)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_overlapping_threads_restore_the_callers_thresholds():
    gc.set_threshold(700, 10, 10)
    inside, release = threading.Barrier(2), threading.Event()

    def hold():
        with fewer_collections():
            inside.wait()
            release.wait()

    worker = threading.Thread(target=hold)
    worker.start()
    with fewer_collections():
        inside.wait()
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # the worker is still inside
    release.set()
    worker.join()
    assert gc.get_threshold() == (700, 10, 10)


def test_extracting_text_leaves_the_thresholds_as_they_were():
    gc.set_threshold(700, 10, 10)
    extract("SITUATION REPORT\n\nHIGHLIGHTS\n\n- One item.\n")
    assert gc.get_threshold() == (700, 10, 10)
