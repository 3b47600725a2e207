/* Live calendar hint for portal.forms.JalaliDateInput: whichever calendar the editor types in,
   show the day in both. The browser's own Persian calendar (Intl) does the arithmetic. */
(function () {
  "use strict";
  var MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];
  var DAY = 864e5;
  var persian = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn",
    { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" });

  function latinDigits(text) {
    return text.replace(/[\u06f0-\u06f9]/g, function (d) { return d.charCodeAt(0) - 0x06f0; })
               .replace(/[\u0660-\u0669]/g, function (d) { return d.charCodeAt(0) - 0x0660; });
  }
  function persianDigits(text) {
    return String(text).replace(/\d/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹".charAt(+d); });
  }
  function toJalali(date) {
    var out = {};
    persian.formatToParts(date).forEach(function (part) {
      if (part.type === "year" || part.type === "month" || part.type === "day") out[part.type] = parseInt(part.value, 10);
    });
    return out;
  }
  function fromJalali(y, m, d) {
    if (m < 1 || m > 12 || d < 1 || d > 31) return null;
    var dayOfYear = m <= 6 ? (m - 1) * 31 + d : 186 + (m - 7) * 30 + d;
    var guess = Date.UTC(y + 621, 2, 20) + (dayOfYear - 1) * DAY;
    for (var delta = -2; delta <= 2; delta++) {
      var date = new Date(guess + delta * DAY), j = toJalali(date);
      if (j.year === y && j.month === m && j.day === d) return date;
    }
    return null;
  }
  function fromGregorian(y, m, d) {
    var date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
  }
  function parse(text) {
    text = latinDigits(text).replace(/[\u200c-\u200f]/g, "").replace(/ي/g, "ی").replace(/ك/g, "ک").trim();
    var m = /^(\d{3,4})\s*[\/\-.]\s*(\d{1,2})\s*[\/\-.]\s*(\d{1,2})$/.exec(text);
    if (m) {
      var y = +m[1];
      return y >= 1300 && y < 1500 ? fromJalali(y, +m[2], +m[3]) : fromGregorian(y, +m[2], +m[3]);
    }
    m = /^(\d{1,2})\s+(\S+)\s+(\d{3,4})$/.exec(text);
    if (m) {
      var month = m[2] === "امرداد" ? 5 : MONTHS.indexOf(m[2]) + 1;
      if (month) return fromJalali(+m[3], month, +m[1]);
    }
    return null;
  }
  function update(input) {
    var box = input.closest("[data-jalali-date]");
    var hint = box && box.querySelector(".jalali-date-hint");
    if (!hint) return;
    var value = input.value.trim();
    var date = value ? parse(value) : null;
    if (!value) {
      hint.textContent = "";
      hint.removeAttribute("data-invalid");
    } else if (!date) {
      hint.textContent = box.getAttribute("data-label-invalid");
      hint.setAttribute("data-invalid", "");
    } else {
      var j = toJalali(date);
      // As portal.forms.calendar_hint writes it: the reader's digits, the ISO date set apart (LRI … PDI).
      var iso = date.toISOString().slice(0, 10);
      var persianPage = ((box.closest("[lang]") || document.documentElement).lang || "").indexOf("fa") === 0;
      hint.textContent = box.getAttribute("data-label-jalali") + ": " +
        persianDigits(j.day + " " + MONTHS[j.month - 1] + " " + j.year) +
        (box.getAttribute("data-separator") || " · ") +
        box.getAttribute("data-label-gregorian") + ": " + (persianPage ? "\u2066" + persianDigits(iso) + "\u2069" : iso);
      hint.removeAttribute("data-invalid");
    }
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-jalali-date-input]")) update(event.target);
  });
  window.portalDateField = { parse: parse, toJalali: toJalali };
})();
