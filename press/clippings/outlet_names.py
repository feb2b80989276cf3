"""The outlets the newsroom knows, by every name and domain a clipping may show.

Read once per batch (`OutletIndex`, one query), then matched in memory: names in every
language, other names (``aliases``), the website's domain and the listed web and e-mail
domains, compared width- and case-insensitively (NFKC, casefold), spaces and punctuation
aside.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings

#: Endings that are not an outlet's own domain: a parent domain is tried only above these.
PUBLIC_SUFFIXES = {
    "com", "net", "org", "kr", "cn", "jp", "hk", "tw", "co", "io", "news", "tv", "info",
    "co.kr", "or.kr", "go.kr", "ne.kr", "re.kr", "pe.kr", "com.cn", "net.cn", "org.cn",
    "gov.cn", "co.jp", "ne.jp", "or.jp", "go.jp", "com.hk", "co.uk", "com.tw", "asia",
}  # fmt: skip
#: Mail services: a reporter's address there says nothing about the outlet.
MAIL_SERVICES = {
    "gmail.com", "naver.com", "daum.net", "hanmail.net", "kakao.com", "nate.com",
    "outlook.com", "hotmail.com", "yahoo.com", "qq.com", "163.com", "126.com", "icloud.com",
}  # fmt: skip
#: News portals: their addresses are the portal's copy, not the outlet's article.
PORTALS = {
    "daum.net", "naver.com", "nate.com", "zum.com", "kakao.com", "msn.com", "yahoo.co.jp",
    "news.yahoo.co.jp", "google.com", "news.google.com", "sina.com.cn", "sohu.com",
    "163.com", "qq.com", "toutiao.com", "baidu.com",
}  # fmt: skip


def fold(text: str) -> str:
    """A name as matching compares it: width-folded, case-folded, without spaces and
    punctuation, and without a leading "The"."""
    text = unicodedata.normalize("NFKC", text or "").casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    return "".join(ch for ch in text if ch.isalnum())


def host(address: str) -> str:
    """The host of an address or a bare domain, lower case, without ``www.``."""
    address = (address or "").strip().lower()
    if "@" in address:
        address = address.rsplit("@", 1)[1]
    if "//" not in address:
        address = "//" + address
    try:
        name = urlsplit(address).hostname or ""
    except ValueError:
        return ""
    return name.removeprefix("www.").removeprefix("m.").strip(".")


def parents(domain: str):
    """The domain and its parents down to one above a public suffix:
    news.joongang.co.kr → news.joongang.co.kr, joongang.co.kr."""
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in PUBLIC_SUFFIXES:
            break
        yield candidate


def is_portal(domain: str) -> bool:
    return any(p in PORTALS for p in parents(host(domain)))


class OutletIndex:
    """Every outlet's names (all languages and aliases) and domains, read once per batch."""

    def __init__(self, outlets=None):
        if outlets is None:
            from press.models import Outlet

            outlets = Outlet.objects.all()
        self.outlets = list(outlets)
        self.names: dict[str, set] = {}  # folded name → outlets
        self.shown: dict[str, str] = {}  # folded name → the name as written
        self.domains: dict[str, set] = {}
        codes = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
        for outlet in self.outlets:
            names = {outlet.name, *(getattr(outlet, f"name_{c}", "") for c in codes)}
            names.update(outlet.alias_list())
            for name in names:
                key = fold(name)
                if len(key) >= 2:
                    self.names.setdefault(key, set()).add(outlet)
                    self.shown.setdefault(key, name)
            domains = set(outlet.domain_list())
            if outlet.website:
                domains.add(host(outlet.website))
            for domain in domains:
                domain = host(domain)
                if domain:
                    self.domains.setdefault(domain, set()).add(outlet)
        # Longest first, so "CBS NoCut News" is found before "NoCut".
        self._by_length = sorted(self.names, key=len, reverse=True)

    def __len__(self):
        return len(self.outlets)

    @staticmethod
    def _one(found: set | None):
        return next(iter(found)) if found and len(found) == 1 else None

    def by_name(self, name: str):
        """The outlet with exactly this name (in any language, or an alias)."""
        return self._one(self.names.get(fold(name)))

    def in_text(self, text: str):
        """The outlet whose name (the longest one found) the text contains, with the name
        as found; (None, "") when none or when two outlets share it."""
        folded = fold(text)
        if not folded:
            return None, ""
        for key in self._by_length:
            # Latin names only as whole words, so "CBS" is not found in "ABCBS".
            if key.isascii() and len(key) < 4:
                continue
            if key in folded:
                if key.isascii() and not self._whole_word(key, text):
                    continue
                outlet = self._one(self.names[key])
                if outlet is not None:
                    return outlet, self.shown[key]
        return None, ""

    @staticmethod
    def _whole_word(key: str, text: str) -> bool:
        """Whether a Latin name is in the text as words of its own, spaces and punctuation
        between its letters aside ("NoCut News" in "CBS NoCut News", not in "ABCNoCut")."""
        text = unicodedata.normalize("NFKC", text).casefold()
        letters = r"[\s\W_]*".join(re.escape(ch) for ch in key)
        return re.search(rf"(?<![a-z0-9]){letters}(?![a-z0-9])", text) is not None

    def by_domain(self, domain: str):
        """The outlet at this web or e-mail domain, or at a parent of it; or, when the
        domain is a parent of exactly one outlet's domain (joongang.co.kr for
        koreajoongangdaily.joongang.co.kr), that outlet. Returns (outlet, exact)."""
        domain = host(domain)
        if not domain or domain in MAIL_SERVICES:
            return None, False
        for candidate in parents(domain):
            outlet = self._one(self.domains.get(candidate))
            if outlet is not None:
                return outlet, candidate == domain
        below = {
            outlet
            for known, outlets in self.domains.items()
            if known.endswith("." + domain)
            for outlet in outlets
        }
        if domain not in PUBLIC_SUFFIXES and len(below) == 1:
            return next(iter(below)), False
        return None, False
