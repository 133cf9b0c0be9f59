/* The effect chart: each group's mean change in composite as a bar with its 95 % interval.
 *
 *   <div data-pairing-chart="groups" data-chart-source="ID"></div>
 *   data: {"groups": [{"name", "n", "mean", "low", "high"}], "labels": {"change": "..."}}
 */
(function () {
  "use strict";
  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var names = data.groups.map(function (g) { return g.name + " (n=" + g.n + ")"; });
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: "category", data: names },
      yAxis: { type: "value", name: data.labels.change },
      series: [
        { type: "bar", data: data.groups.map(function (g) { return g.mean; }), itemStyle: { color: "#b3141c" } },
        {
          type: "custom",
          data: data.groups.map(function (g, i) { return [i, g.low, g.high]; }),
          renderItem: function (params, api) {
            if (api.value(1) === null || isNaN(api.value(1))) { return null; }
            var low = api.coord([api.value(0), api.value(1)]);
            var high = api.coord([api.value(0), api.value(2)]);
            var style = { stroke: "#111827", lineWidth: 1.5 };
            return { type: "group", children: [
              { type: "line", shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
              { type: "line", shape: { x1: low[0] - 8, y1: low[1], x2: low[0] + 8, y2: low[1] }, style: style },
              { type: "line", shape: { x1: high[0] - 8, y1: high[1], x2: high[0] + 8, y2: high[1] }, style: style }
            ] };
          }
        }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-pairing-chart]").forEach(draw);
  });
})();
