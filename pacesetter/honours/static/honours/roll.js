/* The honour roll's charts, drawn with ECharts from the json_script "honours-chart-data":
 *   {"townships": {"labels": [...], "counts": [n]}, "kinds": [{"name", "value"}], "names": {...}}
 * <div class="chart" data-honours-chart="townships|kinds"> gets a bar per township (the
 * longest lists scroll) or a ring of honours per kind.
 */
(function () {
  "use strict";
  var RED = "#b3141c";

  function townships(data) {
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 16, bottom: 70 },
      xAxis: { type: "category", data: data.townships.labels, axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: "value", minInterval: 1 },
      dataZoom: data.townships.labels.length > 25 ? [{ type: "slider", endValue: 24, height: 16, bottom: 0 }] : [],
      series: [{ type: "bar", name: data.names.honours, data: data.townships.counts, barMaxWidth: 40,
                 itemStyle: { color: RED } }]
    };
  }

  function kinds(data) {
    return {
      tooltip: { trigger: "item" },
      legend: { bottom: 0, type: "scroll" },
      series: [{ type: "pie", name: data.names.honours, radius: ["40%", "68%"], center: ["50%", "44%"],
                 data: data.kinds, label: { formatter: "{b}: {c}" } }]
    };
  }

  function draw() {
    var source = document.getElementById("honours-chart-data");
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var builders = { townships: townships, kinds: kinds };
    document.querySelectorAll("[data-honours-chart]").forEach(function (el) {
      var build = builders[el.getAttribute("data-honours-chart")];
      if (!build) { return; }
      var chart = window.echarts.init(el);
      chart.setOption(build(data));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
