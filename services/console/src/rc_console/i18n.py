"""The console's languages: Vietnamese by default, English from a Babel message catalogue.

Every message is written in Vietnamese and marked for translation: ``_("…")`` in the templates and in
code that runs while a page is answered, ``lazy_gettext("…")`` for module constants (translated each
time they are shown). Vietnamese needs no catalogue (the messages are its text); English is
``locale/en/LC_MESSAGES/messages.po``, read once per process (no compiled .mo to build or to go stale).
Each request's language is chosen once (:func:`negotiate`: the language cookie, then Accept-Language,
then Vietnamese) and held in a context variable for the request's task; without one, Vietnamese.
Amounts, numbers and dates are formatted for that language (Babel; Vietnamese dates dd/mm/yyyy).
"""

from __future__ import annotations

import contextlib
import functools
import gettext as stdlib_gettext
import io
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import Translations

from rc_shared.labels import vn_date, vnd_in_words

DEFAULT = "vi"
LOCALES = ("vi", "en")  # the first is the default: the messages' own language
NAMES = {"vi": "Tiếng Việt", "en": "English"}  # each language named in itself (the switch in the header)
COOKIE = "rc_console_lang"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("rc_console_locale", default=DEFAULT)


def catalogue_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(locale: str) -> stdlib_gettext.NullTranslations:
    """The language's translations, read from its .po (fuzzy entries left out); Vietnamese: none needed."""
    if locale == DEFAULT:
        return stdlib_gettext.NullTranslations()
    with catalogue_path(locale).open("rb") as f:
        catalog = read_po(f, locale=locale)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


def parse_accept_language(header: str) -> list[str]:
    """The primary language tags of an Accept-Language header, most wanted first (q=0 left out):
    ``'en-US,en;q=0.9,vi;q=0.8'`` → ``['en', 'en', 'vi']``."""
    weighted: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and q > 0:
            weighted.append((-q, i, tag.strip().split("-")[0].split("_")[0].lower()))
    return [tag for _q, _i, tag in sorted(weighted)]


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    """The page's language: the user's explicit choice (the cookie), else the first language of the
    browser's Accept-Language the console speaks, else Vietnamese."""
    if cookie in LOCALES:
        return cookie
    for tag in parse_accept_language(accept_language or ""):
        if tag in LOCALES:
            return tag
        if tag == "*":
            break
    return DEFAULT


def current() -> str:
    """The language of the page being answered."""
    return _current.get()


@contextlib.contextmanager
def using(locale: str) -> Iterator[None]:
    """Answer in ``locale`` inside the block (one request)."""
    token = _current.set(locale if locale in LOCALES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """``message`` (Vietnamese) in the current language."""
    return translations(_current.get()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where the same words need another translation in ``context``."""
    return translations(_current.get()).pgettext(context, message)


class LazyText:
    """A message translated when it is shown (``str()``, or a template's ``{{ }}``), for module constants."""

    __slots__ = ("context", "message")

    def __init__(self, message: str, context: str | None = None) -> None:
        self.message, self.context = message, context

    def __str__(self) -> str:
        return gettext(self.message) if self.context is None else pgettext(self.context, self.message)

    def __repr__(self) -> str:
        return f"LazyText({self.message!r}, {self.context!r})"


def lazy_gettext(message: str) -> LazyText:
    return LazyText(message)


def lazy_pgettext(context: str, message: str) -> LazyText:
    return LazyText(message, context)


Text = str | LazyText  # a message: already said in the page's language, or translated when shown


def money(amount: int | None) -> str:
    """An amount in đồng for the current language: vi '1.500.000 ₫' (as the public pages write it:
    rc_shared.labels.vnd), en '₫1,500,000'; None → '–'."""
    if amount is None:
        return "–"
    return _money(_current.get(), amount)


def day(value: date | str | None) -> str:
    """A date for the current language: vi '01/12/2026' (as Vietnamese documents write it:
    rc_shared.labels.vn_date), en '1 Dec 2026'; '' for none (a template writes ``x|day or '–'``)."""
    if isinstance(value, date):
        return _day(_current.get(), value)
    text = "" if value is None else str(value)  # (an undefined value of a template is "")
    try:
        return _day(_current.get(), date.fromisoformat(text[:10]))
    except ValueError:
        return text  # not a date: as it is, never an error page


@functools.lru_cache(maxsize=1024)
def _day(locale: str, d: date) -> str:
    return vn_date(d) if locale == DEFAULT else format_date(d, "d MMM y", locale=locale)


def amount_in_words(amount: int) -> str:
    """An amount in đồng written out, as a receipt writes it beside the figure: vi as Vietnamese vouchers
    write it ('Một triệu không trăm linh năm nghìn đồng': rc_shared.labels.vnd_in_words), en 'One million,
    five thousand dong' (num2words)."""
    return _in_words(_current.get(), amount)


@functools.lru_cache(maxsize=1024)
def _in_words(locale: str, amount: int) -> str:
    if locale == DEFAULT:
        return vnd_in_words(amount)
    from num2words import num2words  # (imported when a receipt is first shown in English)

    words = f"{num2words(amount, lang='en')} dong"
    return words[:1].upper() + words[1:]


def number(value: float, pattern: str | None = None) -> str:
    """A number for the current language (vi '1234,5', en '1234.5' with pattern '0.0')."""
    return _number(_current.get(), value, pattern)


# Babel takes tens of microseconds per amount (it parses the locale and the pattern each time), and a page
# writes dozens (the dashboard's chart and its table: two per day): the last answers are kept.
@functools.lru_cache(maxsize=4096, typed=True)
def _money(locale: str, amount: int) -> str:
    return format_currency(amount, "VND", locale=locale).replace("\xa0", " ")


@functools.lru_cache(maxsize=4096, typed=True)
def _number(locale: str, value: float, pattern: str | None) -> str:
    return format_decimal(value, format=pattern, locale=locale)
