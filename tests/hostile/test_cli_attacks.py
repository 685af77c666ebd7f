"""Issue 11 through the command line: every attack as a new user meets it, in a fresh
`python -m sr_tui` process with a timeout. Each asserts the message and that nothing was
lost (file bytes, mode, symlinks, FIFOs)."""

from __future__ import annotations

import email.policy
import os
import stat
import sys
import time
from email.parser import BytesParser

import pytest

from .conftest import Home, template_text

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, symlinks to /dev")
HEADERS = ["Subject", "Date", "Message-ID", "X-Unsent", "MIME-Version", "Content-Type"]
INJECT = "=?utf-8?q?x=0D=0ABcc=3A_evil=40x=2Ecom=0D=0A?="


def parse(data: bytes):
    return BytesParser(policy=email.policy.default).parsebytes(data)


def deep_toml(key: str = "x") -> str:
    return f"{key} = " + "[" * 50_000 + "]" * 50_000 + "\n"


# -- 1. header injection in .eml ---------------------------------------------------------


def test_an_encoded_word_in_the_sr_number_writes_no_bcc(home: Home):
    code, out, err = home.run_bytes("render", "A1", "--set", f"sr_number={INJECT}", "--eml", "-")
    assert code == 0, err
    msg = parse(out)
    assert list(msg.keys()) == HEADERS
    assert msg["Subject"] == f"Support Case {INJECT} Received"


def test_an_encoded_word_in_a_display_name_writes_no_header(home: Home, tmp_path):
    values = tmp_path / "case.toml"
    values.write_text(
        'customer_email = "=?utf-8?q?x=0D=0AX-Evil=3A_1?= <alice@example.com>"\n',
        encoding="utf-8",
    )
    code, out, err = home.run_bytes("render", "A1", "--values", str(values), "--eml", "-")
    assert code == 0, err
    msg = parse(out)
    assert list(msg.keys()) == ["To", *HEADERS]
    assert msg["To"].addresses[0].display_name == "=?utf-8?q?x=0D=0AX-Evil=3A_1?="


# -- 2. terminal escapes -----------------------------------------------------------------


def test_render_escapes_control_characters_and_says_so(home: Home):
    result = home.run("render", "A1", "--set", "sr_number=SR 1\x1b]2;pwned\x07\x9b2J")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\x07" not in result.out and "\x9b" not in result.out
    assert "SR 1\\u001b]2;pwned\\u0007\\u009b2J" in result.out
    assert "control characters (\\u001b, \\u0007, \\u009b)" in result.err
    assert "\x1b" not in result.err


@posix_only
def test_lint_output_writes_no_control_character(home: Home, tmp_path):
    path = tmp_path / "mail\x1b]2;pwned\x07.txt"  # the name is in every finding
    path.write_text("Subject: x\n\nHi,\n\nThe the thing.\n", encoding="utf-8")
    for fmt in ("text", "json"):
        result = home.run("lint", str(path), "--format", fmt)
        assert result.code == 1, result.err
        assert "\x1b" not in result.out + result.err and "\x07" not in result.out
    assert "mail\\u001b]2;pwned\\u0007.txt:" in home.run("lint", str(path)).out


def test_a_template_title_with_control_characters_is_reported_not_shown(home: Home):
    home.template("z1.toml", template_text(title='"Evil \\u001b]2;pwned\\u0007"'))
    result = home.run("templates", "check")
    assert result.code == 1 and "holds control characters" in result.out
    listing = home.run("list")
    assert listing.code == 0 and "\x1b" not in listing.out and "Z1" not in listing.out


# -- 3. markup in names ------------------------------------------------------------------


def test_a_title_with_markup_is_plain_text_to_the_cli(home: Home):
    # The CLI always printed it as written; the app's side is in test_app_attacks.
    home.template("z1.toml", template_text(title='"Close [/] [@click=app.quit]now[/]"'))
    assert home.run("templates", "check").code == 0
    listing = home.run("list")
    assert listing.code == 0 and "Close [/] [@click=app.quit]now[/]" in listing.out


# -- 4. templates without bounds ---------------------------------------------------------

UNBOUNDED = {
    "nested loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "loop steps",
    ),
    "nested loops over a value": (
        "{% for a in sr_number * 10000 %}{% for b in sr_number * 10000 %}{% endfor %}{% endfor %}",
        "loop steps",
    ),
    "a string times a billion": ("{{ sr_number * 1000000000 }}", "'*' would make"),
    "center": ("{{ sr_number|center(3000000000) }}", "center would make"),
    "recursion": ("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", "nests too deeply"),
}


@pytest.mark.parametrize(("body", "message"), UNBOUNDED.values(), ids=UNBOUNDED.keys())
def test_an_unbounded_template_is_reported_by_check_and_render(home: Home, body, message):
    home.template("z1.toml", template_text(body=body))
    started = time.monotonic()
    check = home.run("templates", "check", str(home.templates))
    assert check.code == 1 and message in check.out, check.out + check.err
    render = home.run("render", "Z1", "--set", "sr_number=SR 1")
    assert render.code == 2 and message in render.err
    assert "Traceback" not in render.err + check.err
    assert time.monotonic() - started < 15


# -- 5. readers --------------------------------------------------------------------------


def test_a_list_placeholder_of_5_is_one_files_problem(home: Home):
    home.template(
        "z1.toml",
        template_text(body="{% for i in items %}{{ i }}{% endfor %}").replace(
            'fields = ["sr_number"]', 'fields = ["sr_number", "items"]'
        )
        + '\n[field.items]\nlabel = "Items"\nkind = "list"\nplaceholder = 5\n',
    )
    listing = home.run("list")
    assert listing.code == 0 and "A1" in listing.out
    assert "1 template file could not be loaded" in listing.err
    check = home.run("templates", "check")
    assert check.code == 1 and "placeholder of a list field must be" in check.out


@pytest.mark.parametrize("where", ["template", "config", "values", "cache"])
def test_toml_nested_fifty_thousand_deep(home: Home, where, tmp_path):
    args = ["render", "A1", "--set", "sr_number=SR 1"]
    if where == "template":
        home.template("deep.toml", deep_toml("id"))
    elif where == "config":
        home.write_config(deep_toml("your_name"))
    elif where == "values":
        (tmp_path / "v.toml").write_text(deep_toml("sr_number"), encoding="utf-8")
        args += ["--values", str(tmp_path / "v.toml")]
    else:
        home.cache.mkdir()
        (home.cache / "template-variables.json").write_text(
            "[" * 50_000 + "]" * 50_000, encoding="utf-8"
        )
    result = home.run(*args)
    assert "RecursionError" not in result.err and "Traceback" not in result.err
    if where == "values":
        assert result.code == 2 and "nested too deeply" in result.err
    else:
        assert result.code == 0 and "Support Case SR 1 Received" in result.out
    if where in ("template", "config"):
        assert "nested too deeply" in result.err or "could not be loaded" in result.err


@posix_only
def test_a_fifo_named_toml_blocks_nothing(home: Home):
    os.mkfifo(home.templates / "pipe.toml")
    os.mkfifo(home.templates / "categories.toml")
    home.config.parent.mkdir(parents=True)
    os.mkfifo(home.config)
    result = home.run("render", "A1", "--set", "sr_number=SR 1", timeout=15)
    assert result.code == 0 and "Support Case SR 1 Received" in result.out
    assert "named pipe (FIFO)" in result.err
    check = home.run("templates", "check", timeout=15)
    assert "pipe.toml: is a named pipe (FIFO), not a regular file" in check.out
    assert "categories.toml: is a named pipe (FIFO)" in check.out
    assert stat.S_ISFIFO(home.config.lstat().st_mode)  # left as it was


@posix_only
@pytest.mark.parametrize("where", ["template", "lint", "values"])
def test_a_symlink_to_dev_zero_is_refused_at_once(home: Home, where, tmp_path):
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    if where == "template":
        (home.templates / "zero.toml").symlink_to("/dev/zero")
        result = home.run("templates", "check", timeout=15)
        assert "zero.toml: is a character device, not a regular file" in result.out
    elif where == "lint":
        result = home.run("lint", str(link), timeout=15)
        assert result.code == 2 and "is a character device, not a regular file" in result.err
    else:
        result = home.run("render", "A1", "--values", str(link), timeout=15)
        assert result.code == 2 and "is a character device, not a regular file" in result.err
    assert "MemoryError" not in result.err


def test_lint_reads_standard_input_only_up_to_its_limit(home: Home):
    result = home.run("lint", "-", stdin=b"Subject: x\n\n" + b"a" * (11 * 1024 * 1024))
    assert result.code == 2 and "larger than 10,485,760 bytes" in result.err


def test_an_unexpected_exception_is_a_short_message_and_not_exit_0(home: Home, tmp_path):
    # A command that fails in a way sr-tui does not expect (here: a bug planted by a
    # sitecustomize on PYTHONPATH) prints one line, no traceback, and exits 70.
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(
        "import sr_tui.cli.templates as t\n"
        "def boom(args):\n    raise RuntimeError('planted bug')\n"
        "t.cmd_list = boom\n"
    )
    env = home.env() | {"PYTHONPATH": f"{plant}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    result = home.run("list", env=env)
    assert result.code == 70
    assert "sr-tui: internal error: RuntimeError: planted bug" in result.err
    assert "Traceback" not in result.err


# -- 6. line separators in .eml values ---------------------------------------------------


@pytest.mark.parametrize(
    "separator", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_a_line_separator_in_a_value_makes_a_valid_eml(home: Home, separator):
    code, out, err = home.run_bytes(
        "render", "A1", "--set", f"sr_number=SR{separator}1", "--eml", "-"
    )
    assert code == 0, err
    msg = parse(out)
    assert list(msg.keys()) == HEADERS and msg["Subject"] == "Support Case SR 1 Received"


# -- 7. lint on runs of spaces --------------------------------------------------------


def test_lint_of_a_megabyte_of_spaces_finishes(home: Home, tmp_path):
    path = tmp_path / "spaces.txt"
    path.write_bytes(b"Subject: x\n\nHi,\n\n" + b" " * 1_000_000 + b"\n")
    result = home.run("lint", str(path), timeout=20)
    assert result.code in (0, 1)


# -- 8, 9. settings and .eml targets keep what the user arranged -------------------------

COMMENTED = '# mine\nyour_name = "Sam"  # me\n\n[lint]\ndisable = ["SR013"]  # noise\n'


def test_config_set_keeps_comments_and_mode(home: Home):
    path = home.write_config(COMMENTED, 0o644)
    result = home.run("config", "set", "your_team", "Linux")
    assert result.code == 0, result.err
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# mine\nyour_name = "Sam"  # me\nyour_team = "Linux"\n')
    assert 'disable = ["SR013"]  # noise' in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@posix_only
def test_a_symlinked_config_stays_a_symlink(home: Home, tmp_path):
    real = tmp_path / "dotfiles" / "sr-tui.toml"
    real.parent.mkdir()
    real.write_text(COMMENTED, encoding="utf-8")
    real.chmod(0o640)
    home.config.parent.mkdir(parents=True)
    home.config.symlink_to(real)
    assert home.run("config", "set", "your_name", "Sam Lee").code == 0
    assert home.config.is_symlink() and os.readlink(home.config) == str(real)
    assert 'your_name = "Sam Lee"  # me' in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@posix_only
def test_an_eml_target_that_is_a_symlink_is_written_through(home: Home, tmp_path):
    real = tmp_path / "drafts" / "mine.eml"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "draft.eml"
    link.symlink_to(real)
    result = home.run("render", "A1", "--eml", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink() and real.read_bytes().startswith(b"Subject: Support Case")


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_eml_target_that_is_a_fifo_or_a_device_is_refused(home: Home, tmp_path, kind):
    target = tmp_path / "draft.eml"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/full")  # as root this replaced /dev/full
    result = home.run("render", "A1", "--eml", str(target), timeout=15)
    assert result.code == 1
    what = "a named pipe (FIFO)" if kind == "fifo" else "a character device"
    assert f"is {what}, not a regular file; sr-tui will not replace it" in result.err
    if kind == "fifo":
        assert stat.S_ISFIFO(target.lstat().st_mode)
    else:
        assert target.is_symlink() and stat.S_ISCHR(os.stat("/dev/full").st_mode)


# -- 13. a template folder that does not exist -------------------------------------------


def test_a_missing_template_folder_is_named_with_where_it_was_set(home: Home):
    missing = home.root / "nope"
    home.write_config(f'template_dirs = ["{missing}"]\n')
    result = home.run("render", "A1")
    assert result.code == 0
    assert (
        f"{missing}: template folder does not exist (set in template_dirs in {home.config})"
        in result.err
    )
    assert "skipped" not in result.err


# -- 16. the data dir is a file ----------------------------------------------------------


def test_a_data_dir_that_is_a_file_is_named(home: Home):
    home.data.write_text("not a folder")
    env = home.env() | {"PATH": str(home.root), "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = home.run("render", "A1", "--copy", env=env)
    assert result.code == 1
    assert f"{home.data} is a file, not a folder" in result.err
    assert "Errno" not in result.err and "None" not in result.err
    assert home.data.read_text() == "not a folder"


def test_an_eml_folder_under_a_file_is_named(home: Home, tmp_path):
    blocker = tmp_path / "Downloads"
    blocker.write_text("a file")
    result = home.run("render", "A1", "--eml", f"{blocker}/drafts/")
    assert result.code == 1 and f"{blocker} is a file, not a folder" in result.err


# -- 17. a mail opener that does not answer ----------------------------------------------


@posix_only
def test_a_mail_opener_that_hangs_is_not_reported_as_opened(home: Home):
    bin_dir = home.root / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "xdg-open"
    tool.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(8)\n")  # ends on its own
    tool.chmod(0o755)
    env = home.env() | {"PATH": str(bin_dir)}
    result = home.run("render", "G5", "--mailto", env=env, timeout=20)
    assert result.code == 1
    assert result.out.startswith("mailto:")
    assert "Opened" not in result.err
    assert "xdg-open had not answered after 5 s" in result.err
