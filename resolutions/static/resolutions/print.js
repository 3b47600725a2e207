// The "Print" button of the printable minutes (no inline script: the site's CSP forbids it).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
