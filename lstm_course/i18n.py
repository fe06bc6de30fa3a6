"""The language of the package's messages: English by default, Spanish on request.

Every message a learner reads (hints, errors, widget labels, figure titles) is written
in English and wrapped for translation: ``_("x has {n} features.").format(n=n)``, or
``ngettext`` where the English changes with a count. Babel extracts the wrapped
literals; ``set_language("es")``, or ``LSTM_COURSE_LANG=es`` in the environment,
switches to the catalogue in ``lstm_course/locale``.
"""

from __future__ import annotations

import gettext
import os
import warnings
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "lstm_course"
LANGUAGE_VARIABLE = "LSTM_COURSE_LANG"
LANGUAGES = ("en", "es")

_current = "en"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str) -> None:
    """Show the package's messages in ``language``: ``"en"`` (the default) or ``"es"``."""
    global _current, _translation
    from lstm_course._checks import require_str  # _checks itself imports _ from here

    if require_str("language", language) not in LANGUAGES:
        raise ValueError(_("language must be one of {languages}, got {language!r}. Call "
                           "set_language('es') for Spanish.").format(
            languages=", ".join(map(repr, LANGUAGES)), language=language))
    _current = language
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def get_language() -> str:
    """The language messages are shown in now: ``"en"`` or ``"es"``."""
    return _current


def _(message: str) -> str:
    """``message`` in the current language (English when no translation is known)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """``singular`` or ``plural`` for ``count``, in the current language."""
    return _translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, as translated in ``context`` (a msgctxt)."""
    return _translation.pgettext(context, message)


def _language_from_environment() -> None:
    """Apply ``LSTM_COURSE_LANG``; an unknown value warns and keeps English."""
    language = os.environ.get(LANGUAGE_VARIABLE, "").strip()
    if not language:
        return
    if language not in LANGUAGES:
        warnings.warn(f"{LANGUAGE_VARIABLE}={language!r} is not a language of the course "
                      f"({', '.join(LANGUAGES)}); messages stay in English.", stacklevel=2)
        return
    set_language(language)


_language_from_environment()
