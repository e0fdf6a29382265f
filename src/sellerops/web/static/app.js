/* sellerops pages: store switcher, charts (ECharts), uploads. No inline scripts (CSP). */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  // Today: a finding changed in place (htmx) sends the count line as it is now
  document.addEventListener("sellerops-findings-count", function (e) {
    var line = document.getElementById("findings-count");
    if (line && e.detail && typeof e.detail.text === "string") line.textContent = e.detail.text;
  });

  function bindNavigation(root) {
    root.querySelectorAll("select[data-navigate]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (select.value && select.value.charAt(0) === "/") window.location.assign(select.value);
      });
    });
  }

  /* A line draws nothing for a value with no value either side (a day between two gaps,
     or the first / last day next to a gap): such a value gets a dot of its own. */
  function lonePoints(values) {
    var known = function (i) { return i >= 0 && i < values.length && values[i] !== null; };
    return values.map(function (v, i) {
      if (v === null || known(i - 1) || known(i + 1)) return v;
      return { value: v, symbol: "circle", symbolSize: 5 };
    });
  }
  window.sellerops = { lonePoints: lonePoints };

  function drawCharts(root) {
    if (typeof window.echarts === "undefined") return;
    root.querySelectorAll("[data-chart-source]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart-source"));
      if (!source) return;
      var data = JSON.parse(source.textContent);
      var font = getComputedStyle(document.body).fontFamily;
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      var last = data.sales.length - 1;
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: font },
        grid: { left: 48, right: 40, top: 28, bottom: 24 },
        legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
        tooltip: { trigger: "axis" },
        xAxis: {
          type: "category",
          data: data.labels,
          axisTick: { show: false },
          axisLabel: { fontSize: 10, color: "#6b7280" },
          axisLine: { lineStyle: { color: "#d1d5db" } }
        },
        yAxis: [
          { type: "value", splitLine: { lineStyle: { color: "#eef0f3" } },
            axisLabel: { fontSize: 10, color: "#6b7280" } },
          { type: "value", splitLine: { show: false },
            axisLabel: { fontSize: 10, color: "#6b7280" } }
        ],
        series: [
          {
            name: data.names.sales, type: "bar", barMaxWidth: 14,
            itemStyle: { color: "#9db7dc" },
            data: data.sales.map(function (v, i) {
              return { value: v, itemStyle: { color: i === last ? "#1f4e8c" : "#9db7dc" } };
            })
          },
          {
            name: data.names.units, type: "line", yAxisIndex: 1, symbol: "none", smooth: true,
            lineStyle: { width: 2, color: "#d97706" }, itemStyle: { color: "#d97706" },
            data: lonePoints(data.units)
          }
        ]
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  var AXIS = { fontSize: 10, color: "#6b7280" };

  function line(name, data, color, axis, extra) {
    var s = { name: name, type: "line", yAxisIndex: axis, symbol: "none", connectNulls: false,
      lineStyle: { width: 1.6, color: color }, itemStyle: { color: color }, data: data };
    s = Object.assign(s, extra || {});
    if (!s.connectNulls) s.data = lonePoints(data);  // a joined-up line has no lone point
    return s;
  }

  /* One product on one time axis: four stacked grids share the dates (and the zoom). */
  function drawProductCharts(root) {
    if (typeof window.echarts === "undefined") return;
    root.querySelectorAll("[data-product-chart]").forEach(function (el) {
      var d = JSON.parse(document.getElementById(el.getAttribute("data-product-chart")).textContent);
      var n = d.names;
      var grids = [
        { left: 56, right: 56, top: 56, height: "19%" },
        { left: 56, right: 56, top: "34%", height: "16%" },
        { left: 56, right: 56, top: "56%", height: "14%" },
        { left: 56, right: 56, top: "76%", height: "14%" }
      ];
      var xAxes = grids.map(function (g, i) {
        return { type: "category", gridIndex: i, data: d.labels, axisTick: { show: false },
          axisLabel: Object.assign({ show: i === grids.length - 1 }, AXIS),
          axisLine: { lineStyle: { color: "#d1d5db" } } };
      });
      var y = function (grid, name, extra) {
        return Object.assign({ type: "value", gridIndex: grid, name: name, nameTextStyle: AXIS,
          splitLine: { lineStyle: { color: "#eef0f3" } }, axisLabel: AXIS }, extra || {});
      };
      var yAxes = [
        y(0, n.sales), y(0, n.units, { splitLine: { show: false } }),
        y(1, n.sessions), y(1, "%", { splitLine: { show: false }, max: 100 }),
        y(2, n.price), y(2, n.buy_box, { splitLine: { show: false }, max: 100 }),
        y(3, n.stock)
      ];
      var bar = { type: "bar", barMaxWidth: 6 };
      var series = [
        Object.assign({ name: n.sales, xAxisIndex: 0, yAxisIndex: 0, data: d.sales,
          itemStyle: { color: "#9db7dc" } }, bar),
        line(n.units, d.units, "#d97706", 1, { xAxisIndex: 0 }),
        line(n.forecast, d.forecast, "#7c3aed", 1, { xAxisIndex: 0, lineStyle: { type: "dashed", width: 1.6, color: "#7c3aed" } }),
        line(n.forecast_p90, d.forecast_p90, "#c4b5fd", 1, { xAxisIndex: 0, lineStyle: { type: "dotted", width: 1.2, color: "#a78bfa" } }),
        line(n.sessions, d.sessions, "#0f766e", 2, { xAxisIndex: 1 }),
        line(n.conversion, d.conversion, "#be185d", 3, { xAxisIndex: 1 }),
        line(n.price, d.price, "#1f4e8c", 4, { xAxisIndex: 2, step: "end" }),
        line(n.buy_box, d.buy_box, "#dc2626", 5, { xAxisIndex: 2, step: "end" }),
        line(n.stock, d.stock, "#047857", 6, { xAxisIndex: 3, step: "end", connectNulls: true,
          areaStyle: { color: "rgba(4,120,87,0.08)" } })
      ];
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
        tooltip: { trigger: "axis" },
        axisPointer: { link: [{ xAxisIndex: "all" }] },
        grid: grids, xAxis: xAxes, yAxis: yAxes, series: series,
        // no stock history (a merchant-fulfilled SKU): the empty panel says why
        graphic: d.stock_note ? [{ type: "text", left: "center", top: "81%",
          style: { text: d.stock_note, fill: "#6b7280", fontSize: 12 } }] : []
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  /* Imports: drag and drop onto the form, upload with a progress bar, results in place.
     Without scripts the form posts normally and the page comes back with the results. */
  function bindUpload(root) {
    var form = root.querySelector("#upload-form");
    if (!form) return;
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector("#dropzone");
    var chosen = form.querySelector("#upload-chosen");
    var bar = form.querySelector("#upload-progress");
    var status = form.querySelector("#upload-status");
    var showChosen = function () {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      chosen.textContent = names.join(", ");
    };
    input.addEventListener("change", showChosen);
    ["dragenter", "dragover"].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      zone.addEventListener(t, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        showChosen();
      }
    });
    form.addEventListener("submit", function (e) {
      if (!input.files.length) return;
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-Upload", "fetch");
      bar.hidden = false;
      bar.value = 0;
      status.textContent = status.getAttribute("data-uploading");
      xhr.upload.addEventListener("progress", function (p) {
        if (p.lengthComputable) bar.value = Math.round((100 * p.loaded) / p.total);
        if (p.loaded === p.total) status.textContent = status.getAttribute("data-importing");
      });
      xhr.addEventListener("load", function () {
        bar.hidden = true;
        if (xhr.status === 200) {
          status.textContent = "";
          /* the answer: the results, and the import history with the new batches in it */
          var answer = document.createElement("div");
          answer.innerHTML = xhr.responseText;
          var fresh = answer.querySelector("#import-history");
          var shown = document.getElementById("import-history");
          if (fresh && shown) shown.replaceWith(fresh);
          var results = answer.querySelector(".upload-answer");
          document.getElementById("upload-results").innerHTML = results ? results.innerHTML : "";
          form.reset();
          chosen.textContent = "";
        } else {
          status.textContent = status.getAttribute("data-failed") + " (" + xhr.status + ")";
        }
      });
      xhr.addEventListener("error", function () {
        bar.hidden = true;
        status.textContent = status.getAttribute("data-failed");
      });
      xhr.send(new FormData(form));
    });
  }

  /* Profit: item sales (bars) and profit (bars, red when negative, hatched when estimated);
     a period no order or settlement data covers is null: no bar (a gap), not a 0. */
  function drawProfitCharts(root) {
    if (typeof window.echarts === "undefined") return;
    root.querySelectorAll("[data-profit-chart]").forEach(function (el) {
      var d = JSON.parse(document.getElementById(el.getAttribute("data-profit-chart")).textContent);
      var labels = d.labels.map(function (l) { return l.split("/").pop().slice(5); });
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        grid: { left: 64, right: 16, top: 28, bottom: 24 },
        legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 },
          data: [d.names.sales, d.names.profit] },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: labels, axisTick: { show: false }, axisLabel: AXIS,
          axisLine: { lineStyle: { color: "#d1d5db" } } },
        yAxis: { type: "value", splitLine: { lineStyle: { color: "#eef0f3" } }, axisLabel: AXIS },
        series: [
          { name: d.names.sales, type: "bar", barMaxWidth: 22, itemStyle: { color: "#c9d7ea" },
            data: d.sales.map(function (v) { return v === null ? "-" : v; }) },
          { name: d.names.profit, type: "bar", barMaxWidth: 22, itemStyle: { color: "#047857" },
            data: d.profit.map(function (v, i) {
              if (v === null) return "-";
              var color = v < 0 ? "#b91c1c" : "#047857";
              return { value: v, itemStyle: { color: color, opacity: d.estimated[i] ? 0.55 : 1,
                decal: d.estimated[i] ? { symbol: "rect", dashArrayX: [1, 0],
                  dashArrayY: [2, 3], rotation: -0.785, color: "rgba(255,255,255,0.5)" } : null } };
            }) }
        ]
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  /* A header checkbox ticks every row checkbox of the same name (bulk approve). */
  function bindCheckAll(root) {
    root.addEventListener("change", function (e) {
      var box = e.target;
      if (!box || !box.hasAttribute || !box.hasAttribute("data-check-all")) return;
      var name = box.getAttribute("data-check-all");
      document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (c) {
        c.checked = box.checked;
      });
    });
  }

  onReady(function () {
    bindNavigation(document);
    drawProfitCharts(document);
    bindCheckAll(document);
    drawCharts(document);
    drawProductCharts(document);
    bindUpload(document);
  });
})();
