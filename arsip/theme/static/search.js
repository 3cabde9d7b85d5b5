// The search page: Pagefind's index, searched as the reader types, narrowed by assessment year, zone,
// category, kind and province. Release and institution pages both carry these as Pagefind filters (an
// institution every year, zone and category it had), so a filter narrows both alike. Each option shows
// how many results choosing it would leave; the query and the filters live in the page's address, so a
// search can be shared, and opening such an address restores it. The filters' and facts' names are the site's
// own (`[search]` in site_config.toml): each select says which filter it is (data-facet: year, grade, category,
// kind, place) and, for a grade or a category, its filter together with the year (data-paired); the form names the
// facts a result shows (data-meta-institution, -score, -latest).
(function () {
  "use strict";
  var form = document.getElementById("pencarian");
  if (!form) return;
  var input = document.getElementById("kata");
  var status = document.getElementById("status-pencarian");
  var list = document.getElementById("hasil-pencarian");
  var more = document.getElementById("lebih-banyak");
  var words = document.getElementById("teks-pencarian").dataset;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var language = document.documentElement.lang || undefined;
  var PAGE = 50;            // results whose details are loaded at a time
  var FACET = {};           // each filter's name by what it is: FACET.year is the name of the year's select
  var PAIRED = {};          // a grade's or category's filter together with the year, by the select's name
  selects.forEach(function (select) {
    if (select.dataset.facet) FACET[select.dataset.facet] = select.name;
    if (select.dataset.paired) PAIRED[select.name] = select.dataset.paired;
  });
  var YEAR = FACET.year, GRADE = FACET.grade, CATEGORY = FACET.category, KIND = FACET.kind;
  var META = { institution: form.dataset.metaInstitution, score: form.dataset.metaScore, latest: form.dataset.metaLatest };
  var pagefind = null;
  var totals = {};          // every filter value's count over the whole index (no query, no filter)
  var latest = 0;           // the newest search; an older one that finishes later shows nothing
  var pending = [];         // results found but not shown yet
  var found = 0;

  form.hidden = false;
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    select.value = params.get(select.name) || "";
    if (select.selectedIndex < 0) select.value = ""; // a value this site does not have: all
  });

  function number(value) { return value.toLocaleString(language); }

  function chosen(except) {
    var filters = {};
    selects.forEach(function (select) { if (select.value && select.name !== except) filters[select.name] = select.value; });
    return filters;
  }

  function label(name, value) {
    var select = form.elements[name];
    var option = select ? Array.prototype.find.call(select.options, function (item) { return item.value === value; }) : null;
    return option ? option.dataset.label : value;
  }

  function remember(query) {
    var url = new URL(window.location.href);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    selects.forEach(function (select) { if (select.value) url.searchParams.set(select.name, select.value); });
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  }

  function showCounts(counts) {
    selects.forEach(function (select) {
      var values = counts ? counts[select.name] || {} : null;
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var count = values ? values[option.value] || 0 : null;
        option.textContent = count === null ? option.dataset.label : option.dataset.label + " (" + number(count) + ")";
        option.disabled = count === 0 && option.value !== select.value;
      });
    });
  }

  function text(value) { return document.createTextNode(value); }

  function element(name, className, content) {
    var node = document.createElement(name);
    if (className) node.className = className;
    node.textContent = content;
    return node;
  }

  function glance(meta) {
    // What a result is about, at a glance: the institution (or, on its own page, its kind), the year,
    // score, zone and category (an institution's page shows its latest result).
    var line = document.createElement("span");
    line.className = "meta";
    var who = meta[META.institution] || (meta[KIND] ? label(KIND, meta[KIND]) : "");
    if (who) line.appendChild(text(who));
    var newest = meta[META.latest]; // an institution's page: the year of its latest result
    var year = meta[YEAR] || newest;
    if (year) {
      if (who) line.appendChild(text(" · "));
      line.appendChild(text((newest ? words.latest + " (" + year + ")" : words.year + " " + year) + ":"));
      var result = element("span", "result", "");
      var score = meta[META.score], grade = meta[GRADE], category = meta[CATEGORY];
      if (score) result.appendChild(element("span", "score", score));
      if (grade) result.appendChild(element("span", "zone zone-" + grade.replace(/[^a-z-]/g, ""), label(GRADE, grade)));
      if (category) result.appendChild(element("span", "category", category));
      Array.prototype.slice.call(result.childNodes, 1).forEach(function (part) { result.insertBefore(text(" "), part); });
      line.appendChild(text(" "));
      line.appendChild(result);
    }
    return line.childNodes.length ? line : null;
  }

  function excerpt(html) {
    // Pagefind's excerpt is escaped text with <mark> around the hits. Parsed in an inert <template> it
    // keeps every space (a whole-document parser drops the spaces a piece starts with, gluing the word
    // after a hit to it); only its text and marks are kept.
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var paragraph = document.createElement("p");
    Array.prototype.forEach.call(holder.content.childNodes, function (node) {
      paragraph.appendChild(node.nodeName === "MARK" ? element("mark", "", node.textContent) : text(node.textContent));
    });
    return paragraph;
  }

  // The index holds the pages of the site's own language; a translation's search page (data-pages, e.g. /en/)
  // leads to the same page in its own language, which lives at the same path under its folder.
  function inLanguage(url) {
    var base = form.dataset.base, pages = form.dataset.pages;
    return pages && url.indexOf(base) === 0 ? pages + url.slice(base.length) : url;
  }

  function item(data) {
    var meta = data.meta || {};
    var entry = document.createElement("li");
    var link = element("a", "", meta.title || data.url);
    link.href = inLanguage(data.url);
    entry.appendChild(link);
    var line = glance(meta);
    if (line) entry.appendChild(line);
    entry.appendChild(excerpt(data.excerpt || ""));
    return entry;
  }

  async function showMore(ticket) {
    var batch = pending.splice(0, PAGE);
    var data = await Promise.all(batch.map(function (result) { return result.data(); }));
    if (ticket !== latest) return;
    data.forEach(function (result) { list.appendChild(item(result)); });
    var shown = list.children.length;
    if (!found) status.textContent = words.none;
    else if (shown < found) status.textContent = words.shown.replace("{count}", number(found)).replace("{shown}", number(shown));
    else status.textContent = words.count.replace("{count}", number(found));
    more.hidden = pending.length === 0;
    list.setAttribute("aria-busy", "false");
  }

  async function load() {
    // One bundle per assessment year besides the first: merged, they are searched as one index.
    var loaded = await import(form.dataset.bundle);
    var merged = form.dataset.merge ? form.dataset.merge.split(" ") : [];
    await Promise.all(merged.map(function (path) { return loaded.mergeIndex(path, { baseUrl: form.dataset.base }); }));
    totals = await loaded.filters(); // with every filter index loaded, each search also counts what each value leaves
    return loaded;
  }

  function indexed(values) {
    // The reader's choices as Pagefind filters. A year with a zone or a category is one value of a paired
    // filter ("2021:kuning"), so an institution yellow in 2021 and green in 2022 is not found for green 2021.
    var filters = {};
    Object.keys(values).forEach(function (name) {
      if (PAIRED[name] && values[YEAR]) filters[PAIRED[name]] = values[YEAR] + ":" + values[name];
      else if (name !== YEAR || !(values[GRADE] || values[CATEGORY])) filters[name] = values[name];
    });
    return filters;
  }

  function part(counts, prefix, suffix) {
    // The counts of a paired filter's values that share one half, under the other half: "2021:kuning" -> "kuning".
    var picked = {};
    Object.keys(counts || {}).forEach(function (key) {
      if (prefix && key.indexOf(prefix) === 0) picked[key.slice(prefix.length)] = counts[key];
      if (suffix && key.slice(-suffix.length) === suffix) picked[key.slice(0, -suffix.length)] = counts[key];
    });
    return picked;
  }

  async function countsOf(name, find) {
    // How many results each value of the filter `name` would leave, the reader's other choices kept.
    // Pagefind counts each value "in addition to" a search's filters, so it is asked without this one.
    var others = chosen(name);
    if (name === YEAR && others[GRADE] && others[CATEGORY]) { // two paired filters: each year asked on its own
      var years = {};
      for (var i = 1; i < form.elements[YEAR].options.length; i++) {
        var year = form.elements[YEAR].options[i].value;
        var asked = Object.assign({}, others);
        asked[YEAR] = year;
        years[year] = (await find(asked)).results.length;
      }
      return years;
    }
    var counts = (await find(others)).filters;
    if (PAIRED[name] && others[YEAR]) return part(counts[PAIRED[name]], others[YEAR] + ":", "");
    if (name === YEAR && others[GRADE]) return part(counts[PAIRED[GRADE]], "", ":" + others[GRADE]);
    if (name === YEAR && others[CATEGORY]) return part(counts[PAIRED[CATEGORY]], "", ":" + others[CATEGORY]);
    return counts[name] || {};
  }

  async function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    remember(query);
    if (!query && !Object.keys(chosen()).length) {
      list.textContent = "";
      list.setAttribute("aria-busy", "false");
      more.hidden = true;
      showCounts(null);
      status.textContent = words.type;
      return;
    }
    list.setAttribute("aria-busy", "true");
    status.textContent = words.searching;
    if (!pagefind) pagefind = load(); // one load, however fast the reader types
    var api = await pagefind;
    var term = query || null; // no words but a filter: every page the filters keep
    var asked = {};
    function find(values) { // one search per set of filters
      var filters = indexed(values);
      var key = JSON.stringify(filters);
      if (term === null && key === "{}") return Promise.resolve({ results: [], filters: totals });
      if (!asked[key]) asked[key] = api.search(term, { filters: filters });
      return asked[key];
    }
    var search = await find(chosen());
    var counts = {};
    for (var i = 0; i < selects.length; i++) counts[selects[i].name] = await countsOf(selects[i].name, find);
    if (ticket !== latest) return;
    showCounts(counts);
    list.textContent = "";
    pending = search.results.slice();
    found = pending.length;
    await showMore(ticket);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  selects.forEach(function (select) { select.addEventListener("change", run); });
  more.addEventListener("click", function () { list.setAttribute("aria-busy", "true"); showMore(latest); });
  run();
})();
