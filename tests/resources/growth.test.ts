import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { growthResolvable, memoryGrowth, MIN_GROWTH_WINDOW_S } from "../../src/resources/growth.ts";
import { createRng } from "../../src/load/rng.ts";

const MB = 1024 * 1024;

describe("memoryGrowth", () => {
  it("recovers an exact linear slope in bytes per hour with r2 = 1", () => {
    const samples = Array.from({ length: 60 }, (_, i) => ({ t: i, rss: 100 * MB + i * 1000 }));
    const g = memoryGrowth(samples);
    assert.ok(g);
    assert.ok(Math.abs(g.bytesPerHour - 3_600_000) < 1e-6, String(g.bytesPerHour));
    assert.ok(Math.abs(g.r2 - 1) < 1e-12);
    assert.equal(g.n, 60);
  });

  it("is not fooled by first and last samples: a spike at the end barely moves the slope", () => {
    // Flat at 100 MB with one late 20 MB spike: first-vs-last would say 20 MB in 59 s (~1.2 GB/h).
    const samples = Array.from({ length: 60 }, (_, i) => ({ t: i, rss: 100 * MB + (i === 59 ? 20 * MB : 0) }));
    const g = memoryGrowth(samples)!;
    assert.ok(g.bytesPerHour < 0.1 * ((20 * MB) / 59) * 3600, String(g.bytesPerHour));
    assert.ok(g.r2 < 0.1, String(g.r2));
  });

  it("reports shrinking memory as a negative slope", () => {
    const g = memoryGrowth([{ t: 0, rss: 300 }, { t: 1, rss: 200 }, { t: 2, rss: 100 }])!;
    assert.equal(g.bytesPerHour, -100 * 3600);
    assert.equal(g.r2, 1);
  });

  it("gives a low r2 to noise around a flat line", () => {
    const noise = [3, -1, 4, -1, -5, 9, -2, 6, -5, 3, -5, 8, -9, 7, -9, 3, -2, 3, -8, 4];
    const g = memoryGrowth(noise.map((d, i) => ({ t: i, rss: 50 * MB + d * MB })))!;
    assert.ok(g.r2 < 0.2, String(g.r2));
    assert.ok(Math.abs(g.bytesPerHour) < 0.2 * MB * 3600, String(g.bytesPerHour));
  });

  it("fits noisy growth with a high r2 and the right slope", () => {
    const noise = [0.3, -0.2, 0.1, -0.4, 0.2, 0.0, -0.1, 0.4, -0.3, 0.2];
    const g = memoryGrowth(noise.map((d, i) => ({ t: i * 2, rss: (10 + i * 2 + d) * MB })))!;
    assert.ok(Math.abs(g.bytesPerHour / 3600 / MB - 1) < 0.05, String(g.bytesPerHour));
    assert.ok(g.r2 > 0.99, String(g.r2));
  });

  it("treats a perfectly flat series as an exact fit of zero growth", () => {
    assert.deepEqual(memoryGrowth([{ t: 0, rss: 5 }, { t: 1, rss: 5 }, { t: 2, rss: 5 }]), {
      bytesPerHour: 0,
      r2: 1,
      n: 3,
      seconds: 2,
      low: 0,
      high: 0,
    });
  });

  it("is undefined with fewer than 3 samples or a single instant", () => {
    assert.equal(memoryGrowth([]), undefined);
    assert.equal(memoryGrowth([{ t: 0, rss: 1 }, { t: 1, rss: 2 }]), undefined);
    assert.equal(memoryGrowth([{ t: 1, rss: 1 }, { t: 1, rss: 2 }, { t: 1, rss: 3 }]), undefined);
  });

  it("gives the slope a 95 % interval that holds the true slope about 95 times in 100, and the window's length", () => {
    const rng = createRng(42);
    const trueSlope = 2 * MB; // bytes per second
    let covered = 0;
    for (let run = 0; run < 200; run++) {
      const samples = Array.from(
        { length: 30 },
        (_, i) => ({ t: i, rss: 100 * MB + trueSlope * i + (rng() - 0.5) * 8 * MB }),
      );
      const g = memoryGrowth(samples)!;
      assert.equal(g.seconds, 29);
      assert.ok(g.low! < g.bytesPerHour && g.bytesPerHour < g.high!);
      if (g.low! <= trueSlope * 3600 && trueSlope * 3600 <= g.high!) covered++;
    }
    assert.ok(covered >= 180 && covered <= 199, `covered ${covered} of 200`);
  });

  it("resolves a growth rate from 5 min of samples, not from fewer", () => {
    assert.equal(MIN_GROWTH_WINDOW_S, 300);
    assert.equal(growthResolvable(12), false);
    assert.equal(growthResolvable(299.9), false);
    assert.equal(growthResolvable(300), true);
    assert.equal(growthResolvable(3600), true);
  });
});
