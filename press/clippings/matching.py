"""Step 3 of the desk: the trip, events and releases a recognised clipping is about."""

from .results import Recognition


class Matcher:
    """The trips, their events and the names that point at them, read once per batch."""

    def __init__(self, *, trip=None):
        raise NotImplementedError

    def place(self, recognition: Recognition) -> None:
        """Fill ``trip``, ``trip_candidates``, ``engagements`` and ``releases``."""
        raise NotImplementedError
