/* Charts of the key-task dashboards, drawn with ECharts from json_script data.
 *
 *   <div class="chart" data-task-chart="status|leaders" data-chart-source="ID"></div>
 *
 * status:  {"rows": [{"key": schedule, "name": "...", "value": n}]} tasks per schedule
 *          status as a doughnut, worst first.
 * leaders: {"labels": [...], "series": [{"key": "...", "name": "...", "values": [n]}]} each
 *          leader's tasks, seriously behind / behind / other stacked as horizontal bars.
 *
 * The containers are sized in site.css; a long leader list grows its own height here
 * (through the CSSOM, which the Content Security Policy allows, unlike a style attribute).
 */
(function () {
  "use strict";
  // The schedule badges' colours (tasks.css).
  var COLOURS = {
    seriously_behind: "#b3141c", behind: "#d97706", on_track: "#15803d", not_started: "#9ca3af",
    completed: "#1d4ed8", suspended: "#6b7280", other: "#cbd5e1"
  };
  var GRID = { lineStyle: { color: "#eceef1" } };

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function grow(el, rows, perRow) {
    var wanted = Math.max(el.clientHeight, rows * perRow + 80);
    if (wanted > el.clientHeight) { el.style.height = wanted + "px"; }
  }

  function statusOption(data) {
    return {
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0, type: "scroll" },
      series: [{
        type: "pie", radius: ["45%", "72%"], center: ["50%", "45%"], avoidLabelOverlap: true,
        label: { show: true, formatter: "{c}" },
        data: data.rows.map(function (row) {
          return { name: row.name, value: row.value, itemStyle: { color: COLOURS[row.key] } };
        })
      }]
    };
  }

  function leadersOption(data) {
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 12, right: 24, top: 36, bottom: 12, containLabel: true },
      xAxis: { type: "value", minInterval: 1, splitLine: GRID },
      yAxis: { type: "category", inverse: true, data: data.labels, axisLabel: { interval: 0, width: 120, overflow: "truncate" } },
      series: data.series.map(function (series) {
        return {
          name: series.name, type: "bar", stack: "tasks", barMaxWidth: 22,
          itemStyle: { color: COLOURS[series.key] }, data: series.values
        };
      })
    };
  }

  function draw(el) {
    if (!window.echarts || el.hasAttribute("data-chart-drawn")) { return; }
    var data = readData(el);
    if (!data) { return; }
    var option;
    if (el.getAttribute("data-task-chart") === "status") {
      option = statusOption(data);
    } else {
      grow(el, data.labels.length, 28);
      option = leadersOption(data);
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    el.setAttribute("data-chart-drawn", "");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawAll() {
    document.querySelectorAll("[data-task-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
