/* The proceedings' chart: each ranked paper's mean score, best first, coloured by its award,
 * drawn with ECharts from the json_script data
 *   {"labels": ["1", ...], "means": [n], "awards": ["first" | "", ...], "titles": ["..."], "name": "..."}
 * into <div class="chart" data-proceedings-chart data-chart-source="ID">, sized in site.css.
 */
(function () {
  "use strict";

  var COLOURS = { first: "#b3141c", second: "#e0662b", third: "#f0a030", merit: "#5b8def" };

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: {
        trigger: "axis", axisPointer: { type: "shadow" },
        formatter: function (items) {
          var i = items[0].dataIndex;
          return data.labels[i] + ". " + window.echarts.format.encodeHTML(data.titles[i]) + "<br>" + data.means[i];
        }
      },
      grid: { left: 12, right: 12, top: 24, bottom: 12, containLabel: true },
      xAxis: { type: "category", name: data.rank, data: data.labels },
      yAxis: { type: "value", name: data.name, splitLine: { lineStyle: { color: "#eceef1" } } },
      series: [{
        type: "bar", barMaxWidth: 28,
        data: data.means.map(function (mean, i) {
          return { value: mean, itemStyle: { color: COLOURS[data.awards[i]] || "#9aa4b2" } };
        })
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-proceedings-chart]").forEach(draw);
  });
}());
