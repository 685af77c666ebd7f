"""The collector during start (`start_gc`): paused by the launcher, resumed (what exists
frozen) once; never touched when nothing paused it."""

from __future__ import annotations

import gc

import pytest

from sr_tui import start_gc


@pytest.fixture
def collector():
    """The collector as the test found it, afterwards: on, nothing frozen by the test."""
    frozen = gc.get_freeze_count()
    yield
    start_gc._paused = False
    if gc.get_freeze_count() > frozen:
        gc.unfreeze()
    gc.enable()


def test_pause_stops_collection_and_resume_freezes_what_exists(collector):
    start_gc.pause()
    assert not gc.isenabled() and start_gc.paused()
    made = [[object()] for _ in range(10)]  # made while paused: part of the start
    start_gc.resume()
    assert gc.isenabled() and not start_gc.paused()
    assert gc.get_freeze_count() >= len(made)
    before = gc.get_freeze_count()
    start_gc.resume()  # a second resume changes nothing
    assert gc.get_freeze_count() == before


def test_resume_without_pause_leaves_the_collector_alone(collector):
    before = gc.get_freeze_count()
    start_gc.resume()
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_pause_leaves_a_collector_someone_else_stopped(collector):
    gc.disable()
    start_gc.pause()
    start_gc.resume()  # not ours to restart
    assert not gc.isenabled()
