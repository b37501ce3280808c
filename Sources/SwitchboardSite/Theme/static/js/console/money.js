// Exact money in the browser: the API's decimal strings as BigInt ten-thousandths (prices
// have at most four decimals), so that price × volume is never a floating-point guess.

const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

/** "0.0450" → 450n; "-12.5" → -125000n. */
export function parse(text) {
  const match = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(String(text).trim());
  if (!match) throw new RangeError(`not an amount: ${text}`);
  const units = BigInt(match[2]) * FACTOR + BigInt((match[3] || "").padEnd(SCALE, "0"));
  return match[1] ? -units : units;
}

/** 450n → "0.0450". */
export function format(units) {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const whole = magnitude / FACTOR;
  const fraction = (magnitude % FACTOR).toString().padStart(SCALE, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** An amount times a whole quantity, exactly. */
export function times(text, quantity) {
  return format(parse(text) * BigInt(quantity));
}

export function add(a, b) {
  return format(parse(a) + parse(b));
}

export function subtract(a, b) {
  return format(parse(a) - parse(b));
}

export function sign(text) {
  const units = parse(text);
  return units > 0n ? 1 : units < 0n ? -1 : 0;
}
