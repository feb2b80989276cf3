"""The alert tasks (`visits.tasks`), run by ``manage.py db_worker``: sending one alert,
a subscribe request from the public form, and a dispatch queued for the minute a release
or a language goes out
(`press.alerts.sending` has the work; these only name it for the queue)."""

from visits.tasks import task

from . import sending, subscriptions


@task()
def send_alert(delivery_id: int) -> str:
    """Send the alert of one `AlertDelivery` row, if this task claims it."""
    return sending.send_delivery(delivery_id)


@task()
def dispatch_alerts() -> int:
    """Write and queue every alert now due; returns how many rows were queued."""
    return len(sending.dispatch().queued)


@task()
def subscribe(*, email: str, language: str, everything: bool, trips: list, topics: list) -> str:
    """What the subscribe form asked for (`subscriptions.subscribe`), out of the request
    so that every valid request costs the page the same; returns which case it was."""
    return subscriptions.subscribe(
        email=email, language=language, everything=everything, trips=trips, topics=topics
    )
