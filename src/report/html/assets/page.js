/* ecs-sim HTML report: lays out the data that src/report/html/index.ts embedded as JSON.
 * Plain browser JavaScript (no build step), inlined into the report after echarts.min.js.
 * Every string from the run is written with textContent, or escaped (esc) where a chart
 * tooltip takes HTML: scenario names, labels and messages are never markup. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var END = Math.max(data.simulatedMs, 1);
  var charts = [];

  var LIFECYCLE_COLORS = {
    PROVISIONING: '#c7d2fe', PENDING: '#a5b4fc', ACTIVATING: '#818cf8', RUNNING: '#22c55e',
    DEACTIVATING: '#fde047', STOPPING: '#fb923c', DEPROVISIONING: '#fca5a5',
  };
  var HEALTH_COLORS = { initial: '#93c5fd', healthy: '#15803d', unhealthy: '#dc2626', draining: '#f59e0b', unavailable: '#6b7280' };
  var ALARM_COLORS = { OK: '#22c55e', ALARM: '#dc2626', INSUFFICIENT_DATA: '#9ca3af' };
  var MARKER_COLORS = { deployment: '#2563eb', fault: '#dc2626', scaling: '#9333ea', action: '#6b7280' };
  var PHASE_COLORS = {
    placement: '#64748b', provisioning: '#a5b4fc', imagePull: '#60a5fa', containerStart: '#818cf8', registration: '#2dd4bf',
    healthChecks: '#22c55e', deregistrationDelay: '#f59e0b', stopping: '#fb923c', lifecycleHooks: '#e879f9',
    trafficShift: '#38bdf8', bake: '#a3e635', scheduler: '#94a3b8',
  };

  // ---- small helpers --------------------------------------------------------------------------

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
  function clock(ms) {
    var tenths = Math.round(ms / 100);
    var h = Math.floor(tenths / 36000), m = Math.floor((tenths % 36000) / 600), s = (tenths % 600) / 10;
    var ss = s.toFixed(1).padStart(4, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + ss : m + ':' + ss;
  }
  function axisClock(ms) {
    var s = Math.round(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return (h > 0 ? h + ':' + String(m).padStart(2, '0') : String(m)) + ':' + String(sec).padStart(2, '0');
  }
  // 5xx by origin and code: the load balancer's own in reds and oranges, the targets' in dark red.
  function codeColor(status, source) {
    if (status >= 500 || status === 0) return source !== 'elb' ? '#7f1d1d' : { 502: '#f97316', 503: '#dc2626', 504: '#b45309' }[status] || '#ef4444';
    return status >= 400 ? '#fbbf24' : status >= 300 ? '#38bdf8' : '#22c55e';
  }
  function secs(ms) { return (ms / 1000).toFixed(1) + 's'; }
  function num(n) {
    if (!Number.isInteger(n) && Math.abs(n) < 1000) return n.toFixed(2);
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  function short(id) { return String(id).slice(String(id).lastIndexOf('/') + 1); }
  function section(id, title, intro) {
    var s = el('section', { id: id }, [el('h2', { text: title })]);
    if (intro) s.appendChild(el('p', { class: 'intro', text: intro }));
    document.getElementById('main').appendChild(s);
    nav.appendChild(el('a', { href: '#' + id, text: title }));
    return s;
  }
  function table(headers, rows, cls) {
    var t = el('table', { class: cls || '' });
    t.appendChild(el('thead', null, [el('tr', null, headers.map(function (h) { return el('th', { text: h }); }))]));
    var body = el('tbody');
    rows.forEach(function (r) {
      body.appendChild(el('tr', r.cls ? { class: r.cls } : null, r.cells.map(function (c) { return c instanceof Node ? el('td', null, [c]) : el('td', { text: c == null ? '' : String(c) }); })));
    });
    t.appendChild(body);
    return t;
  }
  // Ticks on whole minutes and hours (ECharts' own steps would fall on 16:40, 33:20).
  function niceInterval(span) {
    var steps = [1e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3];
    for (var i = 0; i < steps.length; i++) if (span / steps[i] <= 12) return steps[i];
    return steps[steps.length - 1];
  }
  function timeAxis(extra) {
    var zoomable = extra && extra.zoomable;
    var axis = Object.assign({ type: 'value', min: 0, max: END, axisLabel: { formatter: axisClock }, splitLine: { lineStyle: { color: '#eef0f3' } } }, zoomable ? {} : { interval: niceInterval(END) }, extra || {});
    delete axis.zoomable;
    return axis;
  }
  function chart(parent, height, option, name) {
    var div = el('div', { class: 'chart', 'data-chart': name || '' });
    div.style.height = height + 'px';
    parent.appendChild(div);
    var c = echarts.init(div, null, { renderer: 'canvas' });
    option.animation = false;
    c.setOption(option);
    charts.push(c);
    return c;
  }
  function markerLines(kinds, unlabelled) {
    return {
      silent: false, symbol: 'none', animation: false,
      label: { show: false },
      data: data.markers.filter(function (m) { return kinds.indexOf(m.kind) >= 0; }).map(function (m) {
        // Deployments and faults are named on the line (the action: updateService, loseAvailabilityZone, ...); scaling markers only on hover.
        var named = !unlabelled && (m.kind === 'deployment' || m.kind === 'fault');
        return { xAxis: m.t, name: m.text, lineStyle: { color: MARKER_COLORS[m.kind], type: m.kind === 'scaling' ? 'dotted' : 'dashed', width: 1.5 },
          label: { show: named, position: 'insideEndTop', fontSize: 10, color: MARKER_COLORS[m.kind], formatter: m.text.split(':')[0].slice(0, 40) } };
      }),
      tooltip: { formatter: function (p) { return esc(clock(p.value) + '  ' + p.name); } },
    };
  }
  function spanRenderer(heightShare, offsetShare) {
    return function (params, api) {
      var start = api.coord([api.value(0), api.value(2)]);
      var end = api.coord([api.value(1), api.value(2)]);
      var band = api.size([0, 1])[1];
      var rect = echarts.graphic.clipRectByRect(
        { x: start[0], y: start[1] - band / 2 + band * offsetShare(api.value(3)), width: Math.max(end[0] - start[0], 1.5), height: band * heightShare(api.value(3)) },
        { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
      return rect && { type: 'rect', shape: rect, style: api.style() };
    };
  }
  // Many rows (a crash loop makes thousands of tasks): the chart keeps a readable height and
  // a slider on its y axis scrolls the rows; a canvas taller than the browser allows would not draw.
  var MAX_ROWS = 45;
  function rowsHeight(n, rowPx, extra) { return Math.max(120, Math.min(n, MAX_ROWS) * rowPx + extra); }
  function rowsZoom(n) {
    return n <= MAX_ROWS ? [] : [{ type: 'slider', yAxisIndex: 0, startValue: 0, endValue: MAX_ROWS - 1, right: 4, width: 14, filterMode: 'weakFilter', showDetail: false, zoomLock: true, brushSelect: false }];
  }
  function legendBox(colors) {
    return el('div', { class: 'legend' }, Object.keys(colors).map(function (k) {
      var sw = el('span', { class: 'swatch' });
      sw.style.background = colors[k];
      return el('span', { class: 'legend-item' }, [sw, k]);
    }));
  }

  // ---- header -------------------------------------------------------------------------------

  var header = el('header');
  header.appendChild(el('h1', { id: 'scenario-name', text: data.scenario }));
  if (data.description) header.appendChild(el('p', { id: 'scenario-description', class: 'description', text: data.description }));
  var passed = data.expectations.filter(function (e) { return e.status === 'passed'; }).length;
  header.appendChild(el('p', { class: 'meta', text: [
    data.file ? 'file ' + data.file : null,
    'seed ' + data.seed,
    'simulated ' + clock(data.simulatedMs) + (data.partial ? ' (partial: ' + data.stopReason + ')' : ''),
    num(data.eventsProcessed) + ' events',
    'expectations ' + passed + '/' + data.expectations.length + ' passed',
    'log ' + data.logHash.slice(0, 12),
  ].filter(Boolean).join('  ·  ') }));
  if (data.error) header.appendChild(el('p', { class: 'error', text: 'The run stopped on an error at ' + clock(data.error.atMs) + ': ' + data.error.message }));
  var nav = el('nav');
  header.appendChild(nav);
  document.body.appendChild(header);

  // The time cursor: a sticky bar; dragging it moves every chart's cursor line and redraws the cluster view.
  var cursorBar = el('div', { id: 'cursor-bar' });
  var cursor = el('input', { id: 'time-cursor', type: 'range', min: '0', max: String(END), step: String(Math.max(100, Math.round(END / 2000 / 100) * 100)), value: String(Math.min(END, Math.round(END / 2))) });
  var cursorLabel = el('span', { id: 'cursor-time' });
  cursorBar.appendChild(el('label', { for: 'time-cursor', text: 'Time cursor' }));
  cursorBar.appendChild(cursor);
  cursorBar.appendChild(cursorLabel);
  document.body.appendChild(cursorBar);
  document.body.appendChild(el('main', { id: 'main' }));
  var cursorCharts = [];

  // ---- tasks: the Gantt ---------------------------------------------------------------------

  var lanesByKey = {};
  data.lanes.forEach(function (l) { lanesByKey[l.key] = l; });
  if (data.tasks.length > 0) {
    var s = section('tasks', 'Tasks', 'Every task\'s lifecycle (thick bar) and, under it, its target health (thin bar), grouped by container instance or Fargate Availability Zone. Hover a bar for the task, its state and why it stopped.');
    s.appendChild(legendBox(LIFECYCLE_COLORS));
    s.appendChild(legendBox(HEALTH_COLORS));
    var rows = [];
    var rowTask = [];
    var items = [];
    data.lanes.forEach(function (lane) {
      var mine = data.tasks.filter(function (t) { return t.lane === lane.key; });
      if (mine.length === 0) return;
      rows.push('▾ ' + lane.short);
      rowTask.push(null);
      mine.forEach(function (t) {
        var row = rows.length;
        rows.push(t.id.slice(0, 8) + ' ' + t.label);
        rowTask.push(t);
        t.lifecycle.forEach(function (sp) { items.push({ value: [sp[1], sp[2], row, 0], state: sp[0], task: t, itemStyle: { color: LIFECYCLE_COLORS[sp[0]] || '#999' } }); });
        t.health.forEach(function (sp) { items.push({ value: [sp[1], sp[2], row, 1], state: 'target ' + sp[0], task: t, itemStyle: { color: HEALTH_COLORS[sp[0]] || '#999' } }); });
      });
    });
    var gantt = chart(s, rowsHeight(rows.length, 20, 90), {
      grid: { left: 260, right: rows.length > MAX_ROWS ? 36 : 30, top: 20, bottom: 60 },
      tooltip: {
        formatter: function (p) {
          var t = p.data.task;
          return '<b>' + esc(t.id) + '</b><br>' + esc(t.label + ' · ' + t.taskDefinition + ' · ' + t.launchType) + '<br>' + esc(p.data.state) + ': ' + esc(clock(p.value[0]) + ' → ' + clock(p.value[1])) +
            (t.stoppedReason ? '<br>stopped: ' + esc(t.stoppedReason) : '');
        },
      },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter' }, { type: 'slider', xAxisIndex: 0, height: 18, bottom: 8, filterMode: 'weakFilter' }].concat(rowsZoom(rows.length)),
      xAxis: timeAxis({ position: 'top', zoomable: true }),
      yAxis: { type: 'category', data: rows, inverse: true, axisTick: { show: false }, axisLabel: { fontFamily: 'monospace', fontSize: 11, width: 250, overflow: 'truncate', fontWeight: function () { return 'normal'; } }, splitLine: { show: false } },
      series: [{
        id: 'gantt', type: 'custom', name: 'tasks', encode: { x: [0, 1], y: 2 }, data: items,
        renderItem: spanRenderer(function (k) { return k === 0 ? 0.5 : 0.22; }, function (k) { return k === 0 ? 0.1 : 0.66; }),
        markLine: markerLines(['deployment', 'fault'], true),
      }],
    }, 'gantt');
    cursorCharts.push({ chart: gantt, seriesId: 'gantt', markers: ['deployment', 'fault'], unlabelled: true });
    var list = el('details', { id: 'task-list' }, [el('summary', { text: 'All ' + data.tasks.length + ' tasks as a table' })]);
    list.appendChild(table(['task', 'label', 'where', 'task definition', 'states', 'stopped reason'], data.tasks.map(function (t) {
      return { cells: [t.id, t.label, (lanesByKey[t.lane] || { title: t.lane }).title, t.taskDefinition, t.lifecycle.map(function (sp) { return sp[0] + '@' + clock(sp[1]); }).join(' '), t.stoppedReason || ''] };
    }), 'tasks'));
    s.appendChild(list);
  }

  // ---- the cluster at the cursor --------------------------------------------------------------

  var clusterView = null;
  if (data.lanes.length > 0) {
    var cs = section('cluster', 'The cluster at the cursor', 'Drag the time cursor (top bar): each container instance (or Fargate AZ) with the tasks on it at that moment, their state, and the CPU and memory left unreserved.');
    clusterView = el('div', { id: 'cluster-view', class: 'cluster' });
    cs.appendChild(clusterView);
    var instanceLanes = data.lanes.filter(function (l) { return l.kind === 'instance' && l.free && l.free.length > 0; });
    if (instanceLanes.length > 0) {
      cs.appendChild(el('h3', { text: 'Reserved CPU per instance (% of registered)' }));
      var rc = chart(cs, 240, {
        grid: { left: 50, right: 30, top: 30, bottom: 30 },
        legend: { type: 'scroll', top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '' : v.toFixed(0) + '%'; }, formatter: undefined },
        xAxis: timeAxis(),
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: instanceLanes.map(function (l, i) {
          var pts = l.free.map(function (f) { return [f[0], 100 * (1 - f[1] / l.cpu)]; });
          if (pts.length > 0) pts.push([l.terminatedAt != null ? l.terminatedAt : END, pts[pts.length - 1][1]]);
          return Object.assign({ id: 'cpu' + i, type: 'line', step: 'end', showSymbol: false, name: l.title.split(' · ')[0], data: pts }, i === 0 ? { markLine: markerLines(['fault']) } : {});
        }),
      }, 'instances');
      cursorCharts.push({ chart: rc, seriesId: 'cpu0', markers: ['fault'] });
    }
  }

  function stateAt(spans, t) {
    for (var i = 0; i < spans.length; i++) if (spans[i][1] <= t && t < spans[i][2]) return spans[i][0];
    return null;
  }
  function freeAt(lane, t) {
    var f = null;
    for (var i = 0; i < lane.free.length && lane.free[i][0] <= t; i++) f = lane.free[i];
    return f;
  }
  function bar(label, free, total) {
    var used = total > 0 ? Math.max(0, Math.min(1, 1 - free / total)) : 0;
    var fill = el('span', { class: 'fill' });
    fill.style.width = (used * 100).toFixed(1) + '%';
    return el('div', { class: 'resource' }, [el('span', { class: 'rlabel', text: label }), el('span', { class: 'bar' }, [fill]), el('span', { class: 'rvalue', text: num(free) + ' of ' + num(total) + ' free' })]);
  }
  function drawCluster(t) {
    if (!clusterView) return;
    clusterView.textContent = '';
    data.lanes.forEach(function (lane) {
      var tasks = data.tasks.filter(function (x) { return x.lane === lane.key && stateAt(x.lifecycle, t) !== null; });
      var card = el('div', { class: 'lane ' + lane.kind, 'data-lane': lane.key });
      card.appendChild(el('h4', { text: lane.title }));
      if (lane.kind === 'instance') {
        var gone = lane.terminatedAt != null && t >= lane.terminatedAt;
        var notYet = lane.registeredAt != null && t < lane.registeredAt;
        if (gone || notYet) card.classList.add('inactive');
        card.appendChild(el('div', { class: 'status', text: gone ? 'terminated at ' + clock(lane.terminatedAt) : notYet ? 'registers at ' + clock(lane.registeredAt) : 'registered' }));
        var f = lane.free ? freeAt(lane, t) : null;
        var cpuFree = f ? f[1] : notYet ? 0 : lane.cpu, memFree = f ? f[2] : notYet ? 0 : lane.memory;
        card.appendChild(bar('CPU', cpuFree, lane.cpu));
        card.appendChild(bar('Memory', memFree, lane.memory));
      }
      var ul = el('ul', { class: 'lane-tasks' });
      tasks.forEach(function (x) {
        var st = stateAt(x.lifecycle, t), h = stateAt(x.health, t);
        var chip = el('span', { class: 'chip', text: st });
        chip.style.background = LIFECYCLE_COLORS[st] || '#ddd';
        ul.appendChild(el('li', null, [chip, ' ' + x.id.slice(0, 8) + ' ' + x.label + (h ? ' · target ' + h : '')]));
      });
      if (tasks.length === 0) ul.appendChild(el('li', { class: 'none', text: 'no tasks' }));
      card.appendChild(ul);
      clusterView.appendChild(card);
    });
  }

  // ---- services ------------------------------------------------------------------------------

  if (data.services.length > 0) {
    var ss = section('services', 'Services', 'Per service: desired, running, pending and healthy tasks over time; the shaded band is the running deployment\'s floor (minimumHealthyPercent) to ceiling (maximumPercent). Then each deployment\'s critical path (where its time went) and the service events.');
    data.services.forEach(function (svc, si) {
      // In the document before its charts are made: ECharts sizes a chart from its container.
      var box = el('div', { class: 'service' });
      ss.appendChild(box);
      box.appendChild(el('h3', { text: svc.name + ' · ' + svc.taskDefinition + ' · ' + svc.strategy + ' · ' + svc.minimumHealthyPercent + '% / ' + svc.maximumPercent + '%' }));
      var sr = svc.series;
      var zip = function (ys) { return sr.t.map(function (t, i) { return [t, ys[i]]; }).concat(sr.t.length ? [[END, ys[ys.length - 1]]] : []); };
      var bandBase = sr.floor;
      var bandSpan = sr.floor.map(function (f, i) { return f == null || sr.ceiling[i] == null ? null : sr.ceiling[i] - f; });
      var c = chart(box, 260, {
        grid: { left: 40, right: 30, top: 30, bottom: 30 },
        legend: { top: 0, data: ['desired', 'running', 'pending', 'healthy', 'deployment band'] },
        tooltip: { trigger: 'axis', formatter: function (ps) {
          return esc(clock(ps[0].value[0])) + '<br>' + ps.filter(function (p) { return p.seriesName !== 'floor'; }).map(function (p) {
            return esc(p.seriesName) + ': ' + esc(p.value[1] == null ? '-' : p.seriesName === 'deployment band' ? sr.floor[Math.min(p.dataIndex, sr.floor.length - 1)] + '…' + sr.ceiling[Math.min(p.dataIndex, sr.ceiling.length - 1)] : p.value[1]);
          }).join('<br>');
        } },
        xAxis: timeAxis(),
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: 'floor', type: 'line', step: 'end', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, data: zip(bandBase), silent: true },
          { name: 'deployment band', type: 'line', step: 'end', stack: 'band', showSymbol: false, color: 'rgba(37,99,235,0.35)', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(37,99,235,0.12)' }, data: zip(bandSpan), silent: true },
          { id: 'desired' + si, name: 'desired', type: 'line', step: 'end', showSymbol: false, lineStyle: { type: 'dashed', width: 2 }, color: '#111827', data: zip(sr.desired), markLine: markerLines(['deployment', 'fault', 'scaling']) },
          { name: 'running', type: 'line', step: 'end', showSymbol: false, color: '#22c55e', data: zip(sr.running) },
          { name: 'pending', type: 'line', step: 'end', showSymbol: false, color: '#a5b4fc', data: zip(sr.pending) },
          { name: 'healthy', type: 'line', step: 'end', showSymbol: false, color: '#15803d', lineStyle: { width: 3, opacity: 0.6 }, data: zip(sr.healthy) },
        ],
      }, 'service-' + svc.name);
      cursorCharts.push({ chart: c, seriesId: 'desired' + si, markers: ['deployment', 'fault', 'scaling'] });

      var deps = data.deployments.filter(function (d) { return d.serviceName === svc.name; });
      if (deps.length > 0) {
        box.appendChild(el('h4', { text: 'Deployments: where the time went (critical path)' }));
        box.appendChild(table(['deployment', 'task definition', 'started', 'took', 'outcome', 'floor…ceiling', 'min healthy', 'max running', 'started / stopped tasks'], deps.map(function (d) {
          return { cls: d.outcome === 'FAILED' ? 'bad' : '', cells: [short(d.id), short(d.taskDefinition), clock(d.startMs), secs(d.durationMs), d.outcome + (d.rolledBackBy ? ' (rolled back)' : '') + (d.rollbackTo ? ' (rollback)' : ''), d.healthyFloor + '…' + d.runningCeiling, d.minHealthyCount, d.maxRunningCount, d.tasksStarted + ' / ' + d.tasksStopped] };
        })));
        var spans = deps.reduce(function (n, d) { return n + d.criticalPath.length; }, 0);
        if (spans > 0 && spans <= MAX_ROWS * 2) {
          // A row per span of the critical path, each deployment from its own start.
          var wRows = [], wItems = [];
          deps.forEach(function (d, di) {
            d.criticalPath.forEach(function (sp) {
              var row = wRows.length;
              wRows.push('#' + (di + 1) + ' ' + sp.phase + (sp.taskId ? ' ' + sp.taskId.slice(0, 8) : ''));
              wItems.push({ value: [sp.startMs - d.startMs, sp.endMs - d.startMs, row, 0], phase: sp.phase, dep: d, sp: sp, itemStyle: { color: PHASE_COLORS[sp.phase] || '#999' } });
            });
          });
          var longest = Math.max.apply(null, deps.map(function (d) { return d.durationMs; }));
          chart(box, rowsHeight(wRows.length, 18, 70), {
            grid: { left: 210, right: wRows.length > MAX_ROWS ? 36 : 30, top: 10, bottom: 46 },
            dataZoom: rowsZoom(wRows.length),
            tooltip: { formatter: function (p) { return esc(short(p.data.dep.id) + ' · ' + p.data.phase + (p.data.sp.taskId ? ' · task ' + p.data.sp.taskId : '')) + '<br>' + esc(clock(p.data.sp.startMs) + ' → ' + clock(p.data.sp.endMs) + ' (' + secs(p.value[1] - p.value[0]) + ')'); } },
            xAxis: { type: 'value', min: 0, max: Math.max(longest, 1000), name: 'since the deployment started', nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: function (v) { return '+' + axisClock(v); } } },
            yAxis: { type: 'category', data: wRows, inverse: true, axisLabel: { fontFamily: 'monospace', fontSize: 11 } },
            series: [{ type: 'custom', encode: { x: [0, 1], y: 2 }, data: wItems, renderItem: spanRenderer(function () { return 0.7; }, function () { return 0.15; }) }],
          }, 'waterfall-' + svc.name);
        } else if (spans > 0) {
          // A long critical path (a crash loop): each deployment's time on it, by phase.
          var phases = Object.keys(PHASE_COLORS);
          chart(box, rowsHeight(deps.length, 30, 80), {
            grid: { left: 210, right: 30, top: 30, bottom: 40 },
            legend: { top: 0, type: 'scroll' },
            tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name + ' · ' + p.seriesName + ': ' + secs(p.value)); } },
            xAxis: { type: 'value', name: 'time on the critical path', nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: function (v) { return axisClock(v); } } },
            yAxis: { type: 'category', inverse: true, data: deps.map(function (d, di) { return '#' + (di + 1) + ' ' + short(d.id).slice(-6) + ' ' + d.outcome; }), axisLabel: { fontFamily: 'monospace', fontSize: 11 } },
            series: phases.map(function (ph) {
              return { name: ph, type: 'bar', stack: 'cp', color: PHASE_COLORS[ph], data: deps.map(function (d) { var x = d.phases.filter(function (q) { return q.name === ph; })[0]; return x ? x.criticalPathMs : 0; }) };
            }),
          }, 'waterfall-' + svc.name);
        }
      }
      var ev = el('details', { class: 'events' }, [el('summary', { text: 'Service events (' + svc.events.length + (svc.eventCount > svc.events.length ? ' newest of ' + svc.eventCount : '') + ')' })]);
      ev.appendChild(table(['time', 'message'], svc.events.map(function (e) { return { cells: [clock(e.createdAt), e.message] }; })));
      if (svc.events.length <= 12) ev.open = true;
      box.appendChild(ev);
    });
  }

  // ---- traffic -------------------------------------------------------------------------------

  var hasTraffic = data.traffic.loadBalancers.some(function (l) { return l.requests; }) || data.traffic.workloads.length > 0 || (data.traffic.series && data.traffic.series.length > 0);
  if (hasTraffic) {
    var ts = section('traffic', 'Traffic', 'Requests per period by status class, with 5xx split by origin (made by the load balancer itself, or returned by a target), and latency percentiles; dashed lines mark deployments (blue), faults (red) and scaling activities (purple).');
    ts.appendChild(legendBox(MARKER_COLORS));
    // Each load balancer; each target group when there are several; the workloads when no load balancer counts.
    var series = data.traffic.series || [];
    var scopes = series.filter(function (r) { return r.scope === 'targetGroup'; }).length > 1 ? ['loadBalancer', 'targetGroup'] : ['loadBalancer'];
    if (!series.some(function (r) { return r.scope === 'loadBalancer'; })) scopes = ['workload'];
    series.filter(function (r) { return scopes.indexOf(r.scope) >= 0; }).forEach(function (r, ri) {
      ts.appendChild(el('h3', { text: { loadBalancer: 'Load balancer ', targetGroup: 'Target group ', workload: 'Workload ' }[r.scope] + r.name + (r.mode === 'fluid' ? ' (fluid: expected requests, the model\'s percentiles)' : '') }));
      var period = data.traffic.periodMs || 60000;
      // Each period drawn over its own minute: at its middle.
      var pt = function (ys) { return r.t.map(function (t, i) { return [t + period / 2, ys[i]]; }); };
      var rc = chart(ts, 280, {
        grid: { left: 60, right: 30, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', formatter: function (ps) { return esc(clock(ps[0].value[0] - period / 2) + ' → ' + clock(ps[0].value[0] + period / 2)) + '<br>' + ps.map(function (p) { return esc(p.seriesName + ': ' + num(p.value[1])); }).join('<br>'); } },
        xAxis: timeAxis(),
        yAxis: { type: 'value', name: 'requests / ' + Math.round(period / 1000) + 's' },
        series: [
          { id: 'req' + ri, name: '2xx', type: 'bar', stack: 'c', barWidth: '90%', color: '#22c55e', data: pt(r.http2xx), markLine: markerLines(['deployment', 'fault', 'scaling']) },
          { name: '3xx', type: 'bar', stack: 'c', color: '#38bdf8', data: pt(r.http3xx) },
          { name: '4xx', type: 'bar', stack: 'c', color: '#fbbf24', data: pt(r.http4xx) },
          { name: '5xx from the load balancer', type: 'bar', stack: 'c', color: '#dc2626', data: pt(r.elb5xx) },
          { name: '5xx from targets', type: 'bar', stack: 'c', color: '#7f1d1d', data: pt(r.target5xx) },
        ],
      }, 'traffic-' + r.scope + '-' + r.name);
      cursorCharts.push({ chart: rc, seriesId: 'req' + ri, markers: ['deployment', 'fault', 'scaling'] });
      chart(ts, 220, {
        grid: { left: 60, right: 30, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', formatter: function (ps) { return esc(clock(ps[0].value[0])) + '<br>' + ps.map(function (p) { return esc(p.seriesName + ': ' + (p.value[1] == null ? '-' : p.value[1].toFixed(1) + ' ms')); }).join('<br>'); } },
        xAxis: timeAxis(),
        yAxis: { type: 'value', name: 'latency ms' },
        series: [
          { name: 'p50', type: 'line', showSymbol: false, connectNulls: false, data: pt(r.p50Ms), markLine: markerLines(['deployment', 'fault', 'scaling']) },
          { name: 'p90', type: 'line', showSymbol: false, data: pt(r.p90Ms) },
          { name: 'p99', type: 'line', showSymbol: false, data: pt(r.p99Ms) },
        ],
      }, 'latency-' + r.scope + '-' + r.name);
    });
    // The run's totals, by status and who answered: from the load balancers, or the workloads' clients.
    var totals = data.traffic.loadBalancers.filter(function (l) { return l.requests; }).map(function (l) { return { name: 'load balancer ' + l.name, s: l.requests }; })
      .concat(data.traffic.workloads.map(function (w) { return { name: 'workload ' + w.name + (w.mode === 'fluid' ? ' (fluid)' : ''), s: w.total }; }));
    if (totals.length > 0) {
      ts.appendChild(el('h3', { text: 'Responses over the whole run, by status and origin' }));
      var cats = [];
      totals.forEach(function (x) { x.s.codes.forEach(function (c) { var k = c.status + ' ' + c.source; if (cats.indexOf(k) < 0) cats.push(k); }); });
      chart(ts, Math.max(160, totals.length * 60 + 80), {
        grid: { left: 200, right: 40, top: 30, bottom: 30 },
        legend: { top: 0, type: 'scroll' },
        tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name + ' · ' + p.seriesName + ': ' + num(p.value)); } },
        xAxis: { type: 'log', min: 1, logBase: 10 },
        yAxis: { type: 'category', data: totals.map(function (x) { return x.name; }), axisLabel: { width: 190, overflow: 'truncate' } },
        series: cats.map(function (k) {
          var status = Number(k.split(' ')[0]);
          return { name: k, type: 'bar', color: codeColor(status, k.split(' ')[1]),
            data: totals.map(function (x) { var c = x.s.codes.filter(function (c) { return c.status + ' ' + c.source === k; })[0]; return c ? Math.max(c.count, 1) : null; }) };
        }),
      }, 'traffic-totals');
      ts.appendChild(table(['who', 'requests', 'errors', 'p50 ms', 'p90 ms', 'p99 ms', 'by status and origin'], totals.map(function (x) {
        return { cells: [x.name, num(x.s.count), num(x.s.errors), x.s.latency.p50.toFixed(1), x.s.latency.p90.toFixed(1), x.s.latency.p99.toFixed(1), x.s.codes.map(function (c) { return c.status + ' ' + c.source + ' ' + num(c.count); }).join(', ')] };
      })));
    }
    if (!data.traffic.series) ts.appendChild(el('p', { class: 'intro', text: 'This result has no time series, so only totals are shown.' }));
  }

  // ---- the scaling loop ----------------------------------------------------------------------

  var sc = data.scaling;
  var alarmLanes = sc.alarms ? sc.alarms.map(function (a) {
    return { name: a.name, spans: a.t.map(function (t, i) { return [a.state[i], t, i + 1 < a.t.length ? a.t[i + 1] : END]; }) };
  }) : sc.alarmSpans;
  var resourceIds = Object.keys(sc.series);
  var cps = Object.keys(sc.capacityProviders);
  if (resourceIds.length > 0 || alarmLanes.length > 0 || sc.activities.length > 0 || sc.metricData.length > 0 || cps.length > 0) {
    var scs = section('scaling', 'Scaling', 'The scaling loop: the metric against its target, the alarms\' states, desired against running, and every scaling activity with its cause.');
    if (sc.metricData.length > 0) {
      scs.appendChild(el('h3', { text: 'Metrics (the scenario\'s CloudWatch queries)' }));
      var targets = sc.policies.filter(function (p) { return p.target != null; });
      chart(scs, 240, {
        grid: { left: 60, right: 30, top: 30, bottom: 30 },
        legend: { top: 0, type: 'scroll' },
        tooltip: { trigger: 'axis', formatter: function (ps) { return esc(clock(ps[0].value[0])) + '<br>' + ps.map(function (p) { return esc(p.seriesName + ': ' + (+p.value[1]).toFixed(2)); }).join('<br>'); } },
        xAxis: timeAxis(),
        yAxis: { type: 'value' },
        series: sc.metricData.map(function (m, i) {
          return Object.assign({ name: m.label || m.id, type: 'line', showSymbol: m.t.length < 60, data: m.t.map(function (t, j) { return [t, m.v[j]]; }) }, i === 0 ? {
            markLine: { symbol: 'none', label: { show: false },
              data: targets.map(function (p) { return { yAxis: p.target, name: p.name + ' target ' + p.target, label: { show: true, position: 'insideEndTop', formatter: 'target {c}' }, lineStyle: { color: '#dc2626', type: 'dashed' } }; }).concat(markerLines(['scaling', 'fault']).data),
              tooltip: { formatter: function (p) { return esc(p.name); } } },
          } : {});
        }),
      }, 'metrics');
    }
    if (sc.policies.length > 0) scs.appendChild(table(['policy', 'type', 'scales', 'metric', 'target', 'alarms'], sc.policies.map(function (p) { return { cells: [p.name, p.type, p.resourceId, p.metric || '', p.target == null ? '' : p.target, p.alarms.join(', ')] }; })));
    resourceIds.forEach(function (rid, ri) {
      var pts = sc.series[rid];
      scs.appendChild(el('h3', { text: 'Desired and running tasks of ' + rid }));
      var c = chart(scs, 220, {
        grid: { left: 40, right: 30, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', formatter: function (ps) { return esc(clock(ps[0].value[0])) + '<br>' + ps.map(function (p) { return esc(p.seriesName + ': ' + p.value[1]); }).join('<br>'); } },
        xAxis: timeAxis(),
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { id: 'sdesired' + ri, name: 'desired', type: 'line', step: 'end', showSymbol: false, color: '#111827', data: pts.map(function (p) { return [p.t, p.desired]; }), markLine: markerLines(['scaling']) },
          { name: 'running', type: 'line', step: 'end', showSymbol: false, color: '#22c55e', data: pts.map(function (p) { return [p.t, p.running]; }) },
        ],
      }, 'scaling-' + rid);
      cursorCharts.push({ chart: c, seriesId: 'sdesired' + ri, markers: ['scaling'] });
    });
    cps.forEach(function (name) {
      var cp = sc.capacityProviders[name];
      scs.appendChild(el('h3', { text: 'Capacity provider ' + name + ' (' + cp.autoScalingGroupName + ')' }));
      chart(scs, 220, {
        grid: { left: 40, right: 50, top: 30, bottom: 30 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: timeAxis(),
        yAxis: [{ type: 'value', minInterval: 1, name: 'instances' }, { type: 'value', name: 'reservation %' }],
        series: [
          { name: 'DesiredCapacity', type: 'line', step: 'end', showSymbol: false, data: cp.samples.map(function (p) { return [p.t, p.DesiredCapacity]; }) },
          { name: 'InService', type: 'line', step: 'end', showSymbol: false, data: cp.samples.map(function (p) { return [p.t, p.InService]; }) },
          { name: 'CapacityProviderReservation', type: 'line', yAxisIndex: 1, showSymbol: false, data: cp.samples.map(function (p) { return [p.t, p.CapacityProviderReservation]; }) },
        ],
      }, 'capacity-' + name);
    });
    if (alarmLanes.length > 0) {
      scs.appendChild(el('h3', { text: 'Alarm states' }));
      scs.appendChild(legendBox(ALARM_COLORS));
      var aItems = [];
      alarmLanes.forEach(function (a, ai) { a.spans.forEach(function (sp) { aItems.push({ value: [sp[1], sp[2], ai, 0], state: sp[0], alarm: a.name, itemStyle: { color: ALARM_COLORS[sp[0]] || '#999' } }); }); });
      chart(scs, rowsHeight(alarmLanes.length, 26, 70), {
        dataZoom: rowsZoom(alarmLanes.length),
        grid: { left: 260, right: 30, top: 10, bottom: 30 },
        tooltip: { formatter: function (p) { return esc(p.data.alarm) + '<br>' + esc(p.data.state + ': ' + clock(p.value[0]) + ' → ' + clock(p.value[1])); } },
        xAxis: timeAxis(),
        yAxis: { type: 'category', inverse: true, data: alarmLanes.map(function (a) { return a.name; }), axisLabel: { width: 250, overflow: 'truncate', fontSize: 11 } },
        series: [{ type: 'custom', encode: { x: [0, 1], y: 2 }, data: aItems, renderItem: spanRenderer(function () { return 0.6; }, function () { return 0.2; }), markLine: markerLines(['scaling']) }],
      }, 'alarms');
    }
    if (sc.activities.length > 0) {
      scs.appendChild(el('h3', { text: 'Scaling activities' }));
      scs.appendChild(table(['time', 'status', 'description', 'cause', 'not scaled because', ''], sc.activities.map(function (a, ai) {
        var b = el('button', { type: 'button', class: 'inspect', 'data-activity': String(ai), text: 'inspect' });
        b.addEventListener('click', function () { inspectActivity(ai); });
        return { cells: [clock(a.StartTime * 1000), a.StatusCode, a.Description, a.Cause, (a.NotScaledReasons || []).map(function (r) { return r.Code; }).join(', '), b] };
      }), 'activities'));
    }
  }

  // ---- placement -----------------------------------------------------------------------------

  if (data.placements.total > 0) {
    var ps = section('placement', 'Placement', 'Each placement decision: the instance chosen, and why every other instance lost (the filter that rejected it, or its rank under each strategy). ' +
      (data.placements.shown.length < data.placements.total ? 'Showing ' + data.placements.shown.length + ' of ' + data.placements.total + ' decisions, failed ones first.' : ''));
    var refOf = {};
    data.lanes.forEach(function (l) { if (l.containerInstanceArn) refOf[l.containerInstanceArn] = l.title.split(' · ')[0]; });
    var plist = el('div', { class: 'placements' });
    data.placements.shown.forEach(function (p, pi) {
      var head = clock(p.t) + '  ' + p.label + (p.taskArn ? ' task ' + short(p.taskArn).slice(0, 8) : '') + '  → ' +
        (p.status === 'Success' ? 'placed on ' + (refOf[p.chosen] || p.chosen || 'Fargate') : 'not placed (' + p.status + ')' + (p.closest ? ': closest ' + (refOf[p.closest.containerInstanceArn] || '') + ' failed ' + p.closest.reason + ' (' + p.closest.detail + ')' : '')) +
        '  · strategies: ' + (p.strategies.join(', ') || 'none');
      var d = el('details', { class: 'placement ' + (p.status === 'Success' ? 'ok' : 'bad') }, [el('summary', { text: head })]);
      if (p.status !== 'Success' || pi < 2) d.open = true;
      if (p.candidates) {
        d.appendChild(table(['instance', 'verdict', 'why'], p.candidates.map(function (c) {
          var chosen = c.containerInstanceArn === p.chosen;
          return { cls: chosen ? 'chosen' : c.rejectedBy ? 'rejected' : '', cells: [(refOf[c.containerInstanceArn] || '') + ' ' + c.ec2InstanceId,
            chosen ? '✔ chosen' : c.rejectedBy ? '✖ ' + c.rejectedBy : 'ranked lower',
            c.rejectedBy ? (c.reason || '') + ': ' + (c.detail || '') : (c.ranks || []).map(function (r, i) { return (p.strategies[i] || '?') + '=' + (Number.isInteger(r) ? r : r.toFixed(4)); }).join('  ')] };
        })));
      }
      plist.appendChild(d);
    });
    ps.appendChild(plist);
  }

  // ---- the decision inspector ---------------------------------------------------------------
  // One decision at a time, from the run's decision records (docs/decisions.md): a task's
  // placement (click it in the Gantt, or pick it) or a scaling activity's cause (its
  // "inspect" button, or pick it).

  var insp = data.inspector;
  var inspectorView = null;
  var ec2Ref = {};
  data.lanes.forEach(function (l) { if (l.kind === 'instance') { var parts = l.title.split(' · '); ec2Ref[parts[1]] = parts[0]; } });
  function instanceName(id) { return id == null ? '' : (ec2Ref[id] ? ec2Ref[id] + ' ' : '') + id; }
  function rankText(r) { return Number.isInteger(r) ? String(r) : r.toFixed(4); }
  var BREACH = {
    GreaterThanThreshold: function (v, t) { return v > t; }, GreaterThanOrEqualToThreshold: function (v, t) { return v >= t; },
    LessThanThreshold: function (v, t) { return v < t; }, LessThanOrEqualToThreshold: function (v, t) { return v <= t; },
  };
  var COMPARISON = { GreaterThanThreshold: '>', GreaterThanOrEqualToThreshold: '>=', LessThanThreshold: '<', LessThanOrEqualToThreshold: '<=' };
  var others = insp && insp.others ? insp.others : [];
  if (insp && (data.tasks.length > 0 || sc.activities.length > 0 || others.length > 0)) {
    var is = section('inspector', 'Decision inspector', 'Click a task in the Gantt (or pick one) to see its placement: the instances left after each filter, each strategy\'s rank, the winner and why every other instance lost. Click "inspect" on a scaling activity (or pick one) to see the alarm datapoints that caused it and the desired count computed and set. Pick another decision to see a service\'s scale-in ranking, a reconciliation\'s floor, ceiling and tasks, or cluster auto scaling\'s step and its scale-in of instances.');
    var pickers = el('div', { class: 'pickers' });
    var taskPick = el('select', { id: 'inspect-task' }, [el('option', { value: '', text: 'a task…' })]);
    data.tasks.forEach(function (t) { taskPick.appendChild(el('option', { value: 't:' + t.id, text: t.id.slice(0, 8) + ' ' + t.label })); });
    insp.unplaced.forEach(function (r, i) { taskPick.appendChild(el('option', { value: 'u:' + i, text: clock(r.t) + ' ' + r.label + ' not placed (' + r.status + ')' })); });
    taskPick.addEventListener('change', function () {
      var v = taskPick.value;
      if (v.indexOf('t:') === 0) inspectTask(v.slice(2));
      else if (v.indexOf('u:') === 0) showPlacement(insp.unplaced[Number(v.slice(2))], null);
    });
    pickers.appendChild(el('label', { for: 'inspect-task', text: 'Placement of ' }));
    pickers.appendChild(taskPick);
    if (sc.activities.length > 0) {
      var actPick = el('select', { id: 'inspect-activity' }, [el('option', { value: '', text: 'a scaling activity…' })]);
      sc.activities.forEach(function (a, ai) { actPick.appendChild(el('option', { value: String(ai), text: clock(a.StartTime * 1000) + ' ' + a.ResourceId + ': ' + a.Description })); });
      actPick.addEventListener('change', function () { if (actPick.value !== '') inspectActivity(Number(actPick.value)); });
      pickers.appendChild(el('label', { for: 'inspect-activity', text: '  Scaling activity ' }));
      pickers.appendChild(actPick);
    }
    if (others.length > 0) {
      var otherPick = el('select', { id: 'inspect-other' }, [el('option', { value: '', text: 'another decision…' })]);
      others.forEach(function (r, oi) { otherPick.appendChild(el('option', { value: String(oi), text: clock(r.t) + ' ' + otherTitle(r) })); });
      otherPick.addEventListener('change', function () { if (otherPick.value !== '') showOther(others[Number(otherPick.value)]); });
      pickers.appendChild(el('label', { for: 'inspect-other', text: '  Other decision ' }));
      pickers.appendChild(otherPick);
    }
    is.appendChild(pickers);
    inspectorView = el('div', { id: 'inspector-view', class: 'inspector' }, [el('p', { class: 'intro', text: 'Nothing inspected yet.' })]);
    is.appendChild(inspectorView);
    if (insp.omittedOthers > 0) is.appendChild(el('p', { class: 'intro', text: insp.omittedOthers + ' later decisions of other kinds are not kept in this report.' }));
    if (insp.omittedPlacements > 0) is.appendChild(el('p', { class: 'intro', text: insp.omittedPlacements + ' later placement decisions are not kept in this report.' }));
    if (typeof gantt !== 'undefined') gantt.on('click', function (p) { if (p.data && p.data.task) inspectTask(p.data.task.id); });
  }

  function showInInspector(kind, nodes) {
    if (!inspectorView) return;
    inspectorView.textContent = '';
    inspectorView.setAttribute('data-kind', kind);
    nodes.forEach(function (n) { if (n) inspectorView.appendChild(n); });
    inspectorView.scrollIntoView({ block: 'nearest' });
  }

  function inspectTask(id) {
    var picker = document.getElementById('inspect-task');
    if (picker) picker.value = 't:' + id;
    var t = data.tasks.find(function (x) { return x.id === id; });
    var r = insp.placements[id];
    if (!r) {
      showInInspector('none', [el('h3', { text: 'Task ' + id + (t ? ' (' + t.label + ')' : '') }), el('p', { text: 'No placement decision was recorded for this task (the report was made without decision records, or the decision is past the report\'s cap).' })]);
      return;
    }
    showPlacement(r, t || null);
  }

  function showPlacement(r, t) {
    var nodes = [];
    nodes.push(el('h3', { id: 'inspector-title', text: (r.task ? 'Task ' + r.task : 'A task of ' + r.label) + (t ? ' (' + t.label + ', ' + t.taskDefinition + ')' : '') }));
    nodes.push(el('p', { text: 'Placed at ' + clock(r.t) + ' · group ' + r.group + ' · ' + r.status + ' · ' + r.instances + ' instances considered · strategies: ' + (r.strategies.join(', ') || 'none') }));
    nodes.push(el('p', { id: 'inspector-winner', class: r.winner ? 'good' : 'bad', text: r.winner ? 'Winner: ' + instanceName(r.winner) : 'No instance fitted: not placed (' + r.status + ').' }));
    nodes.push(el('h4', { text: 'Candidates after each filter' }));
    nodes.push(table(['filter', 'instances left'], [{ cells: ['(considered)', r.instances] }].concat(r.filters.map(function (f) { return { cells: [f.filter, f.left] }; })), 'inspector-filters'));
    if (r.survivors.length > 0) {
      nodes.push(el('h4', { text: 'Ranks of the instances that passed every filter (lower is better)' }));
      nodes.push(table(['instance'].concat(r.strategies).concat(['verdict']), r.survivors.map(function (sv) {
        var win = sv.instance === r.winner;
        return { cls: win ? 'chosen' : '', cells: [instanceName(sv.instance)].concat(r.strategies.map(function (_, i) { return sv.ranks[i] == null ? '' : rankText(sv.ranks[i]); })).concat([win ? '✔ winner' : 'beaten by ' + sv.beatenBy]) };
      }), 'inspector-ranks'));
    }
    if (r.rejected.length > 0) {
      nodes.push(el('h4', { text: 'Rejected by a filter' }));
      nodes.push(table(['instance', 'filter', 'reason'], r.rejected.map(function (x) { return { cls: 'rejected', cells: [instanceName(x.instance), x.filter, x.reason || ''] }; }), 'inspector-rejected'));
    }
    if (r.omitted.survivors > 0 || r.omitted.rejected > 0) nodes.push(el('p', { class: 'intro', text: 'Not listed: ' + r.omitted.survivors + ' more survivors, ' + r.omitted.rejected + ' more rejected.' }));
    showInInspector('placement', nodes);
  }

  function inspectActivity(ai) {
    var picker = document.getElementById('inspect-activity');
    if (picker) picker.value = String(ai);
    var a = sc.activities[ai];
    var di = insp ? insp.activityDecision[ai] : null;
    var r = di == null ? null : insp.scaling[di];
    var nodes = [el('h3', { id: 'inspector-title', text: 'Scaling activity at ' + clock(a.StartTime * 1000) + ': ' + a.Description }), el('p', { text: a.ResourceId + ' · ' + a.StatusCode + ' · ' + a.Cause })];
    if (!r) {
      nodes.push(el('p', { text: 'No scaling decision record made this activity (a scheduled action, or a report made without decision records).' }));
      showInInspector('none', nodes);
      return;
    }
    var cmp = COMPARISON[r.comparison] || r.comparison;
    var breach = BREACH[r.comparison];
    nodes.push(el('p', { id: 'inspector-alarm', text: 'Alarm ' + r.alarm + ' (metric ' + cmp + ' ' + r.threshold + ') invoked policy ' + r.policy + ' (' + r.policyType + ') with ' + r.datapoints.length + ' datapoints:' }));
    nodes.push(table(['period start', 'value', cmp + ' ' + r.threshold + '?'], r.datapoints.map(function (p) {
      var b = breach ? breach(p.value, r.threshold) : null;
      return { cls: b ? 'bad' : '', cells: [clock(p.t), Number.isInteger(p.value) ? String(p.value) : p.value.toFixed(3), b == null ? '' : b ? 'breaching' : 'not breaching'] };
    }), 'inspector-datapoints'));
    nodes.push(el('p', { id: 'inspector-desired', text: 'Direction ' + r.direction + ': desired count ' + r.desiredCount + (r.computed == null ? '' : ', computed ' + r.computed) +
      (r.to == null ? ', nothing set' : ', set to ' + r.to) + (r.reason ? ' (' + r.reason + ')' : '') + '.' }));
    showInInspector('scaling', nodes);
  }

  // The other kinds of decision record (docs/decisions.md): one line for the picker, one view each.
  function otherTitle(r) {
    if (r.kind === 'scaleIn') return 'service ' + r.service + ' scales in: keeps ' + r.keep + ' of ' + r.candidates;
    if (r.kind === 'serviceReconcile') return 'service ' + r.service + ' reconciled: ' + r.started.length + ' started, ' + r.stopped.length + ' stopped';
    if (r.kind === 'managedScaling') return 'capacity provider ' + r.capacityProvider + ' ' + r.direction + ': ' + r.from + ' → ' + r.to;
    if (r.kind === 'instanceScaleIn') return 'Auto Scaling group ' + r.group + ' terminates ' + r.terminated.length;
    return r.kind;
  }
  function taskName(id) {
    var t = data.tasks.find(function (x) { return x.id === id; });
    return id.slice(0, 8) + (t ? ' ' + t.label : '');
  }
  function showOther(r) {
    var picker = document.getElementById('inspect-other');
    if (picker) picker.value = String(others.indexOf(r));
    var nodes = [el('h3', { id: 'inspector-title', text: otherTitle(r) + ', at ' + clock(r.t) })];
    if (r.kind === 'scaleIn') {
      nodes.push(el('p', { id: 'inspector-summary', text: 'Of ' + r.candidates + ' tasks, ' + r.keep + ' stay; ' + r.chosen.length + ' chosen to stop, one at a time, re-ranking after each (not-yet-RUNNING tasks first, then the service\'s placement strategy).' }));
      nodes.push(el('h4', { text: 'The first ranking (up to 10 tasks)' }));
      nodes.push(table(['#', 'task', 'last status', 'Availability Zone', 'instance', 'verdict'], r.order.map(function (o, i) {
        var stop = r.chosen.indexOf(o.task) >= 0;
        return { cls: stop ? 'rejected' : '', cells: [i + 1, taskName(o.task), o.lastStatus, o.availabilityZone || '', instanceName(o.instance), stop ? 'stopped' : 'kept'] };
      }), 'inspector-order'));
      var unlisted = r.chosen.filter(function (c) { return !r.order.some(function (o) { return o.task === c; }); });
      if (unlisted.length > 0) nodes.push(el('p', { text: 'Also stopped (beyond the ranking listed): ' + unlisted.map(taskName).join(', ') }));
    } else if (r.kind === 'serviceReconcile') {
      var bounds = r.floor == null ? 'no floor or ceiling (blue/green, linear or canary: green goes to the desired count)' : 'floor ' + r.floor + ' healthy, ceiling ' + r.ceiling + ' running or pending';
      nodes.push(el('p', { id: 'inspector-summary', text: 'Deployment ' + r.deployment + ': desired ' + r.desired + '; ' + bounds + '; plan: ' + r.plan + '.' }));
      nodes.push(el('h4', { text: 'Tasks started (' + r.started.length + ')' }));
      nodes.push(table(['task'], r.started.map(function (id) { return { cells: [taskName(id)] }; }), 'inspector-started'));
      nodes.push(el('h4', { text: 'Tasks stopped (' + r.stopped.length + ')' }));
      nodes.push(table(['task', 'why'], r.stopped.map(function (x) { return { cls: 'rejected', cells: [taskName(x.task), x.why] }; }), 'inspector-stopped'));
    } else if (r.kind === 'managedScaling') {
      nodes.push(el('p', { id: 'inspector-summary', text: 'CapacityProviderReservation ' + r.reservation + '% against a target capacity of ' + r.targetCapacity + '%, with ' + r.inService + ' instances in service: ' +
        (r.computedStep == null ? 'no step computed (an instance is warming up)' : 'a step of ' + r.computedStep) + '; the group\'s desired capacity went from ' + r.from + ' to ' + r.to + (r.reason ? ' (' + r.reason + ')' : '') + '.' }));
      nodes.push(el('p', { text: 'Alarm ' + r.alarm }));
    } else if (r.kind === 'instanceScaleIn') {
      nodes.push(el('p', { id: 'inspector-summary', text: 'Desired ' + r.desired + ' of ' + r.inService + ' in service; order: ' + r.order + '.' }));
      nodes.push(table(['instance', 'verdict'], r.terminated.map(function (i) { return { cls: 'rejected', cells: [instanceName(i), 'terminated'] }; }).concat(r.protected.map(function (i) { return { cells: [instanceName(i), 'protected from scale-in: skipped'] }; })), 'inspector-instances'));
    }
    showInInspector(r.kind, nodes);
  }

  // ---- queueing stations (the engine's own example) --------------------------------------------

  var stations = Object.keys(data.queueing);
  if (stations.length > 0) {
    var qs = section('queueing', 'Queueing stations', 'Each G/G/c station: the mean wait in the queue as simulated and, for M/M/c, as Erlang C gives it.');
    chart(qs, rowsHeight(stations.length, 50, 70), {
      grid: { left: 160, right: 60, top: 30, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name + ' · ' + p.seriesName + ': ' + p.value.toFixed(1) + ' ms'); } },
      xAxis: { type: 'value', name: 'mean wait ms' },
      yAxis: { type: 'category', data: stations },
      series: [
        { name: 'simulated', type: 'bar', color: '#2563eb', data: stations.map(function (n) { return data.queueing[n].meanWaitMs; }) },
        { name: 'theory (Erlang C)', type: 'bar', color: '#9ca3af', data: stations.map(function (n) { var t = data.queueing[n].theory; return t ? t.meanWaitMs : null; }) },
      ],
    }, 'queueing');
    qs.appendChild(table(['station', 'servers', 'arrivals', 'served', 'mean wait ms', 'theory ms', 'P(wait)', 'utilization'], stations.map(function (n) {
      var q = data.queueing[n];
      return { cells: [n, q.servers, num(q.arrivals), num(q.served), q.meanWaitMs.toFixed(1), q.theory ? q.theory.meanWaitMs.toFixed(1) : '', q.probabilityOfWaiting.toFixed(3), q.utilization.toFixed(3)] };
    })));
  }

  // ---- cost ----------------------------------------------------------------------------------

  if (data.cost) {
    var co = data.cost;
    var cs2 = section('cost', 'Cost', 'What the run\'s capacity cost in ' + co.currency + ' (' + co.region + ', prices as of ' + co.asOf + (co.verified ? '' : ', not all verified') + '): $' + co.totals.total.toFixed(4) + ' over ' + co.hours.toFixed(2) + ' h' + (co.perHour == null ? '' : ', $' + co.perHour.toFixed(4) + '/h') + '.');
    if (co.lines.length > 0) chart(cs2, rowsHeight(co.lines.length, 28, 60), {
      grid: { left: 200, right: 80, top: 10, bottom: 30 },
      tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name + ': $' + p.value.toFixed(4)); } },
      xAxis: { type: 'value', axisLabel: { formatter: function (v) { return '$' + v; } } },
      yAxis: { type: 'category', inverse: true, data: co.lines.map(function (l) { return l.group + ' · ' + l.item; }), axisLabel: { width: 190, overflow: 'truncate' } },
      series: [{ type: 'bar', color: '#2563eb', data: co.lines.map(function (l) { return l.cost; }), label: { show: true, position: 'right', formatter: function (p) { return '$' + p.value.toFixed(4); } } }],
    }, 'cost');
    cs2.appendChild(table(['group', 'item', 'quantity', 'unit price', 'cost', 'price source'], co.lines.map(function (l) { return { cells: [l.group, l.item, l.quantity.toFixed(3) + ' ' + l.unit, '$' + l.unitPrice, '$' + l.cost.toFixed(4), l.priceSource] }; })));
    if (co.unpriced.length > 0) cs2.appendChild(el('p', { class: 'warn', text: 'Unpriced (not counted as zero): ' + co.unpriced.map(function (u) { return u.item + ' (' + u.message + ')'; }).join('; ') }));
    if (co.notMetered.length > 0) cs2.appendChild(el('p', { class: 'intro', text: 'Not metered: ' + co.notMetered.join('; ') }));
  }

  // ---- expectations --------------------------------------------------------------------------

  var ex = section('expectations', 'Expectations', data.expectations.length === 0 ? 'The scenario states no expectations.' : passed + ' of ' + data.expectations.length + ' passed.');
  if (data.expectations.length > 0) {
    ex.appendChild(table(['', 'claim', 'seen', 'at', 'why', 'description'], data.expectations.map(function (e) {
      return { cls: e.status === 'passed' ? 'good' : 'bad', cells: [e.status === 'passed' ? '✔' : e.status === 'failed' ? '✖' : '?', e.claim, e.seen === undefined ? '' : String(e.seen), e.atMs === undefined ? '' : clock(e.atMs), e.message, e.description || ''] };
    }), 'expectations'));
  }

  // ---- the cursor ----------------------------------------------------------------------------

  function setCursor(t) {
    t = Math.max(0, Math.min(END, Number(t)));
    cursorLabel.textContent = clock(t) + ' of ' + clock(END);
    cursorCharts.forEach(function (cc) {
      var ml = markerLines(cc.markers, cc.unlabelled);
      ml.data = ml.data.concat([{ xAxis: t, name: 'cursor ' + clock(t), lineStyle: { color: '#111827', type: 'solid', width: 2 } }]);
      cc.chart.setOption({ series: [{ id: cc.seriesId, markLine: ml }] });
    });
    drawCluster(t);
  }
  cursor.addEventListener('input', function () { setCursor(cursor.value); });
  setCursor(cursor.value);
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  // For the browser tests and for readers who script the page: the charts and the cursor.
  window.ecsSimReport = { charts: charts, setCursor: setCursor, data: data, inspectTask: inspectTask, inspectActivity: inspectActivity };
  document.body.setAttribute('data-ready', 'true');
})();
