// Title suggestions for the search box: fills the input's <datalist> from /api/search/autocomplete/.
(function () {
  "use strict";
  const input = document.querySelector("input[data-autocomplete]");
  if (!input || !input.list || !window.fetch) return;
  const list = input.list;
  let timer = null;
  let controller = null;

  function show(results) {
    list.replaceChildren(...results.map((result) => {
      const option = document.createElement("option");
      option.value = result.title;
      return option;
    }));
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (!prefix) { show([]); return; }
    timer = setTimeout(() => {
      if (controller) controller.abort();
      controller = new AbortController();
      const url = input.dataset.autocomplete + "?q=" + encodeURIComponent(prefix);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => show(data.results || []))
        .catch(() => {});
    }, 200);
  });
})();
