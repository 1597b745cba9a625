/**
 * The script of the live dashboard (`busmark run --dashboard`), run in the browser after the uPlot library: reads
 * the planned phases and thresholds from `#busmark-live`, listens to `/events` (server-sent events, one tick a
 * second, then the verdict) and redraws the p99 and rate charts and the live figures. Plain browser JavaScript;
 * the charts are kept in `globalThis.busmarkCharts` and the ticks in `globalThis.busmarkTicks`.
 */
(function () {
  "use strict";
  const uPlot = globalThis.uPlot;
  const source = document.getElementById("busmark-live");
  if (!uPlot || !source) return;
  const model = JSON.parse(source.textContent || "{}");
  const ticks = [];
  const charts = {};
  globalThis.busmarkCharts = charts;
  globalThis.busmarkTicks = ticks;

  function sig3(v) {
    if (v === null || v === undefined) return "–";
    const a = Math.abs(v);
    return String(Number(v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3)));
  }

  function drawPlan(u, lines) {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const px = (v) => u.valToPos(v, "x", true);
    ctx.save();
    ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    model.phases.forEach((p, i) => {
      const x0 = Math.max(left, px(p.start));
      const x1 = Math.min(left + width, px(p.end));
      if (x1 <= x0) return;
      ctx.fillStyle = i % 2 === 0 ? "rgba(76,120,168,0.05)" : "rgba(76,120,168,0.12)";
      ctx.fillRect(x0, top, x1 - x0, height);
      ctx.fillStyle = "#333";
      ctx.fillText(p.name, x0 + 3, top + 3);
    });
    for (const line of lines) {
      const y = u.valToPos(line.value, "y", true);
      if (!(y >= top && y <= top + height)) continue;
      ctx.strokeStyle = "#57606a";
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      ctx.fillStyle = "#57606a";
      ctx.textAlign = "right";
      ctx.textBaseline = "bottom";
      ctx.fillText(line.label, left + width - 4, y - 2);
    }
    ctx.restore();
  }

  function makeChart(id, series, lines) {
    const box = document.getElementById(`chart-${id}`);
    const values = lines.map((l) => l.value);
    const u = new uPlot(
      {
        width: Math.max(320, box.clientWidth || 900),
        height: 240,
        scales: {
          x: { time: false, range: (_u, _min, max) => [0, Math.max(model.domain[1], max || 0)] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max || 0, ...values) * 1.1] },
        },
        axes: [{ label: "time since start (s)" }, { size: 60 }],
        series: [{ label: "t" }, ...series],
        legend: { live: true },
        hooks: { drawClear: [(x) => drawPlan(x, lines)] },
      },
      [[], ...series.map(() => [])],
      box,
    );
    charts[id] = u;
  }

  makeChart(
    "live-latency",
    [{ label: "p99 (ms)", stroke: "#f58518", width: 2 }],
    model.thresholds.filter((l) => l.chart === "latency"),
  );
  makeChart("live-rate", [
    { label: "offered/s", stroke: "#4c78a8", width: 2 },
    { label: "achieved/s", stroke: "#54a24b", width: 2 },
  ], model.thresholds.filter((l) => l.chart === "rate"));

  function redraw() {
    const t = ticks.map((x) => x.t);
    charts["live-latency"].setData([t, ticks.map((x) => x.p99Ms)]);
    charts["live-rate"].setData([t, ticks.map((x) => x.offered), ticks.map((x) => x.achieved)]);
    const last = ticks[ticks.length - 1];
    document.getElementById("live").textContent = `${
      sig3(last.t)
    } s · phase ${last.phase} · published ${last.published} · persisted ${last.persisted} · pending ${last.pending} · lost ${last.lost} · errors ${last.errors} · p99 ${
      last.p99Ms === null ? "–" : `${sig3(last.p99Ms)} ms`
    }`;
  }

  const verdict = document.getElementById("verdict");
  const events = new EventSource("/events");
  events.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.type === "tick") {
      ticks.push(msg.tick);
      verdict.innerHTML = "<strong>RUNNING</strong>";
      redraw();
    } else if (msg.type === "done") {
      verdict.className = `verdict verdict-${
        msg.verdict === "pass" ? "pass" : msg.verdict === "fail" ? "fail" : "warn"
      }`;
      verdict.textContent = "";
      const strong = document.createElement("strong");
      strong.textContent = msg.verdict.toUpperCase();
      verdict.append(strong, `: ${msg.sentence} Report: ${msg.report}`);
      document.body.dataset.done = msg.verdict;
      events.close();
    }
  };
})();
