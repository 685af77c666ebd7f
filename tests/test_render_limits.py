"""Templates without bounds: every render ends quickly with a RenderError (issue 11, item 4).

Each template here hung, exhausted memory or raised RecursionError before. The limits are
the defaults (1 s, 100,000 loop steps, 1,000,000 characters); every test must finish in
a couple of seconds, and a guard thread fails it if it does not.
"""

from __future__ import annotations

import threading
import time

import pytest

from sr_tui.core.templates.model import Field, Template
from sr_tui.core.templates.render import RenderError, render
from sr_tui.core.templates.sandbox import Limits

SR = Field("sr_number", "SR number", "SR 号", "", placeholder="[SR Number]")
ITEMS = Field("items", "Items", "条目", "", kind="list", placeholder=("[Item 1]",))


def template(body: str, subject: str = "S", fields=(SR,)) -> Template:
    return Template(
        id="Z9", category="A", title="t", title_zh="t", when="", when_zh="", scenario="",
        scenario_zh="", keywords=(), fields=tuple(fields), subject=subject, body=body,
    )  # fmt: skip


def rendered_within(seconds: float, t: Template, values=None, **kwargs):
    """render(), failing the test if it takes longer than `seconds`."""
    started = time.monotonic()
    try:
        return render(t, values or {}, **kwargs)
    finally:
        assert time.monotonic() - started < seconds


HOSTILE = {
    "nested loops 100,000 x 100,000": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "loop steps",
    ),
    "nested loops that print": (
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
        "loop steps",
    ),
    "a string times a billion": ("{{ sr_number * 1000000000 }}", "'*' would make"),
    "a billion times a string": ("{{ 1000000000 * 'ab' }}", "'*' would make"),
    "a list times a billion": ("{{ [1, 2] * 1000000000 }}", "'*' would make"),
    "a nested list times a million": ("{{ [[0] * 1000000] * 1000000 }}", "'*' would make"),
    "center filter": ("{{ 'x'|center(3000000000) }}", "center would make"),
    "center method": ("{{ 'x'.center(3000000000) }}", "center() would make"),
    "ljust method": ("{{ sr_number.ljust(3000000000) }}", "ljust() would make"),
    "zfill method": ("{{ '1'.zfill(3000000000) }}", "zfill() would make"),
    "expandtabs": ("{{ ('\\t' * 1000).expandtabs(100000000) }}", "expandtabs() would make"),
    "percent width": ("{{ '%3000000000d' % 1 }}", "format width"),
    "percent star width": ("{{ '%*d' % (3000000000, 1) }}", "not allowed"),
    "format filter": ("{{ '%3000000000s'|format('x') }}", "format width"),
    "str.format width": ("{{ '{:>3000000000}'.format(1) }}", "format width"),
    "indent filter": ("{{ 'a\\nb'|indent(3000000000) }}", "indent would make"),
    "wordwrap filter": (
        "{{ ('a ' * 100000)|wordwrap(1, wrapstring='x' * 900000) }}",
        "wordwrap would make",
    ),
    "replace expansion": ("{{ ('a' * 100000)|replace('a', 'b' * 100000) }}", "replace would make"),
    "replace method": ("{{ ('a' * 100000).replace('a', 'b' * 100000) }}", "replace() would make"),
    "join of a big list": ("{{ (['x' * 900000] * 100)|join }}", "would make"),
    "power": ("{{ 2 ** 100000000 }}", "'**' would make"),
    "doubling with ~": (
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "characters or items",
    ),
    "doubling with +": (
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        "characters or items",
    ),
    "doubling in a set block": (
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
        "{% set block %}{{ ns.s }}{{ ns.s }}{% endset %}{% set ns.s = block %}{% endfor %}",
        "characters or items",
    ),
    "recursive loop()": (
        "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
        "nests too deeply",
    ),
    "recursive macro": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "nests too deeply"),
    "wide recursive loop()": (
        "{% for x in range(1000) recursive %}{% if loop.depth < 9 %}"
        "{{ loop(range(1000)) }}{% endif %}{% endfor %}",
        "",
    ),
    "a slice into a billion parts": ("{{ [1]|slice(1000000000)|list }}", "slice would make"),
    "a batch padded to a billion": ("{{ [1]|batch(1000000000, 0)|list }}", "batch would make"),
    "lipsum": ("{{ lipsum(1000000000) }}", "lipsum"),
    "translate": ("{{ 'a'.translate({97: 'b' * 100}) }}", "not allowed"),
    "a huge number printed": ("{{ 10 ** 5000 }}", ""),
}


@pytest.mark.parametrize(("body", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_template_is_a_render_error_within_seconds(body, message):
    with pytest.raises(RenderError, match="template Z9: body") as caught:
        rendered_within(5, template(body), {"sr_number": "SR 3-1"})
    assert message in str(caught.value)


def test_a_loop_over_a_long_value_is_bounded_by_loop_steps():
    body = "{% for a in sr_number %}{% for b in sr_number %}{% endfor %}{% endfor %}"
    with pytest.raises(RenderError, match="loop steps"):
        rendered_within(5, template(body), {"sr_number": "x" * 100_000})


def test_time_is_a_limit_of_its_own():
    body = "{% for a in range(100000) %}{{ ('x'|center(900000))|length }}{% endfor %}"
    with pytest.raises(RenderError, match=r"took longer than 0\.05 s"):
        rendered_within(5, template(body), {"sr_number": "x"}, limits=Limits(max_seconds=0.05))


def test_output_size_is_a_limit_of_its_own():
    body = "{% for a in range(100000) %}{{ sr_number }}{% endfor %}"
    with pytest.raises(RenderError, match="characters"):
        rendered_within(5, template(body), {"sr_number": "x" * 100})


def test_the_error_names_the_line():
    body = "Hi,\n\nline two\n{{ 'x' * 1000000000 }}\n"
    with pytest.raises(RenderError, match="body line 4"):
        render(template(body))


def test_a_syntax_error_at_render_is_a_render_error():
    with pytest.raises(RenderError, match="template Z9"):
        render(template("{% for %}"))


def test_nesting_too_deep_to_parse_is_a_render_error():
    with pytest.raises(RenderError, match="template Z9"):
        rendered_within(10, template("{% if 1 %}" * 5000 + "x" + "{% endif %}" * 5000))


def test_marker_characters_in_a_template_do_not_crash():
    email = render(template("a\ue0009\ue001b\ue002c {{ sr_number }}"), {"sr_number": "SR 1"})
    assert email.body == "a9bc SR 1"


def test_ordinary_templates_are_untouched_by_the_limits(catalog, realistic_values):
    for t in catalog.templates:
        email = render(t, realistic_values)
        assert email.body and "\ue000" not in email.text


def test_ordinary_loops_and_filters_still_work():
    body = (
        "{% for item in items %}- {{ item|upper }}\n{% endfor %}"
        "{{ ', '.join(items) }} {{ items|join(' / ') }} {{ '%-5s|' % 'ab' }} "
        "{{ 'x'|center(5) }} {{ '{:>4}'.format(7) }} {{ 3 * 'ab' }} {{ 2 ** 10 }}"
    )
    email = render(template(body, fields=(SR, ITEMS)), {"items": ["a", "b"]})
    assert email.body == "- A\n- B\na, b a / b ab   |   x      7 ababab 1024"


def test_renders_in_two_threads_have_their_own_budgets():
    body = "{% for a in range(60000) %}{% endfor %}done"
    results: list[str] = []

    def work():
        results.append(render(template(body)).body)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == ["done", "done"]
