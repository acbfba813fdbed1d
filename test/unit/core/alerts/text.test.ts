// What the notification says: the title a trader acts on, the body with the evidence.
import { describe, expect, it } from 'vitest';
import { alertBody, alertTitle } from '../../../../core/alerts/text.js';
import { evaluate } from '../../../../core/detect/detector.js';
import { barsFrom, settings } from '../detect/fixtures.js';
import { at, M } from './helpers.js';

const RUN = [1, 2, 3, 4, 5].map((x) => x * M);

describe('alert text', () => {
  it('a call-driven upside squeeze with price chasing', () => {
    const bars = barsFrom(
      RUN,
      {
        calls: RUN.map((x) => x * 0.82),
        puts: RUN.map((x) => x * 0.18),
        spot: [590, 590.1, 590.2, 590.3, 590.42],
        gammaFlip: [589, 589, 589, 589, 589],
      },
      at('10:32'),
    );
    const [v] = evaluate(bars, settings());
    expect(alertTitle('SPY', v!, 'building')).toBe(
      'SPY: dealers buying into strength — upside squeeze building',
    );
    expect(alertBody(v!)).toBe(
      '5 bars of growing dealer buying since 10:32 ET: +$15M; session cumulative +$15M. ' +
        'Calls 82% / puts 18% (call-driven). Price +0.42 (dealers chasing). ' +
        'Spot 590.42, above the gamma flip (589.00).',
    );
  });

  it('a put-driven downside squeeze, and one the price does not follow', () => {
    const down = RUN.map((x) => -x);
    const bars = barsFrom(down, {
      calls: down.map(() => 0),
      puts: down,
      spot: [590, 590, 590.1, 590.2, 590.3],
    });
    const [v] = evaluate(bars, settings());
    expect(alertTitle('QQQ', v!, 'building')).toBe(
      'QQQ: dealers selling, price not following — downside pressure building',
    );
    expect(alertBody(v!)).toContain(
      'Calls 0% / puts 100% (put-driven). Price +0.3 (dealers fading).',
    );
    const plain = evaluate(barsFrom(down), settings())[0]!;
    expect(alertTitle('QQQ', plain, 'building')).toBe(
      'QQQ: dealers selling into weakness — downside squeeze building',
    );
  });

  it('a gamma-flip cross', () => {
    const bars = barsFrom([1 * M, -1 * M], { spot: [589, 588], gammaFlip: [588.5, 588.5] });
    const [v] = evaluate(bars, settings({ gammaFlipCross: true }));
    expect(alertTitle('SPX', v!, 'building')).toBe(
      'SPX: spot crossed below the gamma flip (588.50) — dealers short gamma, moves amplify',
    );
    expect(alertBody(v!)).toContain('Spot 588.00 vs flip 588.50.');
  });
});
