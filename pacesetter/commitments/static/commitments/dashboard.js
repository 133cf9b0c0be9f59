/* Charts of the commitments dashboard, drawn with ECharts from json_script data.
 *
 *   <div class="chart" data-dashboard-chart="rate|mix|months" data-chart-source="ID"></div>
 *
 * rate:   {"labels": [...], "values": [percent|null], "name": "..."} fulfilment rate per
 *         township, horizontal bars on a 0–100 axis ("-" where nothing is decided or due).
 * mix:    {"labels": [...], "series": [{"key": "...", "name": "...", "values": [n]}]} items per
 *         delivery status, one bar per sector stacked to 100% (the counts in the tooltip).
 * months: {"labels": ["YYYY-MM"], "values": [n], "cumulative": [n], "names": {...}} items
 *         delivered per month as bars, the running total as a line on its own axis.
 *
 * The containers are sized in site.css; a long township list grows its own height here
 * (through the CSSOM, which the Content Security Policy allows, unlike a style attribute).
 */
(function () {
  "use strict";
  var BAR = "#b3141c";
  // Bootstrap's success / primary / warning / danger, as the status badges.
  var STATUS_COLOURS = { delivered: "#198754", on_track: "#0d6efd", overdue: "#ffc107", not_delivered: "#dc3545" };
  var LINE = "#1f2937";
  var GRID = { lineStyle: { color: "#eceef1" } };

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function escape(text) {
    return window.echarts.format.encodeHTML(String(text));
  }

  function grow(el, rows, perRow) {
    var wanted = Math.max(el.clientHeight, rows * perRow + 80);
    if (wanted > el.clientHeight) { el.style.height = wanted + "px"; }
  }

  function rateOption(data) {
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return v === "-" ? "–" : v + "%"; } },
      grid: { left: 12, right: 36, top: 12, bottom: 12, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" }, splitLine: GRID },
      yAxis: { type: "category", inverse: true, data: data.labels, axisLabel: { interval: 0, width: 140, overflow: "truncate" } },
      series: [{
        name: data.name, type: "bar", barMaxWidth: 20,
        itemStyle: { color: BAR, opacity: 0.85, borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: "right", fontSize: 11, formatter: "{c}%" },
        data: data.values.map(function (value) { return value === null ? "-" : value; })
      }]
    };
  }

  // Each sector's items as shares of 100%, so a small sector's mix reads as well as a big one's.
  function mixOption(data) {
    var totals = data.labels.map(function (_label, i) {
      return data.series.reduce(function (sum, series) { return sum + series.values[i]; }, 0);
    });
    return {
      tooltip: {
        trigger: "axis", axisPointer: { type: "shadow" },
        formatter: function (params) {
          var i = params[0].dataIndex;
          return [escape(data.labels[i])].concat(params.map(function (p) {
            return p.marker + escape(p.seriesName) + ": " + data.series[p.seriesIndex].values[i] + " (" + p.value + "%)";
          })).join("<br>");
        }
      },
      legend: { top: 0, type: "scroll" },
      grid: { left: 12, right: 24, top: 36, bottom: 12, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" }, splitLine: GRID },
      yAxis: { type: "category", inverse: true, data: data.labels, axisLabel: { interval: 0, width: 140, overflow: "truncate" } },
      series: data.series.map(function (series) {
        return {
          name: series.name, type: "bar", stack: "status", barMaxWidth: 24,
          itemStyle: { color: STATUS_COLOURS[series.key] },
          label: { show: true, fontSize: 11, color: "#fff", formatter: function (p) { return p.value >= 10 ? p.value + "%" : ""; } },
          data: series.values.map(function (n, i) { return totals[i] ? Math.round(n * 1000 / totals[i]) / 10 : 0; })
        };
      })
    };
  }

  function monthsOption(data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [data.names.values, data.names.cumulative] },
      grid: { left: 12, right: 12, top: 36, bottom: 12, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: "value", minInterval: 1, splitLine: GRID },
        { type: "value", minInterval: 1, splitLine: { show: false } }
      ],
      series: [
        { name: data.names.values, type: "bar", barMaxWidth: 36, itemStyle: { color: BAR, borderRadius: [3, 3, 0, 0] }, data: data.values },
        { name: data.names.cumulative, type: "line", yAxisIndex: 1, itemStyle: { color: LINE }, data: data.cumulative }
      ]
    };
  }

  function draw(el) {
    if (!window.echarts || el.hasAttribute("data-chart-drawn")) { return; }
    var data = readData(el);
    if (!data) { return; }
    var kind = el.getAttribute("data-dashboard-chart");
    var option;
    if (kind === "rate") {
      grow(el, data.labels.length, 28);
      option = rateOption(data);
    } else if (kind === "mix") {
      grow(el, data.labels.length, 34);
      option = mixOption(data);
    } else {
      option = monthsOption(data);
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    el.setAttribute("data-chart-drawn", "");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawAll() {
    document.querySelectorAll("[data-dashboard-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
