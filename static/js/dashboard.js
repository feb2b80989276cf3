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
  var newsroomZone = (script && script.dataset.newsroomZone) || "Asia/Seoul";
  document.addEventListener("DOMContentLoaded", function () {
    var options = {dateStyle: "medium", timeStyle: "short"};
    var lang = document.documentElement.lang || undefined;
    var format = new Intl.DateTimeFormat(lang, Object.assign({timeZone: zone}, options));
    var newsroom = new Intl.DateTimeFormat(lang, Object.assign({timeZone: newsroomZone}, options));
    document.querySelectorAll(".viewer-time[data-moment]").forEach(function (slot) {
      var moment = new Date(slot.dataset.moment);
      if (isNaN(moment)) {
        return;
      }
      // As the server does: a viewer on Seoul's clock at that moment reads one time.
      if (format.format(moment) === newsroom.format(moment)) {
        return;
      }
      var time = document.createElement("time");
      time.dateTime = slot.dataset.moment;
      time.textContent = format.format(moment) + " " + (slot.dataset.label || "") + ", " + zone;
      slot.append("(", time, ")");
    });
  });
})();
