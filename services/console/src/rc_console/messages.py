"""The console's message catalogues: extraction from the code and templates, and their check.

``./dev messages extract`` finds every message marked for translation (``_``, ``gettext``,
``ngettext``, ``pgettext``, ``lazy_gettext``, ``lazy_pgettext`` in the Python code; ``{{ _("…") }}``,
``{{ pgettext("…", "…") }}`` and ``{% trans %}`` in the templates; and the campaign types' names
of rc_shared.labels and the support kinds' of rc_shared.support, which the console translates when
it shows them), then brings each catalogue
up to date: new messages are added untranslated, a changed one keeps its old translation marked
fuzzy, one no longer used is dropped. ``./dev messages check`` (and the contract test) fails while a
message is missing, untranslated or fuzzy, while the catalogue holds messages the code no longer
uses, or while a translation lacks the message's placeholders (``%(name)s``).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from rc_console import i18n
from rc_shared.labels import CAMPAIGN_TYPES
from rc_shared.support import DEFAULT_SUPPORT_KINDS

PACKAGE = Path(__file__).resolve().parent
TRANSLATED = tuple(locale for locale in i18n.LOCALES if locale != i18n.DEFAULT)  # Vietnamese: the messages
METHODS = [("**/templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "lazy_pgettext": ((1, "c"), 2)}
PROJECT = "rc-console"


def extracted(package: Path = PACKAGE) -> Catalog:
    """Every message the console's code and templates mark for translation (a template catalogue)."""
    catalog = Catalog(project=PROJECT, fuzzy=False)
    found = extract_from_dir(
        package, METHODS, OPTIONS, KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(f"rc_console/{filename}", lineno)], auto_comments=comments, context=context)
    for label in CAMPAIGN_TYPES.values():  # translated by rc_console.domain.model.TYPE_LABELS
        catalog.add(label, None, [("rc_shared/labels.py", 0)])
    for label in DEFAULT_SUPPORT_KINDS.values():  # translated by rc_console.domain.money.support_kind_labels
        catalog.add(label, None, [("rc_shared/support.py", 0)])
    return catalog


def read(path: Path, locale: str) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def write(path: Path, catalog: Catalog) -> None:
    """The .po as committed: sorted by file, without line numbers (a moved line changes nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=100, sort_by_file=True, include_lineno=False, ignore_obsolete=True)


def update(locale: str, template: Catalog, path: Path) -> Catalog:
    """The catalogue at ``path`` brought up to ``template`` and written back."""
    catalog = read(path, locale) if path.exists() else Catalog(locale=locale, project=PROJECT, fuzzy=False)
    catalog.update(template, update_creation_date=False)
    write(path, catalog)
    return catalog


def problems(template: Catalog, catalog: Catalog) -> list[str]:
    """What keeps ``catalog`` from translating every message of ``template`` (empty: nothing)."""
    out: list[str] = []
    for m in template:
        if not m.id:
            continue  # the header
        t = catalog.get(m.id, m.context)
        strings = t.string if t is not None and isinstance(t.string, tuple) else (t.string if t else "",)
        if t is None:
            out.append(f"missing: {m.id!r} ({', '.join(f for f, _ in m.locations)})")
        elif t.fuzzy:
            out.append(f"fuzzy (check the translation, then remove the flag): {m.id!r}")
        elif not all(strings):
            out.append(f"untranslated: {m.id!r}")
    for t in catalog:
        if t.id and template.get(t.id, t.context) is None:
            out.append(f"no longer used: {t.id!r}")
    out += [f"obsolete entry (#~): {t.id!r}" for t in catalog.obsolete.values()]
    for t, errors in catalog.check():
        out += [f"{t.id!r}: {e}" for e in errors]
    return out


def extract() -> list[Path]:
    """Update every translated language's catalogue from the code and templates; the files written."""
    template = extracted()
    paths = [i18n.catalogue_path(locale) for locale in TRANSLATED]
    for locale, path in zip(TRANSLATED, paths, strict=True):
        update(locale, template, path)
    return paths


def check() -> list[str]:
    """The catalogues' problems, each with its language (empty: every message is translated)."""
    template = extracted()
    out: list[str] = []
    for locale in TRANSLATED:
        path = i18n.catalogue_path(locale)
        if not path.exists():
            out.append(f"{locale}: no catalogue at {path}")
            continue
        out += [f"{locale}: {p}" for p in problems(template, read(path, locale))]
    return out
