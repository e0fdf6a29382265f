/* sellerops pages: store switcher, the sales chart (ECharts). No inline scripts (CSP). */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function bindNavigation(root) {
    root.querySelectorAll("select[data-navigate]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (select.value && select.value.charAt(0) === "/") window.location.assign(select.value);
      });
    });
  }

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
            data: data.units
          }
        ]
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  onReady(function () {
    bindNavigation(document);
    drawCharts(document);
  });
})();
