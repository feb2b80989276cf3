# Romanised names and titles in four scripts.
# ruff: noqa: RUF001
"""Who published a coverage clipping and where: the reporter's byline (in its own script,
paired with the romanised form the clipping gives), the outlet (the strongest evidence that
names one the newsroom knows, else the name to propose) and the article's address.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from . import bylines as by
from .evidence import Hit, Reading, short
from .outlet_names import MAIL_SERVICES, OutletIndex, fold, host, is_portal
from .results import Guess

#: News portals by name: a page's site name that is one of these is not the outlet.
PORTAL_NAMES = {
    fold(name)
    for name in (
        "다음뉴스", "다음", "Daum", "Daum 뉴스", "네이버 뉴스", "네이버", "NAVER", "Naver News",
        "네이트 뉴스", "줌 뉴스", "Yahoo!ニュース", "Yahoo! JAPAN", "MSN", "网易", "新浪",
        "新浪新闻", "搜狐", "腾讯新闻", "今日头条", "Google News",
    )
}  # fmt: skip


def read_byline(recognition, reading: Reading) -> None:
    """The reporter, in their own script with the romanised form the clipping gives."""
    credits = [credit for _i, credit, _line in reading.bylines if credit.name or credit.roman]
    page = reading.page
    if not credits and page is not None:
        author = page.author or page.tf_author
        if author and not _looks_like_outlet(author):
            found = by.korean_bylines(author + " 기자") if re.search(r"[가-힣]", author) else []
            if found:
                credits = found
            elif re.fullmatch(by.LATIN_NAME, author.strip()):
                credits = [by.Byline(name="", roman=by.title_case(author))]
            else:
                credits = [by.Byline(name=author.strip())]
            reason = _("the page's author field")
            confidence = 0.6
        else:
            return
    elif not credits:
        return
    else:
        first_line = next(line for _i, c, line in reading.bylines if c is credits[0])
        reason = _("the byline “%(text)s”") % {"text": short(first_line)}
        confidence = 0.9
    names = [c.name for c in credits if c.name]
    romans = [c.roman for c in credits if c.roman]
    name = names[0] if names else ""
    roman = romans[0] if romans else ""
    if name and not roman:
        # "김우영 (Kim Woo-young)" written on one line, or a romanised byline elsewhere.
        for _i, _c, line in reading.bylines:
            pattern = re.escape(name) + r"\s*[(（]\s*(" + by.LATIN_NAME + r")\s*[)）]"
            paired = re.search(pattern, line)
            if paired:
                roman = by.title_case(paired.group(1))
    hangul = name and roman and re.fullmatch(r"[가-힣]{2,4}", name)
    if hangul and not by.romanised_matches(name, roman.split(",")[0]):
        confidence = min(confidence, 0.7)
        reading.notes.append(
            _("The byline gives %(name)s and %(roman)s: check they are the same person.")
            % {"name": name, "roman": roman}
        )
    value = by.paired(name, roman) if name and roman else name or roman
    recognition.byline = Guess(value, confidence, reason)


def _looks_like_outlet(text: str) -> bool:
    return bool(by.OUTLET_ENDINGS.search(text.strip())) or "." in text


def read_outlet(recognition, reading: Reading, outlets: OutletIndex) -> None:
    """The outlet: the strongest evidence that names a known one, else the name to
    propose."""
    hits = list(reading.outlets)
    page = reading.page
    if page is not None:
        for address in (page.canonical, page.og_url, page.tf_url):
            domain = host(address)
            if domain and not is_portal(domain):
                outlet, exact = outlets.by_domain(domain)
                hits.append(
                    Hit(
                        (outlet, "", domain),
                        0.9 if exact else 0.75,
                        _("the page's address is on %(domain)s") % {"domain": domain},
                    )
                )
                break
        for address in page.origin_links:
            domain = host(address)
            if domain and not is_portal(domain):
                outlet, exact = outlets.by_domain(domain)
                hits.append(
                    Hit(
                        (outlet, "", domain),
                        0.85 if exact else 0.75,
                        _("the portal links to the article on %(domain)s") % {"domain": domain},
                    )
                )
                break
        for name in (page.media_name, page.site_name, page.tf_sitename):
            if name and fold(name) not in PORTAL_NAMES:
                outlet = outlets.by_name(name) or outlets.in_text(name)[0]
                hits.append(
                    Hit(
                        (outlet, name, ""),
                        0.85,
                        _("the page's site name “%(name)s”") % {"name": name},
                    )
                )
                break
        title = page.og_title or page.title
        if title:
            outlet, found = outlets.in_text(re.split(r"\s+[|\-–—:]\s+|\s*\|\s*", title)[-1])
            if outlet is not None:
                hits.append(Hit((outlet, found, ""), 0.7, _("the page's title names it")))
    for _i, email in reading.emails:
        domain = host(email)
        if domain in MAIL_SERVICES:
            continue
        outlet, exact = outlets.by_domain(domain)
        hits.append(
            Hit(
                (outlet, "", domain),
                0.8 if exact else 0.7,
                _("the reporter's e-mail address is at %(domain)s") % {"domain": domain},
            )
        )
    known = [hit for hit in hits if hit.value[0] is not None]
    domains = [hit.value[2] for hit in hits if hit.value[2]]
    if domains:
        recognition.outlet_domain = domains[0]
    if known:
        best = max(known, key=lambda hit: hit.confidence)
        others = {hit.value[0] for hit in known} - {best.value[0]}
        confidence = best.confidence
        if others:
            confidence = min(confidence, 0.6)
            reading.notes.append(
                _("The clipping also names %(others)s: check the outlet.")
                % {"others": ", ".join(sorted(str(o) for o in others))}
            )
        elif len(known) > 1:
            confidence = min(1.0, confidence + 0.04)
        recognition.outlet = Guess(best.value[0], round(confidence, 2), best.reason)
        recognition.outlet_name = str(best.value[0])
        return
    named = [hit for hit in sorted(hits, key=lambda h: -h.confidence) if hit.value[1]]
    if named:
        recognition.outlet_name = named[0].value[1]
        recognition.outlet = Guess(
            None,
            0.0,
            _("“%(name)s” is not an outlet of the newsroom yet (%(why)s)")
            % {"name": named[0].value[1], "why": named[0].reason},
        )
    elif recognition.outlet_domain:
        recognition.outlet = Guess(
            None,
            0.0,
            _("no outlet of the newsroom is at %(domain)s") % {"domain": recognition.outlet_domain},
        )


def read_url(recognition, reading: Reading) -> None:
    page = reading.page
    if page is not None and page_url(recognition, page):
        return
    if page is not None:
        for address in page.origin_links:
            if not is_portal(address) and not _not_article(address):
                recognition.url = Guess(
                    address, 0.9, _("the portal's link to the outlet's own article")
                )
                if not recognition.outlet_domain:
                    recognition.outlet_domain = host(address)
                return
    outlet = recognition.outlet.value
    own = set()
    if outlet is not None:
        own = {host(outlet.website), *outlet.domain_list()} - {""}
    best = None
    for hit in reading.urls:
        address = hit.value
        domain = host(address)
        if not domain or is_portal(domain) or _not_article(address):
            continue
        confidence = hit.confidence
        if own and any(domain == d or domain.endswith("." + d) for d in own):
            confidence = max(confidence, 0.8)
        elif recognition.outlet_domain and domain.endswith(recognition.outlet_domain):
            confidence = max(confidence, 0.7)
        if best is None or confidence > best[1]:
            best = (address, confidence)
    if best:
        recognition.url = Guess(best[0], best[1], _("the article's address in the clipping"))


def page_url(recognition, page) -> bool:
    for address, confidence, reason in (
        (page.canonical, 0.95, _("the page's canonical address")),
        (page.og_url, 0.9, _("the page's og:url")),
    ):
        if address and address.startswith(("http://", "https://")) and not is_portal(address):
            recognition.url = Guess(address, confidence, reason)
            if not recognition.outlet_domain:
                recognition.outlet_domain = host(address)
            return True
    return False


def _not_article(address: str) -> bool:
    path = re.sub(r"^https?://[^/]+", "", address)
    if path in ("", "/"):
        return True
    return bool(
        re.search(
            r"\.(?:jpe?g|png|gif|webp|svg|css|js|pdf)(?:\?|$)|facebook\.com|twitter\.com|x\.com/|"
            r"kakao|band\.us|instagram|youtube|youtu\.be|t\.me/|pf\.kakao",
            address,
            re.I,
        )
    )
