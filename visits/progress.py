"""Progress of a long job (a management command) on the terminal that runs it.

On a terminal, one line rewritten in place, at most ten times a second: what is done, out
of how many, and roughly how long is left. Anywhere else (a cron job's log, a test's
captured output) a line every ``every`` seconds, so a short job adds nothing to its log
and a long one shows it is alive. Imports nothing of the project's.
"""

from __future__ import annotations

from time import monotonic


class Progress:
    """``progress.update(done)`` as the job goes, ``progress.done()`` at the end (or use it
    as a context manager). ``out`` is a command's ``self.stdout``; ``total`` may be None
    when it is not known in advance."""

    def __init__(
        self, out, label: str, total: int | None = None, *, unit: str = "", every: float = 10.0
    ):
        self.out = out
        self.label = label
        self.total = total
        self.unit = f" {unit}" if unit else ""
        self.every = every
        self.tty = bool(getattr(out, "isatty", lambda: False)())
        self.started = self.shown_at = monotonic()
        self.width = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.done()

    def update(self, done: int, detail: str = "") -> None:
        now = monotonic()
        if now - self.shown_at < (0.1 if self.tty else self.every):
            return
        self.shown_at = now
        text = self.describe(done, detail, now - self.started)
        if self.tty:
            self.out.write("\r" + text.ljust(self.width), ending="")
            self.width = len(text)
            self.out.flush()
        else:
            self.out.write(text)

    def done(self) -> None:
        """Clear the terminal's line, for the job's own summary."""
        if self.tty and self.width:
            self.out.write("\r" + " " * self.width + "\r", ending="")
            self.out.flush()
            self.width = 0

    def describe(self, done: int, detail: str, elapsed: float) -> str:
        if self.total:
            done = min(done, self.total)
            share = 100 * done // self.total
            text = f"{self.label}: {done:,} of {self.total:,}{self.unit} ({share} %)"
        else:
            text = f"{self.label}: {done:,}{self.unit}"
        if detail:
            text += f", {detail}"
        text += f", {elapsed:.0f} s"
        if self.total and done and elapsed >= 2:
            text += f", about {elapsed * (self.total - done) / done:.0f} s left"
        return text
