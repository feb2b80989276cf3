// One notice per form about time zones, written by the server at the top of the form
// (visits/adminkit/zone_notice.py), instead of Django's "Note: You are N hours ahead of
// server time." under every date and time field. The body keeps data-admin-utc-offset,
// which the "Now" and "Today" shortcuts need to give the newsroom's time.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
    if (window.DateTimeShortcuts) {
        window.DateTimeShortcuts.addTimezoneWarning = function () {};
    }
});
