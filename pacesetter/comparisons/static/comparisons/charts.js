/* Charts of the four comparisons, drawn with ECharts from json_script data.
 *
 *   <div class="chart" data-compare-chart="trend|histogram|bars|groups" data-chart-source="ID"
 *        [data-chart-renderer="svg"]></div>
 *
 * trend:     {"labels": [round], "composite": [n|null], "percentile": [n|null], "grades": [label],
 *             "names": {...}} two lines on one 0–100 axis, round by round.
 * histogram: {"labels": [band], "counts": [n], "marked": index|null, "box": [min, q1, median, q3, max]|null,
 *             "composite": n|null, "names": {...}} peers per score band (the organisation's band red)
 *             and the peer group's box plot on the score axis below it.
 * bars:      {"labels": [...], "composite": [n|null], "grades": [key], "names": {...}} a bar per unit,
 *             coloured by grade.
 * groups:    {"labels": [...], "mean": [n], "focus": [bool], "county": n|null, "grades": [{"key", "name",
 *             "data": [n]}], "names": {...}} mean bars with the county mean as a line, and organisations
 *             per grade stacked on a second axis.
 *
 * A button with data-print prints the page (the report); the Content Security Policy forbids
 * an inline onclick.
 */
(function () {
  "use strict";
  var RED = "#b3141c";
  var GREY = "#9ca3af";
  var BLUE = "#0d6efd";
  var GRADE_COLOURS = { advanced: "#198754", good: "#0d6efd", fair: "#ffc107", lagging: "#dc3545", none: "#6c757d" };

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function grow(el, rows, perRow) {
    var wanted = Math.max(el.clientHeight, rows * perRow + 90);
    if (wanted > el.clientHeight) { el.style.height = wanted + "px"; }
  }

  function trendOption(data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { data: [data.names.composite, data.names.percentile] },
      grid: { left: 40, right: 20, top: 40, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value", min: 0, max: 100 },
      series: [
        { name: data.names.composite, type: "line", data: data.composite, connectNulls: true, itemStyle: { color: RED },
          label: { show: true, formatter: function (p) { return data.grades[p.dataIndex] || ""; }, position: "top" } },
        { name: data.names.percentile, type: "line", data: data.percentile, connectNulls: true, itemStyle: { color: BLUE },
          lineStyle: { type: "dashed" } }
      ]
    };
  }

  function histogramOption(data) {
    var option = {
      tooltip: { trigger: "item" },
      grid: [{ left: 40, right: 20, top: 20, height: "55%", containLabel: true },
             { left: 40, right: 20, bottom: 10, height: "18%", containLabel: true }],
      xAxis: [{ type: "category", data: data.labels, gridIndex: 0 },
              { type: "value", min: 0, max: 100, gridIndex: 1 }],
      yAxis: [{ type: "value", minInterval: 1, gridIndex: 0 },
              { type: "category", data: [data.names.box], gridIndex: 1, axisLabel: { show: false } }],
      series: [{
        name: data.names.peers, type: "bar", xAxisIndex: 0, yAxisIndex: 0,
        data: data.counts.map(function (n, i) { return { value: n, itemStyle: { color: i === data.marked ? RED : GREY } }; })
      }]
    };
    if (data.box) {
      option.series.push({ name: data.names.box, type: "boxplot", xAxisIndex: 1, yAxisIndex: 1, data: [data.box],
                           itemStyle: { borderColor: "#1f2937" } });
      if (data.composite !== null) {
        option.series.push({ name: data.names.own, type: "scatter", xAxisIndex: 1, yAxisIndex: 1, symbolSize: 12,
                             data: [[data.composite, 0]], itemStyle: { color: RED } });
      }
    }
    return option;
  }

  function barsOption(data) {
    return {
      tooltip: { trigger: "item" },
      grid: { left: 10, right: 30, top: 10, bottom: 20, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100 },
      yAxis: { type: "category", data: data.labels, inverse: true },
      series: [{
        name: data.names.composite, type: "bar",
        data: data.composite.map(function (v, i) { return { value: v, itemStyle: { color: GRADE_COLOURS[data.grades[i]] || GREY } }; })
      }]
    };
  }

  function groupsOption(data) {
    var series = [{
      name: data.names.mean, type: "bar", xAxisIndex: 0, yAxisIndex: 0,
      data: data.mean.map(function (v, i) { return { value: v, itemStyle: { color: data.focus[i] ? RED : GREY } }; }),
      markLine: data.county === null ? undefined : {
        symbol: "none", label: { formatter: data.names.county + ": {c}" }, data: [{ xAxis: data.county }]
      }
    }];
    data.grades.forEach(function (grade) {
      series.push({ name: grade.name, type: "bar", stack: "grades", xAxisIndex: 1, yAxisIndex: 1, data: grade.data,
                    itemStyle: { color: GRADE_COLOURS[grade.key] } });
    });
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { data: data.grades.map(function (g) { return g.name; }), right: 0 },
      grid: [{ left: 10, width: "45%", top: 40, bottom: 20, containLabel: true },
             { right: 10, width: "45%", top: 40, bottom: 20, containLabel: true }],
      xAxis: [{ type: "value", min: 0, max: 100, gridIndex: 0 }, { type: "value", minInterval: 1, gridIndex: 1 }],
      yAxis: [{ type: "category", data: data.labels, inverse: true, gridIndex: 0 },
              { type: "category", data: data.labels, inverse: true, gridIndex: 1, axisLabel: { show: false } }],
      series: series
    };
  }

  var OPTIONS = { trend: trendOption, histogram: histogramOption, bars: barsOption, groups: groupsOption };

  function draw(el) {
    if (!window.echarts || el.hasAttribute("data-chart-drawn")) { return; }
    var data = readData(el);
    var kind = el.getAttribute("data-compare-chart");
    if (!data || !OPTIONS[kind]) { return; }
    if (kind === "bars" || kind === "groups") { grow(el, data.labels.length, 24); }
    var chart = window.echarts.init(el, null, { renderer: el.getAttribute("data-chart-renderer") || "canvas" });
    chart.setOption(OPTIONS[kind](data));
    el.setAttribute("data-chart-drawn", "");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() {
    document.querySelectorAll("[data-compare-chart]").forEach(draw);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
