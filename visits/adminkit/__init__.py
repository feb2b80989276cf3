"""The admin kit: what every app's admin is built from.

* `base`: `BaseAdmin` (translated forms and columns, who may change what, optimistic
  locking in the change form) and small admin helpers.
* `forms`: `EditorForm`, the base of every admin form (editor-friendly messages, the
  stale-form check).
* `publishing`: `PublishingAdmin` (the publishing workflow's actions and rights) and the
  withdrawal form.
* `languages`: per-language translators in the forms (`editable_languages`, read-only
  other languages, crafted POSTs refused); `users`: the user page, where they are ticked.
* `site`: the admin site itself, with rate-limited sign-in.

It builds on `visits`' shared machinery (publishing, locking, revisions, text) and must
not import the trip domain (`visits.models`, `visits.admin`) or `press`: the apps' admins
import it, never the reverse. This package imports nothing itself, so that
``INSTALLED_APPS`` can name `site`'s app config without loading the admin classes.
"""
