"""Email alerts: readers subscribe on the public site (double opt-in), and each release
reaches each subscriber once, in their language, when it goes out in it.

* `links`: the signed links a subscriber's mail carries (confirm, manage, unsubscribe),
  built without a request, as a worker must.
"""
