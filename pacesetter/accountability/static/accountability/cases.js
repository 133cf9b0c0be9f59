/* The chart of the accountability case list: sanctions per kind (bars) and the points they
 * deduct (a second axis), drawn with ECharts from the json_script data
 *   {"labels": [...], "counts": [n], "points": [n], "names": {"count": "...", "points": "..."}}
 * into <div class="chart" data-sanction-chart data-chart-source="ID">, sized in site.css.
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
      legend: { data: [data.names.count, data.names.points], bottom: 0 },
      grid: { left: 12, right: 12, top: 24, bottom: 36, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, width: 90, overflow: "truncate" } },
      yAxis: [
        { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#eceef1" } } },
        { type: "value", minInterval: 1, splitLine: { show: false } }
      ],
      series: [
        { name: data.names.count, type: "bar", barMaxWidth: 28, itemStyle: { color: "#b3141c" }, data: data.counts },
        { name: data.names.points, type: "line", yAxisIndex: 1, itemStyle: { color: "#1f2937" }, data: data.points }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-sanction-chart]").forEach(draw);
  });
}());
