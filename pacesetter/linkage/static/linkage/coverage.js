/* The coverage chart, drawn with ECharts from json_script data:
 *
 *   <div class="linkage-chart" data-linkage-chart data-chart-source="ID"></div>
 *   {"labels": [sector, …], "series": [{"key": kind, "name": "…", "values": [percent, …]}]}
 *
 * One group of bars per sector, one bar per kind of affiliate, as a share in percent.
 */
(function () {
  "use strict";
  var COLOURS = { youth_league: "#b91c1c", trade_union: "#1d4ed8", womens_federation: "#be185d" };

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 60 },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: data.series.map(function (s) {
        return { type: "bar", name: s.name, data: s.values, itemStyle: { color: COLOURS[s.key] } };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-linkage-chart]").forEach(draw);
  });
}());
