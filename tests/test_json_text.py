"""`json_text.dumps` writes exactly what `json.dumps(..., ensure_ascii=False, indent=2)` does."""

from __future__ import annotations

import json

import pytest

from sr_tui.core.json_text import dumps
from sr_tui.core.templates.catalog import load_catalog

VALUES = [
    [],
    {},
    "",
    [[], {}, [[]], {"a": {}}],
    {"id": "A1", "fields": [], "title_zh": "新工单已接收"},
    ['quote " backslash \\ tab \t newline \n nul \x00 del \x7f', "\u2028\u2029", "\ud800"],
    {"n": 0, "big": 10**30, "neg": -5, "t": True, "f": False, "none": None},
    [{"a": [1, [2, [3, {"b": ["c"]}]]]}],
    {"ключ": "значение", "": ""},
    # Left to json.dumps itself: floats, tuples, keys that are not strings.
    [1.5, float("inf"), -0.0],
    {"t": (1, 2)},
    {1: "one", None: "none", 2.5: "x"},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_same_text_as_the_standard_library(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_the_template_list_is_the_same_text(tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_CACHE", str(tmp_path))
    rows = [
        {**t.__dict__, "keywords": list(t.keywords), "fields": list(t.field_ids), "path": None}
        for t in load_catalog([]).templates
    ]
    assert len(rows) == 31
    assert dumps(rows) == json.dumps(rows, ensure_ascii=False, indent=2)


def test_an_unknown_type_is_refused_like_json_does():
    with pytest.raises(TypeError):
        dumps({"x": object()})
