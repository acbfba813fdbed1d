// Which release counts as a newer HedgeFlow: SemVer precedence, full releases only.
import { describe, expect, it } from 'vitest';
import { isNewer, releaseVersion } from '../../../../core/update/release-version.js';

const release = (tag_name: string, flags: { draft?: boolean; prerelease?: boolean } = {}) => ({
  tag_name,
  draft: flags.draft ?? false,
  prerelease: flags.prerelease ?? false,
});

describe('the version of a release', () => {
  it('reads v-prefixed and bare tags', () => {
    expect(releaseVersion(release('v1.2.3'))).toBe('1.2.3');
    expect(releaseVersion(release('1.2.3'))).toBe('1.2.3');
    expect(releaseVersion(release('v1.2.3+build.7'))).toBe('1.2.3');
  });

  it('has none for drafts, prereleases, prerelease tags and tags that are not versions', () => {
    expect(releaseVersion(release('v1.2.3', { draft: true }))).toBeNull();
    expect(releaseVersion(release('v1.2.3', { prerelease: true }))).toBeNull();
    expect(releaseVersion(release('v2.0.0-beta.1'))).toBeNull();
    expect(releaseVersion(release('nightly'))).toBeNull();
    expect(releaseVersion(release('v1.2'))).toBeNull();
    expect(releaseVersion(release('v01.2.3'))).toBeNull();
  });
});

describe('newer than the running version', () => {
  it.each([
    ['0.1.1', '0.1.0', true],
    ['0.2.0', '0.1.9', true],
    ['1.0.0', '0.99.99', true],
    ['0.10.0', '0.9.0', true], // numeric, not lexical
    ['0.1.0', '0.1.0', false],
    ['0.1.0', '0.1.1', false],
    ['1.0.0', '1.0.0-rc.1', true], // the release after its candidate
    ['0.9.0', '1.0.0-rc.1', false],
  ])('%s over %s: %s', (candidate, current, expected) => {
    expect(isNewer(candidate, current)).toBe(expected);
  });

  it('never for a running version that is not SemVer (a hand-made build)', () => {
    expect(isNewer('9.9.9', 'dev')).toBe(false);
  });
});
