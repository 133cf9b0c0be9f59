/* Draws every element with a data-chart attribute using ECharts.
 *
 *   <div class="chart" data-chart="pie|donut|bar|hbar" data-chart-source="ID"></div>
 *   <script type="application/json" id="ID">{"labels": [...], "values": [...], "urls": [...]}</script>
 *
 * The JSON comes from Django's json_script filter; urls (optional) make a slice or bar a link.
 * Containers are sized in site.css: ECharts sized by an inline style would draw at height 0
 * under the Content Security Policy.
 */
(function () {
  "use strict";
  var PALETTE = ["#b3141c", "#e8a317", "#2f6db5", "#3f8f4f", "#7c4dbd", "#0f8b8d", "#d9622b", "#8a8f98", "#c2185b", "#5b7b1a"];

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  // A donut names its slices around the ring; a small pie shows percentages inside and a legend.
  function pieOption(data, donut) {
    var items = data.labels.map(function (label, i) {
      return { name: label, value: data.values[i], url: data.urls ? data.urls[i] : null };
    }).filter(function (item) { return item.value > 0; });
    return {
      color: PALETTE,
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: donut ? { show: false } : { bottom: 0, left: "center", itemWidth: 14, itemHeight: 10 },
      series: [{
        type: "pie",
        radius: donut ? ["42%", "68%"] : "68%",
        center: ["50%", donut ? "50%" : "44%"],
        avoidLabelOverlap: true,
        minShowLabelAngle: donut ? 0 : 20,
        itemStyle: { borderColor: "#fff", borderWidth: 2, borderRadius: donut ? 4 : 0 },
        label: donut
          ? { formatter: "{b}\n{c}", fontSize: 12 }
          : { position: "inside", formatter: "{d}%", color: "#fff", fontWeight: "bold" },
        labelLine: { show: donut },
        data: items
      }]
    };
  }

  function barOption(data, horizontal) {
    var categoryAxis = { type: "category", data: data.labels, axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, hideOverlap: true } };
    var valueAxis = { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#eceef1" } } };
    return {
      color: PALETTE,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 12, right: 24, top: 24, bottom: 12, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: [{
        type: "bar",
        barMaxWidth: 42,
        label: { show: true, position: horizontal ? "right" : "top", fontSize: 11 },
        labelLayout: { hideOverlap: true },
        itemStyle: { borderRadius: horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0] },
        data: data.values.map(function (value, i) {
          return { value: value, url: data.urls ? data.urls[i] : null, itemStyle: { color: PALETTE[i % PALETTE.length] } };
        })
      }]
    };
  }

  function draw(el) {
    if (!window.echarts || el.hasAttribute("data-chart-drawn")) { return; }
    var data = readData(el);
    if (!data) { return; }
    var kind = el.getAttribute("data-chart");
    var option = kind === "bar" || kind === "hbar" ? barOption(data, kind === "hbar") : pieOption(data, kind === "donut");
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    chart.on("click", function (params) {
      if (params.data && params.data.url) { window.location.href = params.data.url; }
    });
    el.setAttribute("data-chart-drawn", "");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(); });
  } else {
    drawAll();
  }
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.detail.elt); });
})();
