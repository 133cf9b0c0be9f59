/* Charts of the evaluation result pages, drawn with ECharts from json_script data.
 *
 *   <div class="chart" data-results-chart="ranking|distribution" data-chart-source="ID"></div>
 *
 * ranking:      {"labels": [...], "composite": [score|null], "ranked": [bool],
 *                "share": [[value, low, high]|null], "urls": [...], "names": {"composite": "...", "share": "..."}}
 *               composite bars (grey when not ranked) with the good share's 95% interval as a
 *               dot and whiskers (a custom series), all on one 0–100 axis; a bar links to the subject.
 * grades:       {"keys": [...], "labels": [...], "values": [...], "urls": [...]} subjects per
 *               grade in the grade badges' colours; a bar links to the list of that grade.
 * distribution: {"indicators": [...], "series": [{"name": "...", "data": [{"value": %, "count": n,
 *                "place": 0..1}|null]}]} one stacked bar per indicator, options coloured from
 *               green (best, place 0) to red (worst, place 1).
 *
 * The containers are sized in site.css; a long ranking grows its own height here (through
 * the CSSOM, which the Content Security Policy allows, unlike a style attribute).
 */
(function () {
  "use strict";
  var BAR = "#b3141c";
  var UNRANKED = "#9ca3af";
  // Bootstrap's success / primary / warning / danger / secondary, as the grade badges.
  var GRADE_COLOURS = { advanced: "#198754", good: "#0d6efd", fair: "#ffc107", lagging: "#dc3545", none: "#6c757d" };
  var WHISKER = "#1f2937";
  var RAMP = [[46, 125, 50], [242, 201, 76], [198, 40, 40]];

  function readData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function escape(text) {
    return window.echarts.format.encodeHTML(String(text));
  }

  // A colour between green, amber and red for a place from 0 (best option) to 1 (worst).
  function rampColour(place) {
    var scaled = Math.min(Math.max(place, 0), 1) * (RAMP.length - 1);
    var i = Math.min(Math.floor(scaled), RAMP.length - 2);
    var t = scaled - i;
    var rgb = RAMP[i].map(function (c, k) { return Math.round(c + (RAMP[i + 1][k] - c) * t); });
    return "rgb(" + rgb.join(",") + ")";
  }

  function grow(el, rows, perRow) {
    var wanted = Math.max(el.clientHeight, rows * perRow + 90);
    if (wanted > el.clientHeight) { el.style.height = wanted + "px"; }
  }

  function intervalItem(params, api) {
    var y = api.value(0);
    var low = api.coord([api.value(1), y]);
    var high = api.coord([api.value(2), y]);
    var mid = api.coord([api.value(3), y]);
    var half = Math.max(api.size([0, 1])[1] * 0.18, 3);
    var line = { stroke: WHISKER, lineWidth: 1.5 };
    return {
      type: "group",
      children: [
        { type: "line", shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: line },
        { type: "line", shape: { x1: low[0], y1: low[1] - half, x2: low[0], y2: low[1] + half }, style: line },
        { type: "line", shape: { x1: high[0], y1: high[1] - half, x2: high[0], y2: high[1] + half }, style: line },
        { type: "circle", shape: { cx: mid[0], cy: mid[1], r: 4 }, style: { fill: WHISKER } }
      ]
    };
  }

  function rankingOption(data) {
    var intervals = [];
    data.share.forEach(function (share, i) {
      if (share) { intervals.push([i, share[1], share[2], share[0]]); }
    });
    return {
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var label = escape(data.labels[p.seriesType === "bar" ? p.dataIndex : p.value[0]]);
          if (p.seriesType === "bar") { return label + "<br>" + escape(data.names.composite) + ": " + p.value; }
          return label + "<br>" + escape(data.names.share) + ": " + p.value[3] + "% (" + p.value[1] + "–" + p.value[2] + "%)";
        }
      },
      legend: { top: 0, data: [data.names.composite, data.names.share] },
      grid: { left: 12, right: 24, top: 32, bottom: 12, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, splitLine: { lineStyle: { color: "#eceef1" } } },
      yAxis: {
        type: "category", inverse: true, data: data.labels,
        axisLabel: { interval: 0, width: 160, overflow: "truncate" }
      },
      series: [
        {
          name: data.names.composite, type: "bar", barMaxWidth: 18, itemStyle: { color: BAR, opacity: 0.8, borderRadius: [0, 3, 3, 0] },
          data: data.composite.map(function (score, i) {
            var item = { value: score === null ? "-" : score, url: data.urls[i] };
            if (!data.ranked[i]) { item.itemStyle = { color: UNRANKED }; }
            return item;
          })
        },
        {
          name: data.names.share, type: "custom", renderItem: intervalItem, itemStyle: { color: WHISKER },
          encode: { x: [1, 2, 3], y: 0 }, data: intervals, z: 3
        }
      ]
    };
  }

  function gradesOption(data) {
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 12, right: 12, top: 24, bottom: 12, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#eceef1" } } },
      series: [{
        type: "bar", barMaxWidth: 42, label: { show: true, position: "top", fontSize: 11 },
        itemStyle: { borderRadius: [4, 4, 0, 0] },
        data: data.values.map(function (value, i) {
          return { value: value, url: data.urls[i], itemStyle: { color: GRADE_COLOURS[data.keys[i]] || UNRANKED } };
        })
      }]
    };
  }

  function distributionOption(data) {
    return {
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          return escape(data.indicators[p.dataIndex]) + "<br>" + escape(p.seriesName) + ": " + p.data.count + " (" + p.data.value + "%)";
        }
      },
      legend: { top: 0, type: "scroll" },
      grid: { left: 12, right: 24, top: 36, bottom: 12, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" }, splitLine: { lineStyle: { color: "#eceef1" } } },
      yAxis: { type: "category", inverse: true, data: data.indicators, axisLabel: { interval: 0, width: 160, overflow: "truncate" } },
      series: data.series.map(function (series) {
        var first = series.data.filter(function (point) { return point; })[0];
        return {
          name: series.name, type: "bar", stack: "options", barMaxWidth: 28,
          itemStyle: { color: rampColour(first ? first.place : 0.5) },
          label: { show: true, formatter: function (p) { return p.value >= 8 ? p.value + "%" : ""; }, color: "#fff", fontSize: 11 },
          data: series.data.map(function (point) {
            return point ? { value: point.value, count: point.count, itemStyle: { color: rampColour(point.place) } } : "-";
          })
        };
      })
    };
  }

  function draw(el) {
    if (!window.echarts || el.hasAttribute("data-chart-drawn")) { return; }
    var data = readData(el);
    if (!data) { return; }
    var kind = el.getAttribute("data-results-chart");
    var option;
    if (kind === "ranking") {
      grow(el, data.labels.length, 26);
      option = rankingOption(data);
    } else if (kind === "grades") {
      option = gradesOption(data);
    } else {
      grow(el, data.indicators.length, 40);
      option = distributionOption(data);
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    chart.on("click", function (params) {
      if (params.data && params.data.url) { window.location.href = params.data.url; }
    });
    el.setAttribute("data-chart-drawn", "");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawAll() {
    document.querySelectorAll("[data-results-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
