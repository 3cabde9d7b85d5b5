// The search page: Pagefind's index, searched as the reader types, narrowed by year, zone and kind.
// The filters use Pagefind metadata (data-pagefind-meta), which stays byte-identical between builds.
(function () {
  "use strict";
  var form = document.getElementById("pencarian");
  if (!form) return;
  var input = document.getElementById("kata");
  var status = document.getElementById("status-pencarian");
  var list = document.getElementById("hasil-pencarian");
  var words = document.getElementById("teks-pencarian").dataset;
  var filters = ["tahun", "zona", "jenis"].map(function (name) { return form.elements[name]; });
  var pagefind = null;
  var latest = 0;
  var LIMIT = 200;          // results whose details are loaded when no filter is chosen
  var FILTERED_LIMIT = 2000; // with a filter, more are loaded, since the filter applies to each result's details

  form.hidden = false;
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  filters.forEach(function (select) { select.value = params.get(select.name) || ""; });

  function matches(meta) {
    return filters.every(function (select) { return !select.value || meta[select.name] === select.value; });
  }

  function excerpt(html) {
    // Pagefind's excerpt is escaped text with <mark> around the hits: keep exactly that, as DOM nodes.
    var paragraph = document.createElement("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      var text = document.createTextNode(new DOMParser().parseFromString(part, "text/html").documentElement.textContent);
      if (marked) { var mark = document.createElement("mark"); mark.appendChild(text); paragraph.appendChild(mark); }
      else paragraph.appendChild(text);
      return marked;
    }, false);
    return paragraph;
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      item.appendChild(link);
      item.appendChild(excerpt(data.excerpt || ""));
      list.appendChild(item);
    });
    status.textContent = results.length ? words.count.replace("{count}", results.length) : words.none;
  }

  async function load() {
    // One bundle per assessment year besides the first: merged, they are searched as one index.
    var loaded = await import(form.dataset.bundle);
    var merged = form.dataset.merge ? form.dataset.merge.split(" ") : [];
    await Promise.all(merged.map(function (path) { return loaded.mergeIndex(path, { baseUrl: form.dataset.base }); }));
    return loaded;
  }

  async function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    var url = new URL(window.location.href);
    url.searchParams.set("q", query);
    filters.forEach(function (select) { if (select.value) url.searchParams.set(select.name, select.value); else url.searchParams.delete(select.name); });
    window.history.replaceState(null, "", url);
    if (!query) { list.textContent = ""; status.textContent = words.type; return; }
    status.textContent = words.searching;
    if (!pagefind) pagefind = load(); // one load, however fast the reader types
    var search = await (await pagefind).search(query);
    var filtering = filters.some(function (select) { return select.value; });
    var data = await Promise.all(search.results.slice(0, filtering ? FILTERED_LIMIT : LIMIT).map(function (result) { return result.data(); }));
    if (ticket === latest) show(data.filter(function (item) { return matches(item.meta || {}); }));
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  filters.forEach(function (select) { select.addEventListener("change", run); });
  run();
})();
