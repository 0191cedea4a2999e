"""Every message the staff console marks for translation has its English translation, and the English
catalogue holds nothing the code no longer uses (how to fix either: docs/console/i18n.md)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from rc_console import i18n, messages


def test_the_english_catalogue_translates_every_message_and_is_current() -> None:
    assert i18n.catalogue_path("en").is_file()
    problems = messages.check()
    assert not problems, "run ./dev messages extract, translate what it lists:\n" + "\n".join(problems)


def test_the_extraction_finds_the_templates_and_the_code_messages() -> None:
    found = {(m.context, m.id) for m in messages.extracted() if m.id}
    assert (None, "Tổng quan") in found  # base.html
    assert (None, "Không có trang này.") in found  # web.py, gettext
    assert (None, "Quản trị") in found  # domain/model.py, lazy_gettext
    assert ("a person's role", "Tình nguyện viên") in found  # lazy_pgettext
    assert ("menu", "Đơn vị") in found  # pgettext in a template
    assert (None, "Tết Nhân ái") in found  # rc_shared.labels.CAMPAIGN_TYPES, shown through TYPE_LABELS


def test_a_new_template_message_is_found_and_then_reported_until_translated(tmp_path: Path) -> None:
    """The way to wrap another template: {{ _("…") }}, ./dev messages extract, translate."""
    (tmp_path / "entrypoints" / "templates").mkdir(parents=True)
    (tmp_path / "entrypoints" / "templates" / "new.html").write_text(
        '<h1>{{ _("Trang mới") }}</h1><p>{{ _("Chào %(name)s", name=user) }}</p>{% trans %}Một đoạn{% endtrans %}'
    )
    (tmp_path / "code.py").write_text('from rc_console.i18n import gettext as _\nX = _("Trong mã")\n')
    template = messages.extracted(tmp_path)
    assert {"Trang mới", "Chào %(name)s", "Một đoạn", "Trong mã"} <= {m.id for m in template}
    po = tmp_path / "messages.po"
    catalog = messages.update("en", template, po)
    assert po.is_file() and "untranslated: 'Trang mới'" in messages.problems(template, catalog)
    for m in catalog:
        if m.id:
            m.string = f"[{m.id}]"
    messages.write(po, catalog)
    assert messages.problems(template, messages.read(po, "en")) == []


def _template(*ids: str) -> Catalog:
    template = Catalog()
    for msgid in ids:
        template.add(msgid, locations=[("rc_console/x.py", 1)])
    return template


def test_each_kind_of_problem_is_reported() -> None:
    template = _template("Có", "Mới", "Xem lại", "Chào %(name)s")
    catalog = Catalog(locale="en")
    catalog.add("Có", "Yes")
    catalog.add("Xem lại", "Review", flags=["fuzzy"])
    catalog.add("Chào %(name)s", "Hello %(nom)s")  # a placeholder the code does not pass
    catalog.add("Cũ", "Old")  # no longer in the code
    catalog.obsolete["Bỏ"] = catalog["Cũ"]
    found = messages.problems(template, catalog)
    assert "missing: 'Mới' (rc_console/x.py)" in found
    assert "fuzzy (check the translation, then remove the flag): 'Xem lại'" in found
    assert "no longer used: 'Cũ'" in found
    assert any(p.startswith("obsolete entry") for p in found)
    assert any(p.startswith("'Chào %(name)s': ") for p in found), found
    catalog.add("Mới", "")
    assert "untranslated: 'Mới'" in messages.problems(template, catalog)
