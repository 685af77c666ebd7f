"""The catalog loader: every shipped file valid; broken user files reported, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from sr_tui.core.templates.catalog import load_catalog
from sr_tui.core.templates.render import render

GOOD = """\
id = "Z1"
category = "A"
title = "Maintenance window"
fields = ["sr_number", "window"]
subject = "Maintenance window for {{ sr_number }}"
body = '''
Hi,

The maintenance window is {{ window }}.
'''

[field.window]
label = "Window"
kind = "text"
placeholder = "[Window]"
"""

BROKEN = {
    "bad-toml.toml": ('id = "Z2"\ntitle = "x\n', "invalid TOML", 2),
    "bad-jinja.toml": (
        'id = "Z3"\ncategory = "A"\ntitle = "t"\nfields = ["sr_number"]\n'
        "subject = \"{{ sr_number }}\"\nbody = '''\nHi,\n{% if sr_number %}\nno end\n'''\n",
        "Jinja syntax error in body",
        None,
    ),
    "undeclared.toml": (
        'id = "Z4"\ncategory = "A"\ntitle = "t"\nfields = ["sr_number"]\n'
        "subject = \"{{ sr_number }}\"\nbody = '''\nHi {{ customer_nme }},\n'''\n",
        "uses {{ customer_nme }} but 'customer_nme' is not in fields",
        7,
    ),
    "unknown-kind.toml": (
        'id = "Z5"\ncategory = "A"\ntitle = "t"\nfields = ["when"]\n'
        'subject = "{{ when }}"\nbody = "x"\n\n[field.when]\nlabel = "When"\nkind = "datetime"\n',
        "unknown kind 'datetime'",
        8,
    ),
    "unused.toml": (
        'id = "Z6"\ncategory = "A"\ntitle = "t"\nfields = ["sr_number", "bug_number"]\n'
        'subject = "{{ sr_number }}"\nbody = "x"\n',
        "field 'bug_number' is listed in fields but not used",
        4,
    ),
    "missing-keys.toml": (
        'id = "Z7"\ntitle = "t"\n',
        "missing required keys: category, fields, subject, body",
        None,
    ),
    "unknown-key.toml": (
        'id = "Z8"\ncategory = "A"\ntitle = "t"\nfields = []\nsubject = "s"\nbody = "b"\nkeyword = ["x"]\n',
        "unknown key 'keyword' (did you mean 'keywords'?)",
        7,
    ),
    "bad-category.toml": (
        'id = "Z9"\ncategory = "Q"\ntitle = "t"\nfields = []\nsubject = "s"\nbody = "b"\n',
        "unknown category 'Q'",
        2,
    ),
    "not-utf8.toml": (b"id = '\xff'\n", "not UTF-8", None),
}


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_broken_files_are_reported_by_file_and_reason_and_the_rest_load(tmp_path):
    write(tmp_path, "good.toml", GOOD)
    for name, (content, _, _) in BROKEN.items():
        write(tmp_path, name, content)
    catalog = load_catalog([tmp_path])
    by_file = {e.path.name: e for e in catalog.errors}
    assert set(by_file) == set(BROKEN)
    for name, (_, reason, line) in BROKEN.items():
        assert reason in by_file[name].message, (name, by_file[name].message)
        if line is not None:
            assert by_file[name].line == line, (name, by_file[name])
        assert str(by_file[name]).startswith(str(tmp_path / name))
    assert len(catalog.templates) == 32
    assert catalog.get("Z1").title == "Maintenance window"


def test_jinja_error_line_points_into_the_file(tmp_path):
    content, _, _ = BROKEN["bad-jinja.toml"]
    write(tmp_path, "bad-jinja.toml", content)
    (error,) = load_catalog([tmp_path]).errors
    # The body starts on line 7; the unclosed {% if %} is reported at the end of the body.
    assert error.line is not None and error.line >= 7


def test_a_user_template_with_a_builtin_id_replaces_it(tmp_path):
    write(tmp_path, "my-a1.toml", GOOD.replace('id = "Z1"', 'id = "A1"'))
    catalog = load_catalog([tmp_path])
    assert not catalog.errors
    assert len(catalog.templates) == 31
    a1 = catalog.get("A1")
    assert a1.title == "Maintenance window"
    assert a1.path == tmp_path / "my-a1.toml"
    assert render(a1, {"window": "Sat 02:00–04:00 UTC"}).body.endswith("Sat 02:00–04:00 UTC.")


def test_user_directories_come_from_the_environment(tmp_path, monkeypatch):
    write(tmp_path, "good.toml", GOOD)
    monkeypatch.setenv("SR_TUI_TEMPLATES", str(tmp_path))
    assert load_catalog().get("z1").id == "Z1"


def test_a_missing_user_directory_is_reported(tmp_path):
    catalog = load_catalog([tmp_path / "nope"])
    assert len(catalog.templates) == 31
    assert "does not exist" in catalog.errors[0].message


def test_duplicate_ids_in_one_directory(tmp_path):
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", GOOD)
    (error,) = load_catalog([tmp_path]).errors
    assert error.path.name == "b.toml" and "already used by a.toml" in error.message


def test_user_fields_file_adds_shared_fields(tmp_path):
    write(tmp_path, "fields.toml", '[window]\nlabel = "Window"\nplaceholder = "[Window]"\n')
    write(tmp_path, "good.toml", GOOD.split("[field.window]")[0])
    catalog = load_catalog([tmp_path])
    assert not catalog.errors
    assert render(catalog.get("Z1")).body.endswith("[Window].")


@pytest.mark.parametrize("template_id", ["A1", "B1", "C1", "H5"])
def test_every_template_has_both_languages_and_keywords(catalog, template_id):
    t = catalog.get(template_id)
    for text in (t.title, t.title_zh, t.when, t.when_zh, t.scenario, t.scenario_zh):
        assert text.strip()
    assert len(t.keywords) >= 4


def test_every_field_is_documented(catalog):
    for template in catalog.templates:
        for f in template.fields:
            assert f.label and f.label_zh and f.help, (template.id, f.id)


def test_timeframe_fields_offer_concrete_suggestions(catalog):
    timeframe = catalog.get("A1").field("timeframe")
    assert timeframe.kind == "timeframe"
    assert {"4 business hours", "1 business day"} <= set(timeframe.suggestions)
    status = catalog.get("A2").field("current_status")
    assert "testing a fix" in status.suggestions


@pytest.mark.parametrize(
    "source",
    [
        "{{ a }} {{ b.c }} {% for x in items %}{{ x }}{{ loop.index }}{% endfor %}",
        "{% set y = a %}{{ y }}{% if z %}{{ z | upper }}{% endif %}",
        "{% for k, v in pairs %}{{ k }}={{ v }}{% else %}{{ empty }}{% endfor %}",
        "{{ a if b else c }}{% macro m(p) %}{{ p }}{{ q }}{% endmacro %}",
    ],
)
def test_used_variables_agrees_with_jinja(source):
    from jinja2 import meta

    from sr_tui.core.templates.render import make_environment
    from sr_tui.core.templates.schema import used_variables

    ast = make_environment().parse(source)
    assert used_variables(ast) == meta.find_undeclared_variables(ast)


def test_parse_cache_skips_parsing_and_is_disposable(tmp_path, monkeypatch):
    from sr_tui.core.templates import schema as catalog_module

    cache = tmp_path / "cache" / "template-variables.json"
    monkeypatch.setenv("SR_TUI_CACHE", str(cache.parent))
    first = load_catalog([])
    assert cache.exists()
    calls = []
    monkeypatch.setattr(catalog_module, "used_variables", lambda ast: calls.append(ast) or set())
    second = load_catalog([])
    assert calls == []  # every text came from the cache
    assert [t.field_ids for t in second.templates] == [t.field_ids for t in first.templates]
    cache.write_text("{corrupt", encoding="utf-8")
    monkeypatch.undo()
    monkeypatch.setenv("SR_TUI_CACHE", str(cache.parent))
    assert len(load_catalog([]).templates) == 31 and not load_catalog([]).errors


def test_an_edited_template_misses_the_cache_and_is_checked_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_CACHE", str(tmp_path / "cache"))
    write(tmp_path, "good.toml", GOOD)
    assert not load_catalog([tmp_path]).errors
    write(tmp_path, "good.toml", GOOD.replace("{{ window }}.", "{{ windw }}."))
    messages = [e.message for e in load_catalog([tmp_path]).errors]
    assert any("uses {{ windw }}" in m for m in messages), messages
    assert any("'window' is listed in fields but not used" in m for m in messages), messages


def _validated(monkeypatch) -> list[str]:
    """The template files the loader validates from now on (by name)."""
    from sr_tui.core.templates.schema import Loader

    names: list[str] = []
    original = Loader._template

    def counting(self, path):
        names.append(path.name)
        return original(self, path)

    monkeypatch.setattr(Loader, "_template", counting)
    return names


def test_a_warm_load_takes_validated_templates_from_the_catalog_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_CACHE", str(tmp_path / "cache"))
    user = tmp_path / "user"
    user.mkdir()
    write(user, "good.toml", GOOD)
    write(user, "other.toml", GOOD.replace('"Z1"', '"Z2"'))
    first = load_catalog([user])
    validated = _validated(monkeypatch)
    second = load_catalog([user])
    assert validated == []  # all 33 came from the cache
    assert second.templates == first.templates
    assert second.get("Z2").fields == first.get("Z2").fields
    # One file changes (its size and mtime): only it is validated again.
    write(user, "good.toml", GOOD.replace("Maintenance window for", "Window for"))
    third = load_catalog([user])
    assert validated == ["good.toml"]
    assert third.get("Z1").subject.startswith("Window for")


def test_a_changed_fields_file_or_a_check_validates_every_template(tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_CACHE", str(tmp_path / "cache"))
    user = tmp_path / "user"
    user.mkdir()
    write(user, "good.toml", GOOD)
    load_catalog([user])
    validated = _validated(monkeypatch)
    load_catalog([user], use_cache=False)  # what `sr-tui templates check` does
    assert len(validated) == 32
    validated.clear()
    write(user, "fields.toml", '[extra]\nlabel = "Extra"\nhelp = "More."\n')
    load_catalog([user])
    assert len(validated) == 32  # validated against other shared fields: all again


def test_a_broken_file_is_never_cached_and_a_corrupt_cache_is_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_CACHE", str(tmp_path / "cache"))
    write(tmp_path, "good.toml", GOOD.replace("{{ window }}.", "{{ windw }}."))
    assert load_catalog([tmp_path]).errors
    assert load_catalog([tmp_path]).errors  # reported again, not hidden by a cache
    (tmp_path / "cache" / "template-catalog.json").write_text("{corrupt", encoding="utf-8")
    assert len(load_catalog([]).templates) == 31


def _tampered(tmp_path, user, change) -> None:
    """Rewrite the catalog cache's JSON through `change(document)`, as another process
    (or a bad disk) might."""
    import json

    cache = tmp_path / "cache" / "template-catalog.json"
    document = json.loads(cache.read_text(encoding="utf-8"))
    change(document, document["entries"], str(user / "good.toml"), str(user / "other.toml"))
    cache.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize(
    "change, misses",
    [
        (lambda doc, entries, good, other: entries[good].__setitem__(5, 42), ["good.toml"]),
        (lambda doc, entries, good, other: entries[other][11].append(7), ["other.toml"]),
        (lambda doc, entries, good, other: entries[other].__setitem__(12, [9999]), ["other.toml"]),
        (lambda doc, entries, good, other: entries[good].pop(), ["good.toml"]),
        (lambda doc, entries, good, other: entries[good].__setitem__(2, 5), ["good.toml"]),
        (
            lambda doc, entries, good, other: doc["fields"][-1].__setitem__(4, "x"),
            ["good.toml", "other.toml"],
        ),
        (lambda doc, entries, good, other: doc.__setitem__("shared", "x"), ["*"]),
    ],
    ids=["title", "keyword", "field number", "short", "fingerprint", "field kind", "shape"],
)
def test_a_cache_entry_of_the_wrong_shape_is_validated_again(tmp_path, monkeypatch, change, misses):
    monkeypatch.setenv("SR_TUI_CACHE", str(tmp_path / "cache"))
    user = tmp_path / "user"
    user.mkdir()
    write(user, "good.toml", GOOD)
    write(user, "other.toml", GOOD.replace('"Z1"', '"Z2"'))
    first = load_catalog([user])
    _tampered(tmp_path, user, change)
    validated = _validated(monkeypatch)
    second = load_catalog([user])
    if misses == ["*"]:  # the whole file: every template
        assert len(validated) == 33
    else:
        assert validated == misses
    assert second.templates == first.templates and not second.errors
    validated.clear()
    load_catalog([user])  # and the cache was written again, whole
    assert validated == []


def test_the_folder_listing_finds_what_glob_finds(tmp_path):
    from sr_tui.core.templates.catalog import toml_names

    for name in ("b.toml", "a.toml", ".hidden.toml", "x.TOML", "notes.txt", ".toml", "c.toml~"):
        write(tmp_path, name, "")
    (tmp_path / "dir.toml").mkdir()
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere")
    globbed = sorted(p.name for p in tmp_path.glob("*.toml"))
    assert toml_names(tmp_path) == globbed
    assert "dir.toml" in globbed and "gone.toml" in globbed and "x.TOML" not in globbed
    assert toml_names(tmp_path / "missing") == []


def test_loading_leaves_the_garbage_collector_as_it_found_it():
    import gc

    from sr_tui.core.templates.scenario_index import ScenarioIndex

    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            ScenarioIndex(load_catalog([]).templates)
            assert gc.isenabled() is state
    finally:
        (gc.enable if was else gc.disable)()
