# CJK punctuation in the patterns is meant.
# ruff: noqa: RUF001
"""A clipping read as the matching step reads it: its headline, sub-headlines and
sentences, each with the days it names (`mentioned_dates`), the quantities it gives
outside them, and whether it says it recalls something from before (background).

Plain functions of the text, no query.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .mentioned_dates import mentioned_dates
from .normalising import folded, numbers_in, squeezed
from .results import Recognition

# A sentence recalling something from before the article's subject.
BACKGROUND = re.compile(
    r"(?<![a-z])(?:earlier|previously|before that|prior to|meanwhile)(?![a-z])"
    r"|앞서|이보다 먼저|한편|此前|早前|之前|另外|先立ち|先立って|これに先立|一方",
    re.IGNORECASE,
)
# A sentence going on from the one before, on the same day.
CONTINUES = re.compile(
    r"(?<![a-z])(?:then|afterwards|after that|later|next)(?![a-z])"
    r"|이어|곧이어|뒤이어|이후|随后|接着|然后|之后|続いて|その後|引き続き",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")


def loose(text: str) -> str:
    """A squeezed text without の: a Japanese article may join a long name's parts with it
    (臨時政府の旧跡)."""
    return text.replace("の", "")


@dataclass
class Sentence:
    text: str
    folded: str
    squeezed: str
    headline: bool = False
    background: bool = False
    dates: frozenset = frozenset()
    numbers: frozenset = frozenset()

    @property
    def loose(self) -> str:
        return loose(self.squeezed)


def read_sentences(recognition: Recognition, on: dt.date | None) -> list[Sentence]:
    """The headline, the sub-headlines and the text's sentences, each with the days it
    names ("이날", "전날" and "that day" told from the day the sentence before spoke
    of; a sentence going on with "then", "이어", "随后" is on that day too) and the
    quantities it gives outside its dates."""
    heads = [recognition.headline.value or "", *recognition.subheadlines]
    body = _SENTENCE_END.split(recognition.text or "")
    seen, result, context = set(), [], None
    for index, text in enumerate([*heads, *body]):
        text = (text or "").strip()
        key = squeezed(text)
        if not key or key in seen:
            continue
        seen.add(key)
        mentions = mentioned_dates(text, on, context)
        days = {m.date or m.month_day for m in mentions}
        if not days and context is not None and index >= len(heads) and CONTINUES.search(text):
            days = {context}
        if mentions and mentions[-1].date:
            context = mentions[-1].date
        undated = text
        for mention in reversed(mentions):
            undated = undated[: mention.start] + " " + undated[mention.end :]
        result.append(
            Sentence(
                text=text,
                folded=folded(text),
                squeezed=key,
                headline=index < len(heads),
                background=bool(BACKGROUND.search(text)),
                dates=frozenset(days),
                numbers=frozenset(numbers_in(undated)),
            )
        )
    return result
