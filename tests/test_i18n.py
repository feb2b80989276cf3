"""Every interface string is translated into all four languages, and compiled."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED = ["ko", "zh_Hans", "ja"]


def catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / locale / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("locale", TRANSLATED)
def test_catalogue_is_complete(locale):
    po = catalogue(locale)
    assert len(po) > 100
    missing = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert missing == [], f"{locale}: {len(missing)} strings without a translation"
    assert fuzzy == [], f"{locale}: {len(fuzzy)} fuzzy strings"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_compiled_catalogue_matches_source(locale):
    po = catalogue(locale)
    mo_path = LOCALE / locale / "LC_MESSAGES" / "django.mo"
    with mo_path.open("rb") as fp:
        mo = gettext.GNUTranslations(fp)
    stale = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if mo._catalog.get(key) != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == [], f"{locale}: run compilemessages ({len(stale)} stale)"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ko", "보도자료"), ("zh-hans", "新闻稿"), ("ja", "プレスリリース")],
)
def test_interface_speaks_the_readers_language(language, expected):
    with translation.override(language):
        assert expected in _("Press releases")
