/* The inspection record form (phone first): shows the photo / hazard block of an item answered
   不符合, fills latitude and longitude from the device's position, keeps a finger signature as a
   PNG data URL in the hidden `signature` field, and blocks a second tap on submit.
   Without JavaScript the form still works: every block shows and the signature is a typed name. */
(function () {
  "use strict";
  var form = document.getElementById("record-form");
  if (!form) { return; }
  form.classList.add("js-on");

  // 不符合 -> show the item's photo input, "生成隐患" switch and note.
  function syncItem(card) {
    var nc = card.getAttribute("data-nonconforms");
    var checked = card.querySelector("input[type=radio]:checked");
    card.classList.toggle("is-nc", !!checked && checked.value === nc);
  }
  Array.prototype.forEach.call(form.querySelectorAll(".answer-item"), function (card) {
    syncItem(card);
    card.addEventListener("change", function (event) {
      if (event.target.type === "radio") { syncItem(card); }
    });
  });

  // Photos: a large "拍照 / 选择照片" button in place of the browser's file input, with a count.
  Array.prototype.forEach.call(form.querySelectorAll(".photo-field"), function (box) {
    var input = box.querySelector("input[type=file]");
    var button = box.querySelector(".photo-button");
    var count = box.querySelector(".photo-count");
    if (!input || !button) { return; }
    button.hidden = false;
    input.classList.add("visually-hidden");
    input.addEventListener("change", function () {
      var n = input.files ? input.files.length : 0;
      count.textContent = n ? box.dataset.count.replace("{n}", String(n)) : "";
    });
  });

  // 定位: navigator.geolocation fills the hidden latitude / longitude.
  var locate = document.getElementById("locate-btn");
  var status = document.getElementById("locate-status");
  var lat = form.querySelector("input[name=latitude]");
  var lon = form.querySelector("input[name=longitude]");
  if (locate && lat && lon) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      var msg = locate.dataset;
      if (!("geolocation" in navigator)) { status.textContent = msg.unsupported; return; }
      status.textContent = msg.locating;
      locate.disabled = true;
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        lon.value = pos.coords.longitude.toFixed(6);
        status.textContent = msg.done + " " + lat.value + ", " + lon.value +
          (pos.coords.accuracy ? "（" + msg.accuracy + " " + Math.round(pos.coords.accuracy) + " " + msg.metres + "）" : "");
        locate.disabled = false;
      }, function (err) {
        status.textContent = err && err.code === 1 ? msg.denied : msg.failed;
        locate.disabled = false;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  // Signature: draw with a finger (pointer events), store a PNG data URL.
  var block = document.getElementById("signature-block");
  var canvas = document.getElementById("signature-pad");
  var hidden = form.querySelector("input[name=signature]");
  if (block && canvas && canvas.getContext && hidden) {
    block.hidden = false;
    var or = document.getElementById("signature-or");
    if (or) { or.hidden = false; }
    var ctx = canvas.getContext("2d");
    var drawing = false, dirty = false, last = null;
    var ratio = Math.min(window.devicePixelRatio || 1, 2);

    var resize = function () {
      var keep = dirty ? canvas.toDataURL("image/png") : hidden.value;
      canvas.width = Math.round(canvas.clientWidth * ratio);
      canvas.height = Math.round(canvas.clientHeight * ratio);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 2.5;
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.strokeStyle = "#111";
      if (keep) {
        var img = new Image();
        img.onload = function () { ctx.drawImage(img, 0, 0, canvas.clientWidth, canvas.clientHeight); };
        img.src = keep;
      }
    };
    var point = function (event) {
      var rect = canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };
    var save = function () { if (dirty) { hidden.value = canvas.toDataURL("image/png"); } };
    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      drawing = true;
      last = point(event);
      if (canvas.setPointerCapture) { canvas.setPointerCapture(event.pointerId); }
      ctx.beginPath();
      ctx.arc(last.x, last.y, 1, 0, 2 * Math.PI);
      ctx.fill();
      dirty = true;
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      event.preventDefault();
      var p = point(event);
      ctx.beginPath();
      ctx.moveTo(last.x, last.y);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      last = p;
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () {
        if (drawing) { drawing = false; save(); }
      });
    });
    document.getElementById("signature-clear").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      hidden.value = "";
      dirty = false;
    });
    if (hidden.value) { dirty = true; }
    resize();
    window.addEventListener("resize", function () {
      if (Math.round(canvas.clientWidth * ratio) !== canvas.width) { resize(); }
    });
  }

  // One submission per tap: the server also ignores a repeated idempotency key.
  var button = document.getElementById("record-submit");
  var label = button ? button.textContent : "";
  form.addEventListener("submit", function (event) {
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    if (button) {
      window.setTimeout(function () {
        button.disabled = true;
        button.textContent = form.dataset.submitting || label;
      }, 0);
    }
  });
  window.addEventListener("pageshow", function () {
    form.dataset.sent = "";
    if (button) { button.disabled = false; button.textContent = label; }
  });
})();
