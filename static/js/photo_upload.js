// The batch upload of photos (templates/admin/press/photo/upload.html): files dropped on
// the file field, or chosen with it, are sent one by one to the upload-one endpoint
// (press/admin/photo_upload.py) with a progress bar each; each photo added gets its row of
// the describe form (caption, alt text, event, credit), which "Save details" sends at
// once. Without this script the form uploads every file in one request and the server
// shows the same describe form afterwards.
"use strict";

// Loaded in the page's head (the admin's media): it starts once the page is read.
function startPhotoUpload() {
  const form = document.getElementById("photo_upload_form");
  const section = document.getElementById("photo-upload");
  const texts = document.getElementById("photo-upload-text");
  if (!form || !section || !texts || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  const input = form.querySelector("input[type=file][name=files]");
  const details = document.getElementById("photo-details-form");
  const rows = document.getElementById("photo-details-rows");
  const list = document.getElementById("photo-upload-files");
  const status = document.getElementById("photo-upload-status");
  const template = document.getElementById("photo-upload-file");
  const prefix = details.dataset.prefix;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const initial = document.getElementById("id_" + prefix + "-INITIAL_FORMS");
  const dropZone = input.closest(".form-row") || input;
  // One file at a time: the photos keep the order they were chosen in (each goes after
  // the trip's last photo), and the uplink, not the server, is what a batch waits for.
  const PARALLEL = 1;
  let queue = [];
  let running = 0;
  let sent = 0;
  let added = 0;
  let failed = 0;
  let chosen = 0;

  function text(name, values) {
    let value = texts.dataset[name] || "";
    Object.keys(values || {}).forEach(function (key) {
      value = value.split("{" + key + "}").join(String(values[key]));
    });
    return value;
  }

  function say(message) {
    status.textContent = message;
  }

  function ready() {
    const trip = form.elements.namedItem("visit");
    const credit = form.elements.namedItem("credit");
    return trip && trip.value && credit && credit.value.trim();
  }

  function addRow(html, file) {
    const index = Number(total.value);
    const holder = document.createElement("div");
    holder.innerHTML = html.split(prefix + "-__prefix__-").join(prefix + "-" + index + "-");
    const row = holder.firstElementChild;
    const pending = row.querySelector(".photo-detail__thumb .admin-thumb-pending");
    if (pending && window.URL && URL.createObjectURL) {
      const img = document.createElement("img");
      img.src = URL.createObjectURL(file);
      img.alt = text("previewAlt", { name: file.name });
      img.className = "admin-thumb photo-detail__preview";
      img.width = 120;
      img.addEventListener("load", function () {
        URL.revokeObjectURL(img.src);
      });
      pending.replaceWith(img);
    }
    rows.appendChild(row);
    total.value = String(index + 1);
    initial.value = String(index + 1);
    details.hidden = false;
  }

  function finished(item, ok, message) {
    const result = item.querySelector(".photo-upload__result");
    item.classList.add(ok ? "photo-upload__file--added" : "photo-upload__file--failed");
    result.textContent = message;
    sent += 1;
    if (ok) {
      added += 1;
    } else {
      failed += 1;
    }
    if (sent === chosen) {
      say(text("summary", { added: added, failed: failed }));
    } else {
      say(text("progress", { done: sent, total: chosen }));
    }
    running -= 1;
    next();
  }

  function send(file, item) {
    const data = new FormData(form);
    data.delete("files");
    data.append("files", file, file.name);
    const progress = item.querySelector("progress");
    const request = new XMLHttpRequest();
    request.open("POST", form.dataset.uploadUrl);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.responseType = "json";
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        progress.value = Math.round((event.loaded / event.total) * 100);
      }
    });
    request.addEventListener("load", function () {
      const body = request.response || {};
      if (request.status === 201 && body.row) {
        progress.value = 100;
        addRow(body.row, file);
        finished(item, true, text("added"));
      } else {
        const errors = body.errors || [text("network")];
        finished(item, false, text("failed") + ": " + errors.join(" "));
      }
    });
    request.addEventListener("error", function () {
      finished(item, false, text("failed") + ": " + text("network"));
    });
    request.send(data);
  }

  function next() {
    while (running < PARALLEL && queue.length) {
      const job = queue.shift();
      running += 1;
      send(job.file, job.item);
    }
  }

  function upload(files) {
    if (!files.length) {
      return;
    }
    if (!ready()) {
      say(text("needTrip"));
      return;
    }
    section.hidden = false;
    Array.prototype.forEach.call(files, function (file) {
      const item = template.content.firstElementChild.cloneNode(true);
      item.querySelector(".photo-upload__name").textContent = file.name;
      item.querySelector("progress").setAttribute(
        "aria-label",
        text("progressLabel", { name: file.name })
      );
      list.appendChild(item);
      queue.push({ file: file, item: item });
      chosen += 1;
    });
    say(text("progress", { done: sent, total: chosen }));
    next();
  }

  function uploadChosen() {
    if (input.files.length && ready()) {
      upload(input.files);
      input.value = "";
    } else {
      upload(input.files); // says what is missing
    }
  }
  // Files are sent as soon as they are chosen; the button sends those chosen before the
  // trip or credit were given.
  input.addEventListener("change", uploadChosen);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    uploadChosen();
  });
  dropZone.classList.add("photo-upload__drop");
  ["dragenter", "dragover"].forEach(function (name) {
    dropZone.addEventListener(name, function (event) {
      event.preventDefault();
      dropZone.classList.add("photo-upload__drop--over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    dropZone.addEventListener(name, function () {
      dropZone.classList.remove("photo-upload__drop--over");
    });
  });
  dropZone.addEventListener("drop", function (event) {
    event.preventDefault();
    upload(event.dataTransfer.files);
  });
  const help = form.querySelector(".photo-upload__drop-help");
  if (help) {
    help.hidden = false;
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startPhotoUpload);
} else {
  startPhotoUpload();
}
