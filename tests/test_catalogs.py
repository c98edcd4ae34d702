"""The interface's message catalogs: every message the generator's code and the site's
scripts use has a translation in every catalog shipped, with the same placeholders, and no
catalog keeps a message nothing uses (SPEC §6: every interface string from the catalogs)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from build_tools.interface import LOCALE_DIR, interface_languages, used_messages
from build_tools.site.scripts import gettext_script, script_messages

CATALOGS = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def catalog(path):
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parent.parent.name)


def test_ar_tr_and_en_catalogs_ship():
    assert {"ar", "en", "tr"} <= set(interface_languages())
    assert {path.parent.parent.name for path in CATALOGS} >= {"ar", "en", "tr"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_message_used_has_a_translation_with_its_placeholders(path):
    messages = catalog(path)
    used = used_messages()
    missing = {text: message.places for text, message in used.items()
               if text not in messages or not messages[text].string}
    assert missing == {}, f"{path}: messages without a translation, and where they are used"
    # A translation fills in only what the message names, or what its comment for the
    # translators offers ("Translators: {sura} … may stand in these too").
    wrong = [text for text, message in used.items()
             if not set(PLACEHOLDER.findall(messages[text].string))
             <= set(PLACEHOLDER.findall(" ".join([text, *message.comments])))]
    assert wrong == [], f"{path}: translations with a {{placeholder}} the code does not fill"
    assert [m.id for m in messages if m.id and m.fuzzy] == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_no_catalog_keeps_a_message_nothing_uses(path):
    used = used_messages()
    # A unit's name (context "unit") is looked up by the annotation's own word for it
    # (render/i18n.py, amount), so no code names it: the catalogs are its only list.
    assert sorted((m.id for m in catalog(path)
                   if m.id and m.id not in used and m.context != "unit"), key=str) == []


def test_messages_are_found_in_python_and_in_the_site_scripts():
    used = used_messages()
    # One of each way the code names a message.
    for message in ("Speaker: {name}", "Persons", "Speech index", "How to cite", "Search"):
        assert message in used, message
    assert "Search" in script_messages()
    assert any(".js:" in place for place in used["Search"].places)


def test_the_scripts_get_their_messages_in_the_site_language():
    assert '"Search": "Ara"' in gettext_script("tr")
    assert '"Search": "بحث"' in gettext_script("ar")
    assert "__MESSAGES__" not in gettext_script("en")
