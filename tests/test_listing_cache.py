"""`sr-tui list --json` kept from the last listing: the same text, made again on any
change to the files, the folders or the loading code."""

from __future__ import annotations

import json
import os

import pytest
from test_catalog import GOOD

from sr_tui.cli import main
from sr_tui.core.templates import catalog as catalog_module
from sr_tui.core.templates import listing_cache


@pytest.fixture
def user(tmp_path, monkeypatch):
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "good.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("SR_TUI_TEMPLATES", str(folder))
    return folder


@pytest.fixture
def loads(monkeypatch):
    """The catalog loads `list --json` makes."""
    made = []
    real = catalog_module.load_user_catalog

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(catalog_module, "load_user_catalog", counting)
    return made


def listing(capsys) -> tuple[str, str]:
    assert main(["list", "--json"]) == 0
    return capsys.readouterr()


def ids(out: str) -> list[str]:
    return [row["id"] for row in json.loads(out)]


def test_a_second_listing_is_the_kept_text_without_a_load(user, loads, capsys):
    first, _ = listing(capsys)
    second, _ = listing(capsys)
    assert loads == [1]
    assert second == first
    assert "Z1" in ids(second) and len(ids(second)) == 32


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "good.toml").write_text(
            GOOD.replace("Maintenance window", "Patch window"), encoding="utf-8"
        ),
        lambda folder: os.utime(folder / "good.toml", ns=(1, 1)),  # the same size
        lambda folder: (folder / "new.toml").write_text(
            GOOD.replace('"Z1"', '"Z9"'), encoding="utf-8"
        ),
        lambda folder: (folder / "good.toml").unlink(),
        lambda folder: (folder / "fields.toml").write_text(
            '[extra]\nlabel = "Extra"\nhelp = "More."\n', encoding="utf-8"
        ),
    ],
    ids=["edited", "touched", "added", "removed", "shared fields"],
)
def test_any_change_to_a_file_makes_the_listing_again(user, loads, capsys, change):
    listing(capsys)
    change(user)
    out, _ = listing(capsys)
    assert loads == [1, 1]
    os.environ["SR_TUI_CACHE"] += "-empty"  # what a load without a kept listing prints
    assert listing(capsys)[0] == out


def test_another_folder_or_another_setting_is_another_listing(user, tmp_path, loads, capsys):
    listing(capsys)
    other = tmp_path / "other"
    other.mkdir()
    (other / "z.toml").write_text(GOOD.replace('"Z1"', '"Z7"'), encoding="utf-8")
    os.environ["SR_TUI_TEMPLATES"] = str(other)
    out, _ = listing(capsys)
    assert loads == [1, 1] and "Z7" in ids(out) and "Z1" not in ids(out)
    os.environ["SR_TUI_TEMPLATES"] = str(user)
    listing(capsys)
    assert loads == [1, 1, 1]


def test_the_warnings_are_said_again_with_the_kept_listing(user, tmp_path, loads, capsys):
    (user / "broken.toml").write_text('id = "Z2"\ntitle = "x\n', encoding="utf-8")
    os.environ["SR_TUI_TEMPLATES"] += os.pathsep + str(tmp_path / "missing")
    _, first = listing(capsys)
    out, second = listing(capsys)
    assert loads == [1]
    assert second == first
    assert "1 template file could not be loaded" in second and "missing" in second
    assert "Z2" not in ids(out)


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json\n[]", b'{"version": 1, "key": "x", "warnings": []}\n[]', b"\xff\xfe\n"],
    ids=["empty", "corrupt", "another key", "not UTF-8"],
)
def test_a_broken_or_foreign_file_is_a_miss(user, tmp_path, loads, capsys, content):
    first, _ = listing(capsys)
    kept = listing_cache.locations.cache_dir() / listing_cache.FILE_NAME
    kept.write_bytes(content)
    out, _ = listing(capsys)
    assert loads == [1, 1] and out == first
    assert kept.read_bytes() != content  # made again and kept


def test_a_change_to_the_loading_code_is_a_miss(tmp_path):
    package = tmp_path / "sr_tui"
    for name in listing_cache._CODE:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("# code\n", encoding="utf-8")
    before = listing_cache.code_stamp(package)
    os.utime(package / "core/templates/schema.py", ns=(1, 1))
    assert listing_cache.code_stamp(package) != before
    real = listing_cache.code_stamp()
    assert all(stamp[1] is not None for stamp in real), real  # every module is found
