"""A PDF and a screenshot of a page, by headless Chromium, held to the network rule.

Chromium runs once per file (``--print-to-pdf``, ``--screenshot``) with a throwaway
profile, its own name resolution switched off (``--host-resolver-rules``) and every
connection sent through `socks.Proxy`, which applies the checker's network rule to each.
The file is written to a temporary folder; the caller stores it only once it is whole
and is what its kind says (`check_file`).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile

from PIL import Image

from .config import setting
from .socks import Proxy

logger = logging.getLogger(__name__)

WINDOW = "1280,1800"


class CaptureFailed(Exception):
    pass


def chromium() -> str | None:
    """The browser's path, or None when it is not installed."""
    path = setting("PRESSROOM_CHROMIUM")
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return shutil.which(path) if path and not os.path.isabs(path) else None


def arguments(browser: str, profile: str, port: int) -> list[str]:
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--mute-audio",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--disable-features=MediaRouter,OptimizationHints,Translate",
        f"--user-data-dir={profile}",
        f"--user-agent={setting('PRESSROOM_LINK_CHECK_USER_AGENT')}",
        # Every connection through the proxy, loopback included; no name resolved here.
        f"--proxy-server=socks5://127.0.0.1:{port}",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        f"--window-size={WINDOW}",
        "--virtual-time-budget=10000",
    ]


def render(url: str, kind: str, folder: str) -> str:
    """Write ``kind`` (``"pdf"`` or ``"png"``) of ``url`` into ``folder``; returns the
    file's path. Raises `CaptureFailed`."""
    browser = chromium()
    if browser is None:
        raise CaptureFailed("Chromium is not installed")
    timeout = setting("PRESSROOM_LINK_CHECK_CAPTURE_TIMEOUT")
    out = os.path.join(folder, f"page.{kind}")
    with (
        tempfile.TemporaryDirectory(prefix="pressroom-chromium-") as profile,
        Proxy(timeout) as proxy,
    ):
        args = arguments(browser, profile, proxy.port)
        if kind == "pdf":
            args += [f"--print-to-pdf={out}", "--no-pdf-header-footer"]
        else:
            args += [f"--screenshot={out}"]
        env = {**os.environ, "HOME": profile}
        try:
            done = subprocess.run(
                [*args, url],
                capture_output=True,
                timeout=timeout,
                env=env,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise CaptureFailed(f"Chromium took longer than {timeout:.0f} s") from None
        except OSError as error:
            raise CaptureFailed(f"Chromium could not start: {error}") from None
        if proxy.refused:
            logger.info("Capture of %s: refused %s (network rule).", url, sorted(proxy.refused))
    if done.returncode != 0 or not os.path.exists(out):
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise CaptureFailed(f"Chromium failed ({done.returncode}): {' '.join(tail)[:150]}")
    check_file(out, kind)
    return out


def check_file(path: str, kind: str) -> None:
    """Raise `CaptureFailed` unless ``path`` is a whole PDF or a PNG that decodes."""
    if os.path.getsize(path) == 0:
        raise CaptureFailed("Chromium wrote an empty file")
    if kind == "pdf":
        with open(path, "rb") as file:
            head = file.read(5)
            file.seek(-1024, os.SEEK_END) if os.path.getsize(path) > 1024 else file.seek(0)
            tail = file.read()
        if head != b"%PDF-" or b"%%EOF" not in tail:
            raise CaptureFailed("Chromium's PDF is incomplete")
    else:
        try:
            with Image.open(path) as image:
                image.verify()
                if image.format != "PNG":
                    raise CaptureFailed("Chromium's screenshot is not a PNG")
        except (OSError, SyntaxError) as error:
            raise CaptureFailed(f"Chromium's screenshot does not decode: {error}") from None
