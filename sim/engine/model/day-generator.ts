// One symbol-day of the model, generated lazily step by step. Each 10 s step: the regime
// advances; the underlying moves by a diffusive shock on the U-shaped variance clock (partly
// shared with the whole market), an occasional market-wide jump, and the price impact of the
// dealer's previous hedge trades; customers trade; the dealer re-marks its book at the new
// spot, time and vol and trades the change of its hedge. That change, per leg, is the hedge
// flow. Short-gamma books buy what they just pushed up (a squeeze); long-gamma books fade it.
import type { Session } from '../../../calendar/index.js';
import { streamFor, type Rng } from '../random/prng.js';
import { writeAnalytics } from './analytics.js';
import { Book } from './book.js';
import { clamp, daySetup, type DaySetup } from './day-setup.js';
import { DayTrack } from './day-track.js';
import { seedOpeningBook } from './opening-book.js';
import { REGIME_CODE, RegimeProcess } from './regimes.js';
import { MS_YEARS, sessionShape, type SessionShape } from './session-shape.js';
import { TRADE_SIZE_ALPHA, type SymbolProfile } from './symbols.js';
import { runTapeStep } from './tape.js';
import { TradeLog } from './trade-log.js';

const MODEL_STEP_MS = 10_000;
/** Implied over realised vol: the variance risk premium of index options. */
const IV_PREMIUM = 1.1;
/** Spot-vol elasticity: ATM vol scales by (S / S_open)^-SPOT_VOL_BETA (a 1% drop: +4%). */
const SPOT_VOL_BETA = 4;
/** Market-wide jumps per session and their log-size standard deviation. */
const JUMPS_PER_DAY = 0.5;
const JUMP_SD = 0.0035;
/** Largest loop gain impact x dealer gamma may reach before other liquidity absorbs it. */
const MAX_LOOP_GAIN = 0.3;
/** The gamma flip (a search over hypothetical spots) is recomputed once a minute. */
const FLIP_EVERY_STEPS = 6;

export interface LiveDayOptions {
  readonly seed: number;
  readonly profile: SymbolProfile;
  readonly session: Session;
  /** Whether the symbol lists an expiry that is 0DTE on this date. */
  readonly hasChain: boolean;
  readonly keepTape: boolean;
}

export function createLiveDay(o: LiveDayOptions): DayTrack {
  const { profile, session } = o;
  const track = new DayTrack(
    profile.symbol,
    session.date,
    session.open,
    session.close,
    MODEL_STEP_MS,
    o.hasChain,
  );
  const model = new DayModel(o, track);
  track.extend = (index) => model.runTo(index);
  track.trades = model.log;
  model.start();
  return track;
}

class DayModel {
  readonly log: TradeLog | null;
  private readonly setup: DaySetup;
  private readonly shape: SessionShape;
  private readonly book: Book;
  private readonly market: Rng;
  private readonly price: Rng;
  private readonly tape: Rng;
  private readonly regimes: RegimeProcess;
  private readonly baseCountPerStep: number;
  private readonly kappa: number;
  private spot: number;
  /** Last step's hedge flow split: hedging new prints, and re-hedging the existing book. */
  private prevTradeFlow = 0;
  private prevRehedgeFlow = 0;
  private callDelta = 0;
  private putDelta = 0;
  private callCum = 0;
  private putCum = 0;

  constructor(
    private readonly o: LiveDayOptions,
    private readonly track: DayTrack,
  ) {
    const { seed, profile, session } = o;
    const key = [profile.symbol, session.date] as const;
    this.setup = daySetup(seed, profile, session.date);
    this.shape = sessionShape(track.steps, track.stepMs);
    this.book = new Book(profile, this.setup.openPrice, this.setup.dayVol);
    this.market = streamFor(seed, 'market', session.date);
    this.price = streamFor(seed, ...key, 'price');
    this.tape = streamFor(seed, ...key, 'tape');
    this.regimes = new RegimeProcess(
      streamFor(seed, ...key, 'regime'),
      track.steps,
      track.stepMs,
      this.setup.gammaBias,
    );
    if (o.hasChain)
      seedOpeningBook(this.book, profile, this.setup, streamFor(seed, ...key, 'book'));
    const meanSize = (profile.tradeSizeScale * TRADE_SIZE_ALPHA) / (TRADE_SIZE_ALPHA - 1) - 0.5;
    const fullSessionSteps = (390 * 60_000) / track.stepMs;
    this.baseCountPerStep = profile.contractsPerDay / meanSize / fullSessionSteps;
    this.kappa = profile.impactPerBillion / 1e9;
    this.spot = this.setup.openPrice;
    this.log = o.keepTape && o.hasChain ? new TradeLog() : null;
  }

  start(): void {
    this.evaluate(0);
    this.callDelta = this.book.callDeltaShares();
    this.putDelta = this.book.putDeltaShares();
    this.record(0);
  }

  runTo(index: number): void {
    for (let i = this.track.generated; i <= index; i++) this.step(i - 1);
    if (this.track.generated > this.track.steps) this.track.extend = null;
  }

  private atmVol(spot: number): number {
    const lean = Math.exp(-SPOT_VOL_BETA * Math.log(spot / this.setup.openPrice));
    return this.setup.dayVol * IV_PREMIUM * clamp(lean, 0.7, 2);
  }

  private evaluate(i: number): void {
    if (this.o.hasChain) {
      this.book.evaluate(this.spot, this.atmVol(this.spot), this.shape.varianceYearsLeft[i]!);
    }
  }

  /** Step i takes state i to state i + 1. */
  private step(i: number): void {
    const { profile } = this.o;
    const stepYears = this.track.stepMs * MS_YEARS;
    const sigma = this.setup.dayVol * Math.sqrt(this.shape.variance[i]! * stepYears);
    // The market stream is drawn identically for every symbol: same seed and date, same shocks.
    const m = this.market.normal();
    const jumpU = this.market.uniform();
    const jumpZ = this.market.normal();
    const own = this.price.normal();
    const rho = profile.marketCorrelation;
    const jumpProb = (JUMPS_PER_DAY * this.track.stepMs) / (390 * 60_000);
    const jump = jumpU < jumpProb ? profile.beta * JUMP_SD * jumpZ : 0;
    let impact = 0;
    if (this.o.hasChain) {
      const dollarGamma = Math.abs(this.book.gammaShares()) * this.spot * this.spot;
      const gain = this.kappa * dollarGamma;
      const kappa = gain > MAX_LOOP_GAIN ? (this.kappa * MAX_LOOP_GAIN) / gain : this.kappa;
      impact = this.kappa * this.prevTradeFlow + kappa * this.prevRehedgeFlow;
    }
    const shock = sigma * (rho * m + Math.sqrt(1 - rho * rho) * own);
    this.spot *= Math.exp(shock + jump + impact);

    const next = i + 1;
    this.regimes.step(next, this.spot, (p) => this.nearestStrike(p));
    if (this.o.hasChain) this.tradeAndHedge(i);
    this.record(next);
  }

  private tradeAndHedge(i: number): void {
    const { book, shape, track } = this;
    const next = i + 1;
    const atmVol = this.atmVol(this.spot);
    const years = shape.varianceYearsLeft[next]!;
    const tradeDelta = runTapeStep({
      rng: this.tape,
      book,
      spot: this.spot,
      sdToClose: atmVol * Math.sqrt(years),
      atmVol,
      years,
      t0: track.timeOf(i),
      stepMs: track.stepMs,
      baseCount: this.baseCountPerStep * shape.activity[i]!,
      tradeSizeScale: this.o.profile.tradeSizeScale,
      gammaBias: this.setup.gammaBias,
      regime: this.regimes.state,
      log: this.log,
    });
    this.evaluate(next);
    const callDelta = book.callDeltaShares();
    const putDelta = book.putDeltaShares();
    // The hedge is minus the option delta; its change, in dollars at the new spot, is the flow.
    const callFlow = Math.round(-(callDelta - this.callDelta) * this.spot);
    const putFlow = Math.round(-(putDelta - this.putDelta) * this.spot);
    this.callDelta = callDelta;
    this.putDelta = putDelta;
    this.callCum += callFlow;
    this.putCum += putFlow;
    const tradeFlow = -tradeDelta * this.spot;
    this.prevTradeFlow = tradeFlow;
    this.prevRehedgeFlow = callFlow + putFlow - tradeFlow;
  }

  private nearestStrike(price: number): number {
    const k = this.book.strikeIndex(price);
    return k >= 0 ? this.book.strikes[k]! : price;
  }

  private record(i: number): void {
    const { track, shape } = this;
    const f = track.fields;
    f.spot[i] = Math.round(this.spot * 100) / 100;
    f.callCum[i] = this.callCum;
    f.putCum[i] = this.putCum;
    track.regime[i] = REGIME_CODE[this.regimes.state.name];
    if (this.o.hasChain) {
      writeAnalytics(track, i, {
        book: this.book,
        spot: this.spot,
        atmVol: this.atmVol(this.spot),
        varianceYears: shape.varianceYearsLeft[i]!,
        calendarYears: shape.yearsLeft[i]!,
        varianceRate: shape.variance[Math.min(i, shape.steps - 1)]!,
        withFlip: i % FLIP_EVERY_STEPS === 0,
      });
    } else {
      for (const name of ['netGex', 'netDex', 'gammaFlip', 'callWall', 'putWall'] as const) {
        f[name][i] = NaN;
      }
      for (const name of ['magnet', 'pinScore', 'pinProb', 'atmIv', 'charm'] as const) {
        f[name][i] = NaN;
      }
    }
    track.generated = i + 1;
  }
}
