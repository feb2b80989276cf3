"""How the public templates are written (STYLE.md, "Views, URLs, templates"): one tag per
line, nested content indented by two spaces, as wagtail/bakerydemo's are; and a
translated value a page shows more than once is worked out once (``{% translated ... as
title %}`` within a block, ``object_text`` across blocks)."""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import PressReleaseFactory
from visits.text import TranslatedTexts

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR) / "templates"
#: The admin's templates follow Django admin's own layout, not the public site's.
PUBLIC = sorted(
    path
    for path in ROOT.rglob("*.html")
    if path.relative_to(ROOT).parts[0] not in ("admin", "reversion")
)
IDS = [str(path.relative_to(ROOT)) for path in PUBLIC]

STRUCTURE = r"(?:if|elif|else|endif|for|empty|endfor|with|endwith|block|endblock)\b"
#: A tag that opens, closes or divides a block, or one that only names a value.
STATEMENT = re.compile(rf"{{% (?:{STRUCTURE}[^%]*|[^%]* as \w+ )%}}")
BLOCK_ELEMENTS = (
    "html|head|body|title|meta|link|main|header|footer|nav|aside|section|article|div|p|"
    "h[1-6]|ul|ol|li|dl|dt|dd|figure|figcaption|form|fieldset|legend|picture|source|img"
)
BLOCK_START = re.compile(rf"<(?:{BLOCK_ELEMENTS})[\s>]")
BLOCK_END = re.compile(rf"</(?:{BLOCK_ELEMENTS})>")
ONE_LINE_BLOCK = re.compile(r"{% block \w+ %}.*{% endblock %}$")


def layout_problems(text: str) -> list[str]:
    problems = []
    in_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        content = line.lstrip(" ").rstrip()
        indent = len(line) - len(content)
        if "{% comment %}" in line:
            in_comment = "{% endcomment %}" not in line
        elif in_comment:
            in_comment = "{% endcomment %}" not in line
            continue
        if "\t" in line[: indent + 1] or indent % 2:
            problems.append(f"{number}: indented by {indent}")
        if ONE_LINE_BLOCK.match(content) and not BLOCK_START.search(content):
            continue  # {% block title %}…{% endblock %}: text, no elements
        if STATEMENT.match(content) and STATEMENT.match(content).end() != len(content):
            problems.append(f"{number}: more after {content.split('%}')[0]}%}}")
        if len(BLOCK_START.findall(content)) > 1:
            problems.append(f"{number}: two block elements start")
        if (end := BLOCK_END.search(content)) and content[end.end() :].strip():
            problems.append(f"{number}: more after {end.group()}")
    return problems


@pytest.mark.parametrize("path", PUBLIC, ids=IDS)
def test_public_templates_have_one_tag_per_line(path):
    assert layout_problems(path.read_text()) == []


def test_the_layout_check_sees_tags_that_share_a_line():
    crowded = "{% if a %}<section><h2>A</h2>\n   <ul><li>x</li></ul></section>{% endif %}\n"
    assert len(layout_problems(crowded)) == 5
    tidy = (
        "{% if a %}\n"
        "  <section>\n"
        "    <h2>A</h2>\n"
        '    <p>{% if b %}<a href="/">b</a>{% endif %}</p>\n'
        "  </section>\n"
        "{% endif %}\n"
    )
    assert layout_problems(tidy) == []


TRANSLATION = re.compile(r"""{% (?:translated|tfield) ([\w.]+) ["'](\w+)["']""")


@pytest.mark.parametrize("path", PUBLIC, ids=IDS)
def test_each_translated_value_is_worked_out_once(path):
    """``object.title`` shown in the title, the og:title and the heading is one value."""
    counts = Counter(TRANSLATION.findall(path.read_text()))
    assert [pair for pair, count in counts.items() if count > 1] == []


def test_object_text_works_a_field_out_once_per_language():
    release = PressReleaseFactory(title_en="Robots", title_ko="로봇")
    texts = TranslatedTexts(release)
    with translation.override("ko"):
        first = texts["title"]
        assert texts["title"] is first
        assert (first.text, first.lang) == ("로봇", "ko")
    with translation.override("en"):
        assert texts["title"].text == "Robots"
    with pytest.raises(KeyError):
        texts["no_such_field"]
