/* Charts of double-lead members, drawn with ECharts from json_script data.
 *
 *   <div class="chart" data-dl-chart="years|townships" data-chart-source="ID"></div>
 *
 * years:     {"labels": [year], "own": [n], "increase": [n], "jobs": [n], "names": {...}}
 *            incomes as lines (10,000 yuan, left axis), jobs as bars (right axis).
 * townships: {"labels": [township], "kinds": [{"name", "data": [n]}], "members": [n],
 *            "households": [n], "names": {...}} enterprises stacked by kind, households beside.
 * trend:     {"labels": [year], "townships": [{"name", "households": [n], "income": [n|null]}],
 *            "names": {...}} one line per township of the measure in data-dl-measure.
 */
(function () {
  "use strict";
  var RED = "#b3141c";
  var BLUE = "#0d6efd";
  var GREY = "#9ca3af";

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function yearsOption(data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { data: [data.names.own, data.names.increase, data.names.jobs] },
      grid: { left: 40, right: 40, top: 50, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.labels },
      yAxis: [{ type: "value" }, { type: "value", minInterval: 1, splitLine: { show: false } }],
      series: [
        { name: data.names.own, type: "line", data: data.own, itemStyle: { color: RED } },
        { name: data.names.increase, type: "line", data: data.increase, itemStyle: { color: BLUE } },
        { name: data.names.jobs, type: "bar", yAxisIndex: 1, data: data.jobs, itemStyle: { color: GREY }, barMaxWidth: 28 }
      ]
    };
  }

  function townshipsOption(data) {
    var series = data.kinds.map(function (kind) {
      return { name: kind.name, type: "bar", stack: "enterprises", data: kind.data };
    });
    series.push({ name: data.names.households, type: "bar", data: data.households, itemStyle: { color: GREY } });
    series.push({ name: data.names.members, type: "line", data: data.members, itemStyle: { color: RED } });
    return {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll" },
      grid: { left: 40, right: 20, top: 50, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: series
    };
  }

  function trendOption(data, measure) {
    return {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll" },
      grid: { left: 40, right: 20, top: 50, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: data.names[measure], minInterval: measure === "households" ? 1 : 0 },
      series: data.townships.map(function (township) {
        return { name: township.name, type: "line", connectNulls: false, data: township[measure] };
      })
    };
  }

  var OPTIONS = { years: yearsOption, townships: townshipsOption, trend: trendOption };

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-dl-chart]").forEach(function (el) {
      var data = readData(el);
      var make = OPTIONS[el.getAttribute("data-dl-chart")];
      if (!data || !make) { return; }
      var chart = echarts.init(el);
      chart.setOption(make(data, el.getAttribute("data-dl-measure")));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
