"""What a trail of answers says about an article's address: ok, moved, gone, suspect.

- **gone**: the outlet answers 404, 410 or 451; or the address now leads, by permanent
  redirects, to the outlet's home page or a section front (a "soft 404": outlets send a
  deleted article's readers to the front page rather than admit it is gone).
- **suspect**: the page answers but no longer carries the article's headline (compared
  letters and digits only, case and width folded: quotes, spaces and punctuation that
  outlets restyle do not count); or a temporary redirect leads to the home page or a
  section front (perhaps maintenance, perhaps a deletion: a person should look).
- **moved**: every redirect on the way says "permanently", and the page they lead to is
  another article address (not merely http to https, ``www.`` or a trailing slash).
- **ok**: the page answers 2xx with the headline.
- **error**: anything else (`network.CheckError` for the failures before an answer; any
  other status, such as 403 or 503, here).

``http_status`` is the answer that decided: the 404, the redirect that left the article
for a front page, the final page's 200.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from press.models import LinkStatus, Reason

from .fetch import PERMANENT, Answer, Trail, decoded

GONE_STATUSES = {404, 410, 451}
#: Paths of a site's home page.
HOME_PATHS = {
    "",
    "/",
    "/home",
    "/main",
    "/index",
    "/default.asp",
    "/default.aspx",
    "/index.asp",
    "/index.aspx",
    "/index.htm",
    "/index.html",
    "/index.jsp",
    "/index.php",
    "/main.do",
    "/main.htm",
    "/main.html",
    "/main.php",
}
#: A section front's path: one or two short words (``/politics``, ``/news/world/``), no
#: digits; articles have an id, a date or a long slug.
SECTION = re.compile(r"/[a-z_-]{1,24}(/[a-z_-]{1,24})?/?(\.html?|\.php|\.do)?", re.IGNORECASE)


@dataclass
class Verdict:
    status: str
    final_url: str = ""
    http_status: int | None = None
    reason: str = ""
    detail: str = ""
    #: The final GET's answer when the page is alive (ok or moved), for the archive.
    page: Answer | None = field(default=None, repr=False)

    @property
    def alive(self) -> bool:
        return self.status in (LinkStatus.OK, LinkStatus.MOVED) and self.page is not None


def page_kind(url: str) -> str:
    """``"home"``, ``"section"`` or ``"article"``: what an address looks like."""
    parts = urlsplit(url)
    path = parts.path
    if re.search(r"\d", parts.query):
        return "article"
    if path.lower().rstrip("/") in HOME_PATHS or path == "/":
        return "home"
    if SECTION.fullmatch(path):
        return "section"
    return "article"


def same_address(a: str, b: str) -> bool:
    """Whether two addresses name the same page: scheme, ``www.``, default port, trailing
    slash and fragment aside."""

    def key(url):
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        return host, parts.path.rstrip("/") or "/", parts.query

    return key(a) == key(b)


def normalised(text: str) -> str:
    """Letters and digits only, case and width folded (NFKC)."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def charset_of(answer: Answer, body: bytes) -> str:
    match = re.search(r"charset=[\"']?([\w.:-]+)", answer.header("Content-Type"), re.IGNORECASE)
    if not match:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", body[:4096], re.IGNORECASE)
    if match:
        name = match.group(1)
        return name.decode("ascii") if isinstance(name, bytes) else name
    return "utf-8"


def page_text(answer: Answer) -> str | None:
    """The page as text (markup included: headlines also stand in its title and its
    metadata), or None when it is not an HTML or text page."""
    kind = answer.header("Content-Type").split(";")[0].strip().lower()
    if kind and not (kind.startswith("text/") or "html" in kind or "xml" in kind):
        return None
    body = decoded(answer)
    charset = charset_of(answer, body)
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def carries_headline(answer: Answer, headline: str) -> bool:
    wanted = normalised(headline)
    text = page_text(answer)
    if not wanted or text is None:
        return True  # nothing to compare: the answer alone decides
    return wanted in normalised(text)


def decide(url: str, headline: str, trail: Trail) -> Verdict:
    """The verdict on ``url`` from its ``trail`` (see the module)."""
    final = trail.final
    redirects = trail.redirects
    if final.status in GONE_STATUSES:
        return Verdict(
            LinkStatus.GONE,
            final.url,
            final.status,
            Reason.NOT_FOUND,
            f"{final.status} {final.reason}".strip(),
        )
    if not 200 <= final.status < 300:
        return Verdict(
            LinkStatus.ERROR,
            final.url,
            final.status,
            Reason.HTTP,
            f"{final.status} {final.reason}".strip(),
        )
    permanent = bool(redirects) and all(hop.status in PERMANENT for hop in redirects)
    if redirects and not same_address(url, final.url):
        kind, was = page_kind(final.url), page_kind(url)
        if (kind == "home" and was != "home") or (kind == "section" and was == "article"):
            return Verdict(
                LinkStatus.GONE if permanent else LinkStatus.SUSPECT,
                final.url,
                redirects[0].status,
                Reason.HOME_PAGE if kind == "home" else Reason.SECTION,
            )
    if not carries_headline(final, headline):
        return Verdict(LinkStatus.SUSPECT, final.url, final.status, Reason.HEADLINE)
    if permanent and not same_address(url, final.url):
        return Verdict(LinkStatus.MOVED, final.url, final.status, page=final)
    return Verdict(LinkStatus.OK, final.url, final.status, page=final)
