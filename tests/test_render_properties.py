"""Property tests: any unicode value renders without error and appears verbatim."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sr_tui.core.templates.render import normalize_value, render

# Any unicode text, including surrogates-free control characters, Jinja syntax and CJK.
values = st.text(st.characters(exclude_categories=("Cs",)), max_size=200) | st.sampled_from(
    ["{{ 7*7 }}", "{% for x in y %}", "{#", "}}", "客户未回复", "\u200b", "\r\n", "\ue000\ue001"]
)
template_ids = st.sampled_from(["A1", "A2", "B1", "B4", "C1", "D2", "G4", "H4"])

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(template_id=template_ids, value=values, layout=st.sampled_from(["as-written", "flowed"]))
def test_any_value_renders_and_appears_verbatim(catalog, template_id, value, layout):
    template = catalog.get(template_id)
    field_values = {f.id: [value, value] if f.kind == "list" else value for f in template.fields}
    email = render(template, field_values, layout=layout)
    expected = normalize_value(value)
    for span in email.spans:
        text = email.text[span.start : span.end]
        if not span.filled:
            continue
        if layout == "as-written" and not (span.end <= email.body_offset and "\n" in expected):
            assert text == expected
        else:  # a flowed body or the one-line subject may turn line breaks into spaces
            assert text.split() == expected.replace("\n", " ").split()


@SETTINGS
@given(template_id=template_ids, data=st.dictionaries(st.text(max_size=20), values, max_size=5))
def test_arbitrary_keys_and_values_never_raise(catalog, template_id, data):
    email = render(catalog.get(template_id), data)
    assert email.text.startswith("Subject: ")
    for span in email.spans:
        assert 0 <= span.start <= span.end <= len(email.text)
