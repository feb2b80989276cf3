// The newsroom dashboard (templates/admin/dashboard.html): tells the server the viewer's
// own time zone in a cookie, so that the next pages give each time in it beside Seoul's,
// and meanwhile fills those times in. Without it, the page shows Seoul time only.
(function () {
  "use strict";
  var script = document.currentScript;
  var cookie = (script && script.dataset.cookie) || "pressroom_tz";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) {
    return;
  }
  document.cookie = cookie + "=" + encodeURIComponent(zone) +
    "; path=/; max-age=31536000; SameSite=Lax";
  document.addEventListener("DOMContentLoaded", function () {
    var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: zone
    });
    document.querySelectorAll(".viewer-time[data-moment]").forEach(function (slot) {
      var moment = new Date(slot.dataset.moment);
      if (isNaN(moment)) {
        return;
      }
      var time = document.createElement("time");
      time.dateTime = slot.dataset.moment;
      time.textContent = format.format(moment) + " " + (slot.dataset.label || "") + ", " + zone;
      slot.append("(", time, ")");
    });
  });
})();
