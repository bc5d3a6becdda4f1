#!/usr/bin/env node
// Writes the period data of the example term sheets (examples/*.inputs.json).
// Deterministic: fixed formulas on integers (no randomness, no clock), money in
// integer cents as BigInt, printed as decimal strings. Run from the project
// root: `node scripts/generate-example-inputs.mjs`. All figures are invented
// for illustration; each example's .tenor file says which facts are published.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** ISO date of `start` plus `months` months (the examples all start on the 1st). */
function addMonths(start, months) {
  const [y, m] = start.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${String(Math.floor(total / 12)).padStart(4, "0")}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

/** Days from `start` (inclusive) to `end` (exclusive), both ISO dates. */
function daysBetween(start, end) {
  return (Date.UTC(...ymd(end)) - Date.UTC(...ymd(start))) / 86_400_000;
}
const ymd = (iso) => {
  const [y, m, d] = iso.split("-").map(Number);
  return [y, m - 1, d];
};

/** Integer cents as a decimal string with two places. */
function money(cents) {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/**
 * One period of GPU capacity: `gpus` installed for `days` days, `pct` percent
 * of the GPU-hours sold at `priceCents` per GPU-hour.
 */
function capacityRow(gpus, days, pct, priceCents) {
  const capacity = BigInt(gpus) * 24n * BigInt(days);
  const sold = (capacity * BigInt(pct)) / 100n;
  if ((capacity * BigInt(pct)) % 100n !== 0n) throw new Error("sold hours must be whole");
  return { capacity, sold, revenueCents: sold * BigInt(priceCents) };
}

/** The inputs file, one period or event per line so a reader can scan it like a table. */
function write(name, doc) {
  const row = (fields) => `{ ${Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }`;
  const rows = (list) => list.map((fields) => `    ${row(fields)}`).join(",\n");
  const sections = Object.entries(doc).map(([key, list]) => `  "${key}": [\n${rows(list)}\n  ]`);
  writeFileSync(join(root, "examples", `${name}.inputs.json`), `{\n${sections.join(",\n")}\n}\n`);
}

// Sharon AI: 72 months from 2026-07-01. GPUs ramp by 5,000 a month to 40,000;
// utilization settles in the high 80s with three weak spells: late 2027 (the
// buyback starts, the contract-year cap bites), spring 2029 (the term cap is
// exhausted) and early 2030 (after the buyback's sunset: no purchase).
function sharon() {
  const pricePerYear = [325, 320, 310, 300, 290, 280]; // cents per GPU-hour, by contract year
  const weak = new Map([
    [1, 55], [2, 68], [3, 78], [4, 82], [5, 85], [6, 86],
    [16, 66], [17, 63], [18, 60], [19, 64], [20, 78],
    [32, 68], [33, 65], [34, 62], [35, 66], [36, 67], [37, 76],
    [43, 69], [44, 64], [45, 61], [46, 65], [47, 74],
  ]);
  const periods = [];
  for (let i = 1; i <= 72; i++) {
    const start = addMonths("2026-07-01", i - 1);
    const days = daysBetween(start, addMonths("2026-07-01", i));
    const gpus = Math.min(40_000, 5_000 * i);
    const pct = weak.get(i) ?? 84 + ((i * 37) % 9);
    const { sold, revenueCents } = capacityRow(gpus, days, pct, pricePerYear[Math.floor((i - 1) / 12)]);
    periods.push({ period: start, gpus_live: String(gpus), sold_hours: String(sold), revenue: money(revenueCents) });
  }
  // Rent on the 72 MW hall: 72,000 kW x 180 USD per kW-month = 12,960,000 a month.
  const events = [
    { date: "2028-03-15", event: "lease_default", missed_rent: "12960000.00", days_uncured: "45" },
    { date: "2030-10-20", event: "lease_default", missed_rent: "12960000.00", days_uncured: "12" },
    { date: "2031-02-05", event: "lease_default", missed_rent: "6480000.00", days_uncured: "60" },
  ];
  write("sharon-dsx", { periods, events });
}

// CoreWeave: the first 36 months from 2025-10-01. Covered GPUs ramp by 5,000 a
// month from 80,000 to 150,000; demand lags badly in the first contract year
// (the 1 billion annual ceiling bites), then recovers.
function coreweave() {
  const soldPct = [
    72, 62, 52, 46, 44, 46, 47, 48, 50, 52, 54, 56,
    70, 74, 78, 80, 82, 84, 85, 86, 87, 88, 88, 89,
  ];
  const periods = [];
  for (let i = 1; i <= 36; i++) {
    const start = addMonths("2025-10-01", i - 1);
    const days = daysBetween(start, addMonths("2025-10-01", i));
    const gpus = Math.min(150_000, 80_000 + 5_000 * (i - 1));
    const pct = soldPct[i - 1] ?? 90 + ((i * 7) % 5);
    const { capacity, sold } = capacityRow(gpus, days, pct, 0);
    periods.push({ period: start, capacity_hours: String(capacity), sold_hours: String(sold) });
  }
  write("coreweave-backstop", { periods });
}

// Firmus: 32 quarters from 2027-01-01. GPUs ramp by 15,000 a quarter from
// 20,000 to 170,000 and energized power by 30 MW from 60 to 360 MW; a weak
// 2030 triggers the backstop (its contract-year cap bites), a weak 2033 (after
// the backstop's sunset) triggers minimum-share shortfalls instead.
function firmus() {
  const pricePerYear = [340, 330, 350, 350, 330, 310, 290, 270]; // cents per GPU-hour, by contract year
  const weak = new Map([
    [1, 62], [2, 70], [3, 78], [4, 82],
    [13, 68], [14, 62], [15, 66], [16, 69],
    [26, 64], [27, 61], [28, 72],
  ]);
  const periods = [];
  for (let i = 1; i <= 32; i++) {
    const start = addMonths("2027-01-01", 3 * (i - 1));
    const days = daysBetween(start, addMonths("2027-01-01", 3 * i));
    const gpus = Math.min(170_000, 20_000 + 15_000 * (i - 1));
    const mw = Math.min(360, 60 + 30 * (i - 1));
    const pct = weak.get(i) ?? 85 + ((i * 5) % 6);
    const { sold, revenueCents } = capacityRow(gpus, days, pct, pricePerYear[Math.floor((i - 1) / 4)]);
    periods.push({ period: start, gpus_live: String(gpus), energized: String(mw), sold_hours: String(sold), revenue: money(revenueCents) });
  }
  const events = [
    { date: "2027-05-20", event: "delivery_delay", gpus_affected: "15000", days_late: "21" },
    { date: "2028-07-15", event: "delivery_delay", gpus_affected: "15000", days_late: "10" },
    { date: "2028-08-10", event: "delivery_delay", gpus_affected: "15000", days_late: "120" },
  ];
  write("firmus-campus", { periods, events });
}

// Facility lease guarantee: 60 months from 2026-07-01, no period inputs. The
// landlord's default notices: one cured within the 30-day cure period, two
// that stay uncured (the escrow absorbs them).
function facilityLease() {
  const periods = [];
  for (let i = 1; i <= 60; i++) periods.push({ period: addMonths("2026-07-01", i - 1) });
  const events = [
    { date: "2027-11-12", event: "lease_default", missed_rent: "14420000.00", days_uncured: "12" },
    { date: "2028-03-20", event: "lease_default", missed_rent: "43260000.00", days_uncured: "45" },
    { date: "2029-04-15", event: "lease_default", missed_rent: "44557800.00", days_uncured: "60" },
  ];
  write("facility-lease-guarantee", { periods, events });
}

// Lambda rent-back: 48 months from 2025-09-01. Lambda delivers 2,500 GPUs a
// month up to 10,000; NVIDIA uses most of them, less in a few slack months;
// uptime is 99.95% but for three outages.
function lambda() {
  const usedPct = new Map([[1, 60], [2, 70], [3, 80], [14, 75], [15, 70], [30, 85]]);
  const outages = new Map([[7, "0.9985"], [19, "0.9920"], [33, "0.9600"]]);
  const periods = [];
  for (let i = 1; i <= 48; i++) {
    const start = addMonths("2025-09-01", i - 1);
    const days = daysBetween(start, addMonths("2025-09-01", i));
    const gpus = Math.min(10_000, 2_500 * i);
    const pct = usedPct.get(i) ?? 94 + ((i * 3) % 7);
    const { sold } = capacityRow(gpus, days, pct, 0);
    periods.push({ period: start, gpus_delivered: String(gpus), used_hours: String(sold), uptime: outages.get(i) ?? "0.9995" });
  }
  write("lambda-rentback", { periods });
}

sharon();
coreweave();
firmus();
facilityLease();
lambda();
