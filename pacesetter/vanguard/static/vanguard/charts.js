/* Charts of vanguard projects, drawn with ECharts from json_script data.
 *
 *   <div class="chart" data-vg-chart="progress|townships|results" data-chart-source="ID"></div>
 *
 * progress:  {"labels": [day], "percent": [n], "names": {"percent"}}  percent done as a line, 0–100.
 * townships: {"labels": [township], "kinds": [{"name", "data": [n]}]}  projects stacked by kind.
 * results:   {"labels": [township], "money": [yuan], "problems": [n], "names": {...}}
 *            money saved as bars (left axis), problems solved as a line (right axis).
 */
(function () {
  "use strict";
  var RED = "#b3141c";
  var BLUE = "#0d6efd";

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function progressOption(data) {
    return {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
      grid: { left: 40, right: 20, top: 20, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: [{ name: data.names.percent, type: "line", step: "end", data: data.percent, itemStyle: { color: RED },
                 areaStyle: { opacity: 0.12 } }]
    };
  }

  function townshipsOption(data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll" },
      grid: { left: 40, right: 20, top: 50, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: data.kinds.map(function (kind) {
        return { name: kind.name, type: "bar", stack: "projects", data: kind.data };
      })
    };
  }

  function resultsOption(data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { data: [data.names.money, data.names.problems] },
      grid: { left: 40, right: 40, top: 50, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: [{ type: "value" }, { type: "value", minInterval: 1, splitLine: { show: false } }],
      series: [
        { name: data.names.money, type: "bar", data: data.money, itemStyle: { color: RED }, barMaxWidth: 28 },
        { name: data.names.problems, type: "line", yAxisIndex: 1, data: data.problems, itemStyle: { color: BLUE } }
      ]
    };
  }

  var OPTIONS = { progress: progressOption, townships: townshipsOption, results: resultsOption };

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-vg-chart]").forEach(function (el) {
      var data = readData(el);
      var make = OPTIONS[el.getAttribute("data-vg-chart")];
      if (!data || !make) { return; }
      var chart = echarts.init(el);
      chart.setOption(make(data));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
