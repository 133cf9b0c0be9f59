/* The stage dashboard's chart, drawn with ECharts from json_script data.
 *
 *   <div class="chart" data-stages-chart="townships" data-chart-source="ID"></div>
 *
 * townships: {"labels": [township], "series": [{"key", "name", "data": [n]}]}: tasks done,
 *            done late, open and overdue stacked per township.
 */
(function () {
  "use strict";
  var COLOURS = { done: "#198754", done_late: "#0dcaf0", open: "#adb5bd", overdue: "#b3141c" };

  function townshipsOption(data) {
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll" },
      grid: { left: 40, right: 20, top: 50, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: 30, hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "tasks", data: s.data, itemStyle: { color: COLOURS[s.key] } };
      })
    };
  }

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-stages-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart-source"));
      if (!source) { return; }
      var chart = echarts.init(el);
      chart.setOption(townshipsOption(JSON.parse(source.textContent)));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
