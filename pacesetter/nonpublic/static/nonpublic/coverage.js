/* Coverage charts, drawn with ECharts from json_script data.
 *
 *   <div class="chart" data-np-chart="bars|lines" data-chart-source="ID"></div>
 *
 * data: {"labels": [township or month], "entities": [percent], "employees": [percent],
 *        "names": {"entities", "employees"}}; bars per township, lines over the months.
 */
(function () {
  "use strict";
  var RED = "#b3141c";
  var BLUE = "#0d6efd";

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function option(data, type) {
    return {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null ? "—" : v + "%"; } },
      legend: { data: [data.names.entities, data.names.employees] },
      grid: { left: 40, right: 20, top: 50, bottom: 30, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, hideOverlap: true, rotate: type === "bar" ? 30 : 0 } },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: data.names.entities, type: type, data: data.entities, itemStyle: { color: RED }, barMaxWidth: 24 },
        { name: data.names.employees, type: type, data: data.employees, itemStyle: { color: BLUE }, barMaxWidth: 24 }
      ]
    };
  }

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-np-chart]").forEach(function (el) {
      var data = readData(el);
      if (!data) { return; }
      var chart = echarts.init(el);
      chart.setOption(option(data, el.getAttribute("data-np-chart") === "bars" ? "bar" : "line"));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
