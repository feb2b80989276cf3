"""Email alerts: readers subscribe on the public site (double opt-in), and each release
reaches each subscriber once, in their language, when it goes out in it.

* `links`: the signed links a subscriber's mail carries (confirm, manage, unsubscribe),
  built without a request, as a worker must.
* `views`, `urls`, `forms`: the public pages: subscribe, "check your inbox", and the pages
  the links open (confirm, manage, one-click unsubscribe).
* `subscriptions`: what those pages do to a subscription; `throttle`: the subscribe
  form's flood limit; `confirmation`: its mail (confirm, "already subscribed"), sent by a
  task.
"""
