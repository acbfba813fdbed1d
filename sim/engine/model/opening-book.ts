// The settled 0DTE open interest at 09:30 and the dealer's share of it. The expiry was listed
// days or weeks earlier, so the chain opens with OI concentrated near the money and on round
// strikes, customer puts heavier below spot (hedges) and calls above (overwrites, upside bets).
import type { Rng } from '../random/prng.js';
import type { Book } from './book.js';
import type { DaySetup } from './day-setup.js';
import type { SymbolProfile } from './symbols.js';

/** Settled OI of the 0DTE expiry at the open, as a share of the day's classified volume. */
const OPENING_OI_SHARE = 0.35;
/** Dealer net share of settled OI per unit of gamma bias (5% of OI on a full lean). */
const DEALER_SHARE = 0.05;
/** Extra short put inventory on far-OTM puts: customers' protective puts. */
const PUT_HEDGE_SHORT = 0.08;

export function seedOpeningBook(
  book: Book,
  profile: SymbolProfile,
  setup: DaySetup,
  rng: Rng,
): void {
  const sdDay = setup.dayVol / Math.sqrt(252);
  const weights = new Float64Array(book.size * 2);
  let total = 0;
  for (let k = 0; k < book.size; k++) {
    const strike = book.strikes[k]!;
    const x = Math.log(strike / setup.openPrice) / sdDay;
    const round = isRound(strike, profile.strikeSpacing) ? 1.8 : 1;
    const noise = 0.7 + 0.6 * rng.uniform();
    const call = round * noise * Math.exp(-((x - 0.4) ** 2) / (2 * 1.2 ** 2));
    const put = round * noise * 1.3 * Math.exp(-((x + 0.5) ** 2) / (2 * 1.4 ** 2));
    weights[2 * k] = call;
    weights[2 * k + 1] = put;
    total += call + put;
  }
  const totalOi = OPENING_OI_SHARE * profile.contractsPerDay;
  for (let k = 0; k < book.size; k++) {
    const strike = book.strikes[k]!;
    const x = Math.log(strike / setup.openPrice) / sdDay;
    const callOi = Math.round((weights[2 * k]! / total) * totalOi);
    const putOi = Math.round((weights[2 * k + 1]! / total) * totalOi);
    const lean = setup.gammaBias * DEALER_SHARE * (0.8 + 0.4 * rng.uniform());
    // Below about one sd, customers own puts as protection: the dealer is short them whatever
    // the day's lean, which puts a gamma flip under spot on most long-gamma days.
    const hedgeShort = PUT_HEDGE_SHORT * smoothstep(-x - 0.5);
    book.callOi0[k] = callOi;
    book.putOi0[k] = putOi;
    book.callPos[k] = Math.round(callOi * lean);
    book.putPos[k] = Math.round(putOi * (lean - hedgeShort));
    book.callPos0[k] = book.callPos[k]!;
    book.putPos0[k] = book.putPos[k]!;
  }
}

function isRound(strike: number, spacing: number): boolean {
  const unit = spacing * 5;
  return Math.abs(strike / unit - Math.round(strike / unit)) < 1e-9;
}

function smoothstep(x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}
