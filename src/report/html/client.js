/**
 * The script of `report.html`, run in the browser (inlined into the page after the uPlot library): reads the chart
 * model from `#busmark-data` and draws every chart into its `#chart-<id>` box, with phase and fault bands, the
 * partial last second, threshold lines, a tooltip on hover, drag-to-zoom shared by the time charts (double-click
 * resets) and legend entries that toggle their series. Plain browser JavaScript with no imports; the charts are
 * kept in `globalThis.busmarkCharts` by id (the browser test reads them).
 */
(function () {
  "use strict";
  const uPlot = globalThis.uPlot;
  const source = document.getElementById("busmark-data");
  if (!uPlot || !source) return;
  const model = JSON.parse(source.textContent || "{}");
  const COLORS = ["#4c78a8", "#f58518", "#e45756", "#54a24b", "#b279a2", "#72b7b2", "#eeca3b", "#9d755d"];
  const TIME_CHARTS = new Set(["latency", "rate", "cpu", "rss", "runs-latency", "runs-rate"]);
  const AXIS_LABELS = { "ms": "latency (ms)", "/s": "events/s", "%": "CPU (% of a core)", "MB": "RSS (MB)" };
  const charts = {};
  globalThis.busmarkCharts = charts;

  /** Three significant figures, trailing zeros trimmed. */
  function sig3(v) {
    if (v === null || v === undefined) return "";
    if (v === 0) return "0";
    const a = Math.abs(v);
    const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    return String(Number(v.toFixed(digits)));
  }

  /** A value in a chart's unit. */
  function formatValue(v, unit) {
    if (v === null || v === undefined) return "–";
    switch (unit) {
      case "ms":
        return v < 1 ? `${sig3(v * 1000)} µs` : v >= 1000 ? `${sig3(v / 1000)} s` : `${sig3(v)} ms`;
      case "/s":
        return `${sig3(v)}/s`;
      case "%":
        return `${sig3(v)} %`;
      case "MB":
        return `${sig3(v)} MB`;
      default:
        return sig3(v);
    }
  }

  /** The percentile an x of the percentile chart stands for (`x = 1 / (1 - q)`). */
  function percentileOf(x) {
    return 100 - 100 / x;
  }

  function percentLabel(x) {
    return `${Number(percentileOf(x).toFixed(4))}%`;
  }

  /** Text that says which slice of the x axis the cursor is on. */
  function xLabel(chart, x) {
    if (chart.id === "percentiles") return `percentile ${percentLabel(x)}`;
    if (TIME_CHARTS.has(chart.id) && chart.id !== "cpu" && chart.id !== "rss") {
      const from = Math.floor(x);
      const partial = model.partialFrom !== undefined && from === model.partialFrom ? " (partial second)" : "";
      return `second ${from}–${from + 1} s${partial}`;
    }
    return `${sig3(x)} s`;
  }

  function escapeText(s) {
    return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  /** Draws phase bands (alternating shade, names on top), fault bands and the partial last second. */
  function drawBands(u, partial) {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const px = (v) => u.valToPos(v, "x", true);
    const clip = (a, b) => [Math.max(left, Math.min(a, b)), Math.min(left + width, Math.max(a, b))];
    ctx.save();
    ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    model.phases.forEach((p, i) => {
      const [x0, x1] = clip(px(p.start), px(p.end));
      if (x1 <= x0) return;
      ctx.fillStyle = i % 2 === 0 ? "rgba(76,120,168,0.05)" : "rgba(76,120,168,0.12)";
      ctx.fillRect(x0, top, x1 - x0, height);
      ctx.fillStyle = "#333";
      const label = p.warmup && !p.name.includes("warmup") ? `${p.name} (warmup)` : p.name;
      if (ctx.measureText(label).width < x1 - x0) ctx.fillText(label, x0 + 3 * devicePixelRatio, top + 3);
    });
    for (const f of model.faults) {
      const [x0, x1] = clip(px(f.start), px(f.end));
      if (x1 < x0) continue;
      ctx.fillStyle = "rgba(214,39,40,0.14)";
      ctx.fillRect(x0, top, Math.max(x1 - x0, devicePixelRatio), height);
      ctx.strokeStyle = "#d62728";
      ctx.setLineDash([5 * devicePixelRatio, 3 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x0, top);
      ctx.lineTo(x0, top + height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#d62728";
      ctx.fillText(f.label, x0 + 3 * devicePixelRatio, top + 18 * devicePixelRatio);
    }
    if (model.partialFrom !== undefined && partial) {
      const [x0, x1] = clip(px(model.partialFrom), px(model.partialFrom + 1));
      if (x1 > x0) {
        ctx.fillStyle = "rgba(140,149,159,0.18)";
        ctx.fillRect(x0, top, x1 - x0, height);
        ctx.fillStyle = "#57606a";
        ctx.fillText("partial", x0 + 2, top + height - 14 * devicePixelRatio);
      }
    }
    ctx.restore();
  }

  /** Draws the chart's threshold lines, dashed, green when met and red when not, labelled at their right end. */
  function drawThresholds(u, lines, isTime) {
    if (lines.length === 0) return;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.textBaseline = "bottom";
    const placed = [];
    lines.forEach((line, i) => {
      const y = u.valToPos(line.value, "y", true);
      if (!(y >= top && y <= top + height)) return;
      const x0 = isTime && line.from !== undefined ? Math.max(left, u.valToPos(line.from, "x", true)) : left;
      const x1 = isTime && line.to !== undefined
        ? Math.min(left + width, u.valToPos(line.to, "x", true))
        : left + width;
      if (x1 <= x0) return;
      const color = line.pass ? "#1a7f37" : "#cf222e";
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x1, y);
      ctx.stroke();
      ctx.fillStyle = color;
      // The label goes at one end of the line, above or below it: the first place that overlaps no phase name
      // (the top band) and no label placed before it.
      const w = ctx.measureText(line.label).width;
      const h = 13 * devicePixelRatio;
      const spots = [
        [x1 - 4 - w, y - 2 - h],
        [x0 + 4, y - 2 - h],
        [x1 - 4 - w, y + 2],
        [x0 + 4, y + 2],
      ];
      const free = ([x, yy]) =>
        yy >= top + 16 * devicePixelRatio &&
        placed.every((b) => x + w < b[0] || x > b[0] + b[2] || yy + h < b[1] || yy > b[1] + b[3]);
      const [lx, ly] = spots.find(free) ?? spots[i % 2];
      placed.push([lx, ly, w, h]);
      ctx.textAlign = "left";
      ctx.textBaseline = "top";
      ctx.fillText(line.label, lx, ly);
    });
    ctx.restore();
  }

  /** A tooltip that follows the cursor and lists the visible series' values at the hovered point. */
  function tooltipPlugin(chart) {
    let tip;
    return {
      hooks: {
        init(u) {
          tip = document.createElement("div");
          tip.className = "bm-tooltip";
          u.over.appendChild(tip);
          u.over.addEventListener("mouseleave", () => (tip.style.display = "none"));
        },
        setCursor(u) {
          const idx = u.cursor.idx;
          if (idx === null || idx === undefined) {
            tip.style.display = "none";
            return;
          }
          const rows = [];
          u.series.forEach((s, i) => {
            if (i === 0 || !s.show) return;
            const v = u.data[i][idx];
            if (v === null || v === undefined) return;
            rows.push(
              `<span data-series="${escapeText(s.label)}" data-value="${v}"><i class="sw" style="background:${
                s._stroke || s.stroke
              }"></i>${escapeText(s.label)}: ${escapeText(formatValue(v, chart.unit))}</span><br>`,
            );
          });
          if (rows.length === 0) {
            tip.style.display = "none";
            return;
          }
          tip.innerHTML = `<b>${escapeText(xLabel(chart, u.data[0][idx]))}</b>${rows.join("")}`;
          tip.style.display = "block";
          const left = u.cursor.left;
          const top = u.cursor.top;
          const w = tip.offsetWidth;
          tip.style.left = `${left + 12 + w > u.over.clientWidth ? left - w - 12 : left + 12}px`;
          tip.style.top = `${Math.max(0, top - 10)}px`;
        },
      },
    };
  }

  /** A scale range that also covers the chart's threshold lines, so every line is visible. */
  function yRange(chart, lines) {
    return (_u, min, max) => {
      const values = lines.map((l) => l.value).filter((v) => !chart.logY || v > 0);
      let lo = min;
      let hi = max;
      for (const v of values) {
        lo = lo === null ? v : Math.min(lo, v);
        hi = hi === null ? v : Math.max(hi, v);
      }
      if (lo === null || hi === null) return [chart.logY ? 0.1 : 0, 1];
      if (chart.logY) return uPlot.rangeLog(Math.max(lo, 1e-3), Math.max(hi, lo * 10), 10, true);
      return [0, hi <= 0 ? 1 : hi * 1.08];
    };
  }

  /**
   * The time axis' range: the whole run when uPlot auto-ranges to the data's extent (first draw, double-click),
   * else the zoomed range as asked.
   */
  function timeRange(u, min, max) {
    const xs = u.data[0];
    const auto = xs.length === 0 || (min === xs[0] && max === xs[xs.length - 1]);
    return auto ? [model.domain[0], model.domain[1]] : [min, max];
  }

  let syncing = false;
  function shareZoom(u, key) {
    if (key !== "x" || syncing) return;
    syncing = true;
    try {
      for (const [id, other] of Object.entries(charts)) {
        if (other !== u && TIME_CHARTS.has(id)) {
          other.setScale("x", { min: u.scales.x.min, max: u.scales.x.max });
        }
      }
    } finally {
      syncing = false;
    }
  }

  function percentileAxis() {
    return {
      label: "percentile",
      splits: (u) => {
        const out = [1, 2];
        for (let x = 10; x <= u.scales.x.max * 1.0001; x *= 10) out.push(x);
        return out.filter((x) => x >= u.scales.x.min && x <= u.scales.x.max);
      },
      filter: (_u, splits) => splits,
      values: (_u, splits) => splits.map((x) => (x === null ? "" : percentLabel(x))),
    };
  }

  function thresholdLegend(box, lines) {
    if (lines.length === 0) return;
    const p = document.createElement("p");
    p.className = "bm-thresholds";
    p.innerHTML = "Thresholds drawn: " +
      lines.map((l) =>
        `<span class="${l.pass ? "pass" : "fail"}">– – ${escapeText(l.label)} (${l.pass ? "met" : "failed"})</span>`
      ).join("");
    box.parentNode.insertBefore(p, box.nextSibling);
  }

  function makeChart(chart) {
    const box = document.getElementById(`chart-${chart.id}`);
    if (!box) return;
    const lines = model.thresholds.filter((l) => l.chart === chart.id);
    const isTime = TIME_CHARTS.has(chart.id);
    const isPercentiles = chart.id === "percentiles";
    const many = chart.x.length > 60;
    const partial = chart.id === "latency" || chart.id === "rate";
    const opts = {
      width: Math.max(320, box.clientWidth || 900),
      height: 260,
      scales: {
        x: isPercentiles
          ? { time: false, distr: 3, range: (_u, _min, max) => [1, Math.max(max, 10)] }
          : { time: false, range: timeRange },
        y: { distr: chart.logY ? 3 : 1, range: yRange(chart, lines) },
      },
      axes: [
        isPercentiles ? percentileAxis() : { label: "time since start (s)" },
        { label: AXIS_LABELS[chart.unit] || chart.unit, size: 60, values: (_u, s) => s.map((v) => sig3(v)) },
      ],
      series: [
        { label: isPercentiles ? "percentile" : "t" },
        ...chart.series.map((s, i) => ({
          label: s.label,
          stroke: COLORS[i % COLORS.length],
          width: 2,
          spanGaps: !partial,
          points: { show: !many, size: 5 },
        })),
      ],
      legend: { live: false },
      cursor: { drag: { x: isTime, y: false }, points: { size: 7 } },
      hooks: {
        drawClear: [(u) => isTime && drawBands(u, partial)],
        draw: [(u) => drawThresholds(u, lines, isTime)],
        setScale: [(u, key) => isTime && shareZoom(u, key)],
      },
      plugins: [tooltipPlugin(chart)],
    };
    const u = new uPlot(opts, [chart.x, ...chart.series.map((s) => s.values)], box);
    charts[chart.id] = u;
    thresholdLegend(box, lines);
  }

  for (const chart of model.charts) makeChart(chart);
  globalThis.addEventListener("resize", () => {
    for (const u of Object.values(charts)) {
      const w = Math.max(320, u.root.parentNode.clientWidth || 900);
      if (Math.abs(w - u.width) > 4) u.setSize({ width: w, height: u.height });
    }
  });
  document.body.dataset.chartsReady = String(Object.keys(charts).length);
})();
