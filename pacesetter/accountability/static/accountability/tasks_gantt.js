/* The key-task timeline (Gantt), drawn with ECharts from json_script data.
 *
 *   <div class="gantt-chart" data-gantt-source="ID"></div>
 *
 * {"today": "YYYY-MM-DD", "labels": {...},
 *  "rows": [{"code", "title", "url", "start", "end", "schedule", "schedule_label",
 *            "progress" (% or null), "planned",
 *            "milestones": [{"title", "due", "state": done|overdue|upcoming, "weight"}]}]}
 *
 * One row per entry: a bar from start to end coloured by its schedule (with the reported
 * progress as a darker inner bar), a diamond per milestone coloured by its state, and a
 * line at today. A click on a bar opens its task. The container is sized in tasks.css and
 * grows here with the number of rows (CSSOM, which the Content Security Policy allows).
 */
(function () {
  "use strict";
  var COLOURS = {
    seriously_behind: "#b3141c", behind: "#d97706", on_track: "#15803d", not_started: "#9ca3af",
    completed: "#1d4ed8", suspended: "#6b7280", done: "#15803d", overdue: "#b3141c", upcoming: "#3b82f6"
  };

  function day(text) {
    var parts = text.split("-");
    return Date.UTC(+parts[0], +parts[1] - 1, +parts[2]);
  }

  function escape(text) {
    return window.echarts.format.encodeHTML(String(text));
  }

  function label(row) {
    return row.code ? row.code + " " + row.title : row.title;
  }

  function renderBar(params, api) {
    var row = api.value(0);
    var start = api.coord([api.value(1), row]);
    var end = api.coord([api.value(2), row]);
    var height = api.size([0, 1])[1] * 0.5;
    var box = { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height };
    var clip = window.echarts.graphic.clipRectByRect;
    var width = Math.max(end[0] - start[0], 3);
    var bar = clip({ x: start[0], y: start[1] - height / 2, width: width, height: height }, box);
    if (!bar) { return null; }
    var children = [{ type: "rect", shape: bar, style: { fill: api.visual("color"), opacity: 0.45 } }];
    var progress = api.value(3);
    if (progress !== null && progress > 0) {
      var done = clip({ x: start[0], y: start[1] - height / 4, width: width * progress / 100, height: height / 2 }, box);
      if (done) { children.push({ type: "rect", shape: done, style: { fill: api.visual("color") } }); }
    }
    return { type: "group", children: children };
  }

  function option(data) {
    var rows = data.rows;
    var bars = rows.map(function (row, i) {
      return { value: [i, day(row.start), day(row.end), row.progress], itemStyle: { color: COLOURS[row.schedule] }, row: row };
    });
    var points = [];
    rows.forEach(function (row, i) {
      row.milestones.forEach(function (m) {
        points.push({ value: [day(m.due), i], itemStyle: { color: COLOURS[m.state] }, milestone: m });
      });
    });
    return {
      tooltip: {
        formatter: function (p) {
          if (p.data.milestone) {
            var m = p.data.milestone;
            return escape(m.title) + "<br>" + escape(m.due) + " · " + escape(data.labels[m.state]) + " · " + m.weight + "%";
          }
          var row = p.data.row;
          var lines = [escape(label(row)), escape(row.start) + " → " + escape(row.end), escape(row.schedule_label)];
          if (row.progress !== null) {
            lines.push(escape(data.labels.progress) + ": " + row.progress + "% · " + escape(data.labels.planned) + ": " + row.planned + "%");
          }
          return lines.join("<br>");
        }
      },
      grid: { left: 12, right: 24, top: 24, bottom: 24, containLabel: true },
      xAxis: { type: "time", position: "top", splitLine: { show: true, lineStyle: { color: "#eceef1" } } },
      yAxis: {
        type: "category", inverse: true, data: rows.map(label),
        axisLabel: { interval: 0, width: 180, overflow: "truncate" }, axisTick: { show: false }
      },
      series: [
        {
          type: "custom", renderItem: renderBar, encode: { x: [1, 2], y: 0 }, data: bars,
          markLine: {
            symbol: "none", silent: true, lineStyle: { color: "#111827", type: "dashed" },
            label: { formatter: data.labels.today, position: "end" },
            data: [{ xAxis: day(data.today) }]
          }
        },
        { type: "scatter", symbol: "diamond", symbolSize: 11, data: points, z: 3 }
      ]
    };
  }

  function draw(el) {
    if (!window.echarts || el.hasAttribute("data-chart-drawn")) { return; }
    var source = document.getElementById(el.getAttribute("data-gantt-source"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var wanted = data.rows.length * 30 + 70;
    if (wanted > el.clientHeight) { el.style.height = wanted + "px"; }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(data));
    chart.on("click", function (p) {
      if (p.data && p.data.row && p.data.row.url) { window.location.href = p.data.row.url; }
    });
    el.setAttribute("data-chart-drawn", "");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawAll() {
    document.querySelectorAll("[data-gantt-source]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
