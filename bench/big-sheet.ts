/**
 * A large, realistic term sheet for benchmarks and scale tests: `n`
 * clauses, each with lets, a consecutive trigger, a payment, a cap and a
 * sunset. With `errorEvery`, every k-th clause misspells an input.
 */
const HEADER = `deal "Scale test"
parties {
  nvidia: "NVIDIA Corporation"
  sharon: "Sharon AI"
}
term 2026-07-01 to 2031-06-30, monthly
currency USD
units gpu_hour
input revenue: USD
input sold_hours: gpu_hour
input capacity_hours: gpu_hour
const price = 1.85 USD per gpu_hour
schedule rate by contract_year, tapering {
  year 1: 15%
  year 2 onward: 10%
}
`;

export function bigSheet(n: number, errorEvery = 0): string {
  const parts = [HEADER];
  for (let i = 0; i < n; i++) {
    const revenue = errorEvery > 0 && i % errorEvery === 0 ? "revenu" : "revenue";
    parts.push(`clause c${i} "Clause ${i}" {
  let utilization = sold_hours / capacity_hours
  let unsold = max(capacity_hours - sold_hours, 0 gpu_hour)
  when utilization < 70% for 3 consecutive periods {
    nvidia pays sharon unsold * price + ${revenue} * rate
  }
  cap 1 million USD per contract_year
  until 2028-12-31
}
`);
  }
  return parts.join("");
}
