// Times the same work on two builds of the package, alternating rounds, best of each;
// prints the ratio second/first. Used by opt-levels.sh.
const [a, b] = await Promise.all(process.argv.slice(2, 4).map((dir) => import(`${dir}/index.js`)));

/** 40,000 children choosing 5 of 1,600 kindergartens of 20 places (fixed pseudo-random). */
function instance(m) {
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = 40_000, k = 1_600;
  const offsets = Uint32Array.from({ length: n + 1 }, (_, i) => i * 5);
  const choices = new Uint32Array(n * 5);
  for (let i = 0; i < n; i++) {
    const first = Math.floor(rnd() * k);
    for (let j = 0; j < 5; j++) choices[i * 5 + j] = (first + j * 7) % k;
  }
  return () => m.MatchingInstance.flat(offsets, choices, new Uint32Array(k).fill(20),
    new Uint32Array(n)).solve("deferred_acceptance", { kind: "single", seed: 7 });
}

const work = {
  "simulate one year of the default city": (m) => {
    const input = { ...m.defaultCityInput(2024, 1, 7), warmUpYears: 0 };
    return () => m.simulate(input);
  },
  "deferred acceptance, 40,000 × 1,600 × 5": instance,
};

for (const [name, make] of Object.entries(work)) {
  const runs = [make(a), make(b)];
  const best = [Infinity, Infinity];
  for (let round = 0; round < 7; round++) {
    for (const i of [0, 1]) {
      const t = performance.now();
      runs[i]();
      best[i] = Math.min(best[i], performance.now() - t);
    }
  }
  console.log(`${name}: ${best[0].toFixed(1)} ms against ${best[1].toFixed(1)} ms, ratio ${(best[1] / best[0]).toFixed(2)}`);
}
