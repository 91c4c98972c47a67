// How the bench prints numbers: MB, µs, two decimals, ratios.
import { round } from "./stats.js";

export function mb(bytes: number | null): string {
  return bytes === null ? "n/a" : (bytes / 1024 / 1024).toFixed(0);
}

export function micros(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(1);
}

export function round2(value: number): string {
  return Number.isFinite(value) ? String(round(value, 2)) : "n/a";
}

export function x(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : "n/a";
}
