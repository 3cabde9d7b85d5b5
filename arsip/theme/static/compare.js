// The comparison page: two to four institutions' score histories in one chart and one table, read from the
// open data (data/awards.json). The choice lives in the address (?i=slug1,slug2), so a reload or a shared
// link shows the same comparison. A score given under another method than the institution's previous one
// (a change of rubric period, such as 2022's) is not joined to it by the line and is marked in the table.
(function () {
  "use strict";
  var root = document.getElementById("banding");
  if (!root) return;
  var words = document.getElementById("kata-banding").dataset;
  var form = document.getElementById("pilih-instansi");
  var select = document.getElementById("instansi-baru");
  var status = document.getElementById("status-banding");
  var chosenList = document.getElementById("dipilih");
  var figure = document.getElementById("grafik-banding");
  var tableBox = document.getElementById("tabel-banding");
  var note = document.getElementById("catatan-banding");
  var SVG = "http://www.w3.org/2000/svg";
  var MAX = 4, MIN = 2;
  var COLOURS = ["s0", "s1", "s2", "s3"];  // classes: the colours are the stylesheet's, light or dark
  var SHAPES = ["circle", "square", "triangle", "diamond"];
  var byslug = {};
  var chosen = [];

  root.hidden = false;
  status.textContent = words.loading;

  function fromAddress() {
    var value = new URLSearchParams(window.location.search).get("i") || "";
    var seen = {};
    return value.split(",").filter(function (slug) {
      if (!byslug[slug] || seen[slug]) return false;
      seen[slug] = true;
      return true;
    }).slice(0, MAX);
  }

  function toAddress() {
    var query = chosen.length ? "?i=" + chosen.map(encodeURIComponent).join(",") : "";
    window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
  }

  function score(award) {
    var text = award.decimals === null || award.decimals === undefined ? String(award.score) : award.score.toFixed(award.decimals);
    return text.replace(".", words.decimal);
  }

  function element(name, attributes, text) {
    var node = name.indexOf("svg:") === 0 ? document.createElementNS(SVG, name.slice(4)) : document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function marker(shape, x, y, colour) {
    var size = 5.5;
    if (shape === "circle") return element("svg:circle", {cx: x, cy: y, r: size, "class": colour});
    if (shape === "square") return element("svg:rect", {x: x - size, y: y - size, width: 2 * size, height: 2 * size, "class": colour});
    var points = shape === "triangle"
      ? [[x, y - size - 1], [x + size + 1, y + size], [x - size - 1, y + size]]
      : [[x, y - size - 1], [x + size + 1, y], [x, y + size + 1], [x - size - 1, y]];
    return element("svg:polygon", {points: points.map(function (p) { return p.join(","); }).join(" "), "class": colour});
  }

  function swatch(index) {
    var svg = element("svg:svg", {viewBox: "0 0 28 14", width: "28", height: "14", "aria-hidden": "true", focusable: "false"});
    svg.appendChild(element("svg:line", {x1: 0, x2: 28, y1: 7, y2: 7, "class": "series " + COLOURS[index]}));
    svg.appendChild(marker(SHAPES[index], 14, 7, COLOURS[index]));
    return svg;
  }

  function renderChosen() {
    chosenList.textContent = "";
    chosen.forEach(function (slug, index) {
      var item = element("li");
      item.appendChild(swatch(index));
      item.appendChild(element("a", {href: root.dataset.base + byslug[slug].url.slice(1)}, byslug[slug].name));
      var remove = element("button", {type: "button", "data-slug": slug}, words.remove);
      remove.appendChild(element("span", {"class": "visually-hidden"}, " " + byslug[slug].name));
      item.appendChild(remove);
      chosenList.appendChild(item);
    });
    Array.prototype.forEach.call(select.options, function (option) { option.disabled = chosen.indexOf(option.value) >= 0; });
    var next = Array.prototype.find.call(select.options, function (option) { return !option.disabled; });
    if (next && select.selectedOptions[0] && select.selectedOptions[0].disabled) select.value = next.value;
    form.querySelector("button").disabled = chosen.length >= MAX;
    status.textContent = chosen.length >= MAX ? words.limit : chosen.length < MIN ? words.need : "";
  }

  function years() {
    var all = {};
    chosen.forEach(function (slug) { byslug[slug].awards.forEach(function (award) { all[award.year] = true; }); });
    return Object.keys(all).map(Number).sort(function (a, b) { return a - b; });
  }

  function periodOf(year) {
    for (var i = 0; i < chosen.length; i++) {
      var award = byslug[chosen[i]].awards.find(function (a) { return a.year === year && a.period; });
      if (award) return award.period;
    }
    return null;
  }

  function renderChart(allYears) {
    figure.textContent = "";
    var scoredYears = allYears.filter(function (year) {
      return chosen.some(function (slug) { return byslug[slug].awards.some(function (a) { return a.year === year && a.score !== null; }); });
    });
    figure.hidden = scoredYears.length === 0;
    if (figure.hidden) return;
    var width = 560, height = 300, left = 44, right = 16, top = 34, bottom = 34;
    var top100 = 100;
    chosen.forEach(function (slug) { byslug[slug].awards.forEach(function (a) { if (a.score !== null && a.score > top100) top100 = a.score; }); });
    var first = scoredYears[0], last = scoredYears[scoredYears.length - 1];
    var span = Math.max(last - first, 1), plot = width - left - right, column = plot / (span + 1);
    function x(year) { return last > first ? left + column / 2 + (year - first) * (plot - column) / span : left + plot / 2; }
    function y(value) { return top + (height - top - bottom) * (1 - value / top100); }
    var names = chosen.map(function (slug) { return byslug[slug].name; }).join(", ");
    var titleId = "grafik-banding-judul";
    var svg = element("svg:svg", {viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": titleId, width: "100%"});
    svg.appendChild(element("svg:title", {id: titleId}, words.chart.replace("{names}", names)));
    for (var v = 0; v <= top100; v += 20) {
      svg.appendChild(element("svg:line", {"class": "grid", x1: left, x2: width - right, y1: y(v), y2: y(v)}));
      svg.appendChild(element("svg:text", {"class": "tick", x: left - 6, y: y(v) + 5, "text-anchor": "end"}, String(v)));
    }
    scoredYears.forEach(function (year) {
      svg.appendChild(element("svg:text", {"class": "tick", x: x(year), y: height - 8, "text-anchor": "middle"}, String(year)));
    });
    for (var i = 1; i < scoredYears.length; i++) {
      var before = periodOf(scoredYears[i - 1]), after = periodOf(scoredYears[i]);
      if (before && after && before !== after) {
        var at = (x(scoredYears[i - 1]) + x(scoredYears[i])) / 2;
        svg.appendChild(element("svg:line", {"class": "method-break", x1: at, x2: at, y1: top - 14, y2: y(0)}));
        svg.appendChild(element("svg:text", {"class": "tick method", x: at, y: top - 18, "text-anchor": "middle"},
          words.method.replace("{year}", String(scoredYears[i]))));
      }
    }
    chosen.forEach(function (slug, index) {
      var run = [];
      var runs = [run];
      byslug[slug].awards.forEach(function (award) {
        if (award.score === null) return;
        if (award.comparable === false && run.length) { run = []; runs.push(run); }
        run.push([x(award.year), y(award.score)]);
      });
      runs.forEach(function (points) {
        if (points.length < 2) return;
        svg.appendChild(element("svg:polyline", {"class": "series " + COLOURS[index],
          points: points.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ")}));
      });
      runs.forEach(function (points) {
        points.forEach(function (p) { svg.appendChild(marker(SHAPES[index], p[0], p[1], COLOURS[index])); });
      });
    });
    figure.appendChild(svg);
  }

  function cell(award) {
    var td = element("td", {"class": "num"});
    if (!award) { td.appendChild(element("span", {"class": "muted"}, "—")); return td; }
    if (award.score !== null) td.appendChild(element("span", {"class": "score"}, score(award)));
    else td.appendChild(element("span", {"class": "muted"}, words.noScore));
    if (award.comparable === false) td.appendChild(element("span", {"class": "not-comparable-mark", title: note.textContent}, "†"));
    if (award.zone) {  // the zone as a badge, as on every other page: its colour, its marker and its name
      var zoneName = words["zone" + award.zone.charAt(0).toUpperCase() + award.zone.slice(1)];
      td.appendChild(element("span", {"class": "cell-detail"})).appendChild(element("span", {"class": "zone zone-" + award.zone.replace(/[^a-z0-9-]/g, "")}, zoneName));
    }
    if (award.category) td.appendChild(element("span", {"class": "cell-detail"}, award.category));
    return td;
  }

  function renderTable(allYears) {
    tableBox.textContent = "";
    tableBox.hidden = chosen.length === 0;
    note.hidden = !chosen.some(function (slug) { return byslug[slug].awards.some(function (a) { return a.comparable === false; }); });
    if (tableBox.hidden) return;
    var table = element("table", {"class": "compare-table"});
    table.appendChild(element("caption", {}, words.table));
    var head = element("tr");
    head.appendChild(element("th", {scope: "col"}, words.year));
    chosen.forEach(function (slug) { head.appendChild(element("th", {scope: "col", "class": "num"}, byslug[slug].name)); });
    table.appendChild(element("thead")).appendChild(head);
    var body = table.appendChild(element("tbody"));
    allYears.slice().reverse().forEach(function (year) {
      var row = element("tr");
      row.appendChild(element("th", {scope: "row", "class": "year"}, String(year)));
      chosen.forEach(function (slug) {
        row.appendChild(cell(byslug[slug].awards.find(function (a) { return a.year === year; })));
      });
      body.appendChild(row);
    });
    tableBox.appendChild(table);
  }

  function render() {
    renderChosen();
    var allYears = years();
    renderChart(allYears);
    renderTable(allYears);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var slug = select.value;
    if (!byslug[slug] || chosen.indexOf(slug) >= 0 || chosen.length >= MAX) return;
    chosen.push(slug);
    toAddress();
    render();
  });

  chosenList.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-slug]");
    if (!button) return;
    chosen = chosen.filter(function (slug) { return slug !== button.dataset.slug; });
    toAddress();
    render();
    select.focus();
  });

  fetch(root.dataset.source)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    })
    .then(function (data) {
      data.institutions.forEach(function (institution) { byslug[institution.slug] = institution; });
      chosen = fromAddress();
      render();
    })
    .catch(function () { status.textContent = words.failed; });
})();
