/* The selection page's chart: nominations per status (bars), drawn with ECharts from the
 * json_script data {"labels": [...], "counts": [n], "name": "..."} into
 * <div class="sel-chart" data-status-chart data-chart-source="ID">, sized in selections.css.
 */
(function () {
  "use strict";

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 12, right: 12, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, width: 80, overflow: "break" } },
      yAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#eceef1" } } },
      series: [{ name: data.name, type: "bar", barMaxWidth: 28, itemStyle: { color: "#b3141c" }, data: data.counts }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-status-chart]").forEach(draw);
  });
}());
