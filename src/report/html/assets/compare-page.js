/* ecs-sim comparison page: lays out the data that src/report/html/compare.ts embedded as JSON.
 * Plain browser JavaScript (no build step), inlined after echarts.min.js. Every string from
 * the runs is written with textContent, or escaped (esc) where a chart tooltip takes HTML. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('compare-data').textContent);
  var END = Math.max(data.axes.endMs, 1);
  var charts = [];
  var SIDE_COLORS = { A: '#2563eb', B: '#ea580c' };
  var SERIES_COLORS = ['#2563eb', '#16a34a', '#9333ea', '#0891b2', '#ca8a04', '#db2777'];

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'class') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function num(n) {
    if (n == null) return '';
    if (!Number.isInteger(n)) return Math.abs(n) >= 1000 ? n.toFixed(0) : Number(n.toPrecision(4)).toString();
    return String(n);
  }
  function pct(n) { return (n > 0 ? '+' : '') + n.toFixed(1) + '%'; }
  function axisClock(ms) {
    var s = Math.round(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return (h > 0 ? h + ':' + String(m).padStart(2, '0') : String(m)) + ':' + String(sec).padStart(2, '0');
  }
  // Ticks on whole minutes and hours (ECharts' own steps would fall on 3:20, 6:40).
  function niceInterval(span) {
    var steps = [1e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3];
    for (var i = 0; i < steps.length; i++) if (span / steps[i] <= 12) return steps[i];
    return steps[steps.length - 1];
  }
  function chart(parent, height, option, name) {
    var div = el('div', { class: 'chart', 'data-chart': name });
    div.style.height = height + 'px';
    parent.appendChild(div);
    var c = echarts.init(div, null, { renderer: 'canvas' });
    option.animation = false;
    c.setOption(option);
    charts.push(c);
    return c;
  }
  function describeSide(label, side) {
    var text = label + ': ' + side.source + (side.set.length > 0 ? '  (' + side.set.join(', ') + ')' : '');
    return el('p', { class: 'meta', id: 'side-' + label.toLowerCase() }, [el('span', { class: 'swatch' }), text]);
  }

  // ---- header ---------------------------------------------------------------------------------
  var header = el('header', null, [el('h1', { id: 'compare-title', text: 'B − A: ' + data.b.source + ' vs ' + data.a.source })]);
  header.appendChild(describeSide('A', data.a));
  header.appendChild(describeSide('B', data.b));
  header.querySelector('#side-a .swatch').style.background = SIDE_COLORS.A;
  header.querySelector('#side-b .swatch').style.background = SIDE_COLORS.B;
  header.appendChild(el('p', { class: 'meta', text: data.seeds.length + ' paired replications: replication r of A and B with the same seed (' + data.seeds.map(String).join(', ') + ')' }));
  document.body.appendChild(header);
  var main = el('main', { id: 'main' });
  document.body.appendChild(main);

  // ---- the paired differences -----------------------------------------------------------------
  var diff = el('section', { id: 'differences' }, [
    el('h2', { text: 'Paired differences B − A' }),
    el('p', { class: 'intro', text: 'Each metric\'s mean difference with its 95% confidence interval (Student t over the paired differences), drawn as % of A\'s mean so metrics of every unit share the axis. An interval that does not cross 0 (drawn in colour) is not luck, at 95%.' }),
  ]);
  main.appendChild(diff);
  var drawn = data.metrics.filter(function (m) { return m.relative !== null; });
  if (drawn.length > 0) {
    var names = drawn.map(function (m) { return m.name; });
    var bound = Math.max(1, Math.max.apply(null, drawn.map(function (m) { return Math.max(Math.abs(m.relative.low), Math.abs(m.relative.high)); })));
    chart(diff, 60 + 34 * drawn.length, {
      grid: { left: 20, right: 40, top: 20, bottom: 30, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var m = drawn[p.dataIndex];
          return '<b>' + esc(m.name) + '</b><br>A ' + esc(num(m.a)) + ', B ' + esc(num(m.b)) + '<br>B − A ' + esc(num(m.mean)) + ' (' + esc(pct(m.relative.mean)) + ')' +
            (m.ci95 ? '<br>95% CI ' + esc(num(m.ci95[0])) + ' .. ' + esc(num(m.ci95[1])) : '') + '<br>n ' + m.n + (m.excludesZero ? ', excludes 0' : '');
        },
      },
      xAxis: { type: 'value', min: -bound * 1.1, max: bound * 1.1, axisLabel: { formatter: function (v) { return Math.round(v) + '%'; } }, splitLine: { lineStyle: { color: '#eef0f3' } } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 380, overflow: 'truncate' } },
      series: [
        {
          type: 'custom',
          name: 'interval',
          renderItem: function (params, api) {
            var y = api.coord([0, api.value(0)])[1];
            var lo = api.coord([api.value(1), 0])[0], hi = api.coord([api.value(2), 0])[0], mid = api.coord([api.value(3), 0])[0];
            var color = drawn[params.dataIndex].excludesZero ? '#dc2626' : '#6b7280';
            return {
              type: 'group',
              children: [
                { type: 'line', shape: { x1: lo, y1: y, x2: hi, y2: y }, style: { stroke: color, lineWidth: 3 } },
                { type: 'line', shape: { x1: lo, y1: y - 6, x2: lo, y2: y + 6 }, style: { stroke: color, lineWidth: 2 } },
                { type: 'line', shape: { x1: hi, y1: y - 6, x2: hi, y2: y + 6 }, style: { stroke: color, lineWidth: 2 } },
                { type: 'rect', shape: { x: mid - 5, y: y - 5, width: 10, height: 10 }, style: { fill: color } },
              ],
            };
          },
          encode: { x: [1, 2, 3], y: 0 },
          data: drawn.map(function (m, i) { return [i, m.relative.low, m.relative.high, m.relative.mean]; }),
          markLine: { silent: true, symbol: 'none', data: [{ xAxis: 0 }], lineStyle: { color: '#111827', type: 'solid' }, label: { show: false } },
        },
      ],
    }, 'differences');
  }
  var undrawn = data.metrics.filter(function (m) { return m.relative === null; });
  if (undrawn.length > 0) diff.appendChild(el('p', { class: 'meta', id: 'not-drawn', text: 'Not drawn (A\'s mean is 0, so there is no % to draw): ' + undrawn.map(function (m) { return m.name; }).join(', ') }));
  var t = el('table', { id: 'differences-table' });
  t.appendChild(el('thead', null, [el('tr', null, ['metric', 'A mean', 'B mean', 'B − A', '95% CI', 'n', 'excludes 0'].map(function (h) { return el('th', { text: h }); }))]));
  var body = el('tbody');
  data.metrics.forEach(function (m) {
    var cells = [m.name, num(m.a), num(m.b), num(m.mean), m.ci95 ? num(m.ci95[0]) + ' .. ' + num(m.ci95[1]) : '', String(m.n), m.excludesZero ? 'yes' : 'no'];
    body.appendChild(el('tr', m.excludesZero ? { class: 'bad' } : null, cells.map(function (c) { return el('td', { text: c }); })));
  });
  t.appendChild(body);
  diff.appendChild(t);

  // ---- one replication, side by side (a selector picks which) ----------------------------------
  var reps = data.replications && data.replications.length > 0 ? data.replications : [{ seed: data.seeds[0], a: data.a.run, b: data.b.run }];
  var runs = el('section', { id: 'replication-0' }, [el('h2', { id: 'replication-title', text: 'Replication 0, side by side' })]);
  var repIntro = el('p', { class: 'intro' });
  runs.appendChild(repIntro);
  main.appendChild(runs);
  if (reps.length > 1) {
    var select = el('select', { id: 'replication', 'aria-label': 'replication' });
    reps.forEach(function (r, i) { select.appendChild(el('option', { value: String(i), text: 'replication ' + i + ' (seed ' + String(r.seed) + ')' })); });
    var more = data.seeds.length > reps.length ? ' (the first ' + reps.length + ' of ' + data.seeds.length + ' are drawn)' : '';
    runs.insertBefore(el('p', { class: 'meta' }, [el('label', { for: 'replication', text: 'Replication: ' }), select, more]), repIntro);
    select.addEventListener('change', function () { drawReplication(Number(select.value)); });
  }
  var grid = el('div');
  grid.style.display = 'grid';
  grid.style.gridTemplateColumns = '1fr 1fr';
  grid.style.gap = '16px';
  runs.appendChild(grid);
  var timeAxis = { type: 'value', min: 0, max: END, interval: niceInterval(END), axisLabel: { formatter: axisClock }, splitLine: { lineStyle: { color: '#eef0f3' } } };
  function tooltipOf(p) {
    var list = Array.isArray(p) ? p : [p];
    if (list.length === 0) return '';
    return axisClock(list[0].value[0]) + list.map(function (q) { return '<br>' + esc(q.seriesName) + ': ' + esc(num(q.value[1])); }).join('');
  }
  var runCharts = [];
  function drawReplication(index) {
    var rep = reps[index];
    // The previous replication's charts go first (ECharts keeps an instance per element).
    runCharts.forEach(function (c) { charts.splice(charts.indexOf(c), 1); c.dispose(); });
    runCharts = [];
    while (grid.firstChild) grid.removeChild(grid.firstChild);
    document.getElementById('replication-title').textContent = 'Replication ' + index + ', side by side';
    repIntro.textContent = 'A and B at the same seed (' + String(rep.seed) + '), on shared axes: the same time span and the same scale for every replication, so equal heights are equal values.';
    ['A', 'B'].forEach(function (label) {
      var side = label === 'A' ? data.a : data.b;
      var run = label === 'A' ? rep.a : rep.b;
      var col = el('div', { id: 'run-' + label.toLowerCase() }, [el('h3', { text: label + ': ' + side.source })]);
      grid.appendChild(col);
      if (run === null) {
        col.appendChild(el('p', { class: 'meta', text: 'No run to draw: this side is a sweep directory, which keeps only metrics.' }));
        return;
      }
      col.appendChild(el('p', { class: 'meta', text: 'seed ' + String(run.seed) + ', log hash ' + run.logHash }));
      col.appendChild(el('h4', { text: 'Requests per minute (and 5xx)' }));
      if (run.requests.length === 0) col.appendChild(el('p', { class: 'meta', text: 'No load balancer and no request-level workload.' }));
      else {
        var reqSeries = [];
        run.requests.forEach(function (r, i) {
          var color = SERIES_COLORS[i % SERIES_COLORS.length];
          reqSeries.push({ type: 'line', step: 'end', name: r.name + ' requests', showSymbol: false, lineStyle: { color: color }, itemStyle: { color: color }, data: r.t.map(function (t, j) { return [t, r.count[j]]; }) });
          reqSeries.push({ type: 'line', step: 'end', name: r.name + ' 5xx', showSymbol: false, lineStyle: { color: '#dc2626' }, itemStyle: { color: '#dc2626' }, areaStyle: { color: 'rgba(220,38,38,0.15)' }, data: r.t.map(function (t, j) { return [t, r.http5xx[j]]; }) });
        });
        runCharts.push(chart(col, 240, {
          grid: { left: 50, right: 16, top: 30, bottom: 30 },
          legend: { top: 0, textStyle: { fontSize: 11 } },
          tooltip: { trigger: 'axis', formatter: tooltipOf },
          xAxis: timeAxis,
          yAxis: { type: 'value', min: 0, max: Math.max(1, data.axes.requestsMax) },
          series: reqSeries,
        }, 'requests-' + label.toLowerCase()));
      }
      col.appendChild(el('h4', { text: 'Tasks running per service (desired dashed)' }));
      if (run.services.length === 0) col.appendChild(el('p', { class: 'meta', text: 'No service.' }));
      else {
        var svcSeries = [];
        run.services.forEach(function (s, i) {
          var color = SERIES_COLORS[i % SERIES_COLORS.length];
          svcSeries.push({ type: 'line', step: 'end', name: s.name + ' running', showSymbol: false, lineStyle: { color: color, width: 2 }, itemStyle: { color: color }, data: s.t.map(function (t, j) { return [t, s.running[j]]; }).concat([[END, s.running[s.running.length - 1]]]) });
          svcSeries.push({ type: 'line', step: 'end', name: s.name + ' desired', showSymbol: false, lineStyle: { color: color, type: 'dashed', width: 1 }, itemStyle: { color: color }, data: s.t.map(function (t, j) { return [t, s.desired[j]]; }).concat([[END, s.desired[s.desired.length - 1]]]) });
        });
        runCharts.push(chart(col, 220, {
          grid: { left: 50, right: 16, top: 30, bottom: 30 },
          legend: { top: 0, textStyle: { fontSize: 11 } },
          tooltip: { trigger: 'axis', formatter: tooltipOf },
          xAxis: timeAxis,
          yAxis: { type: 'value', min: 0, max: Math.max(1, data.axes.servicesMax), minInterval: 1 },
          series: svcSeries,
        }, 'services-' + label.toLowerCase()));
      }
    });
    // Hovering one run's chart points at the same moment in the other's.
    if (runCharts.length > 1) echarts.connect(runCharts);
    grid.setAttribute('data-replication', String(index));
  }
  drawReplication(0);

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.body.setAttribute('data-ready', 'true');
})();
