import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isAllowedExternalUrl,
  isOwnPageUrl,
  navigationVerdict,
  POPOVER_URL,
  resolveAppAsset,
} from '../../../electron/security-policy.js';

describe('links that may leave the app (shell.openExternal)', () => {
  it('allows https links to the vendor and its subdomains', () => {
    expect(isAllowedExternalUrl('https://flashalpha.com/pricing')).toBe(true);
    expect(isAllowedExternalUrl('https://lab.flashalpha.com/docs?x=1#y')).toBe(true);
    expect(isAllowedExternalUrl('https://WWW.FlashAlpha.com/')).toBe(true);
  });

  it('refuses http, other schemes and anything that only looks like the vendor', () => {
    for (const url of [
      'http://flashalpha.com/pricing',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://flashalpha.com/share',
      'https://evil.example/',
      'https://flashalpha.com.evil.example/',
      'https://evilflashalpha.com/',
      'https://flashalpha.com@evil.example/',
      'https://user:pass@flashalpha.com/',
      'https://flashalpha.com:8443/',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('navigation', () => {
  it('allows only our own page to load', () => {
    expect(isOwnPageUrl(POPOVER_URL)).toBe(true);
    expect(isOwnPageUrl(`${POPOVER_URL}#/settings`)).toBe(true);
    expect(navigationVerdict(POPOVER_URL)).toBe('allow');
  });

  it('sends vendor links to the browser and refuses everything else', () => {
    expect(navigationVerdict('https://flashalpha.com/pricing')).toBe('open-external');
    expect(navigationVerdict('https://evil.example/')).toBe('deny');
    expect(navigationVerdict('hedgeflow://app/assets/index.js')).toBe('deny');
    expect(navigationVerdict('hedgeflow://other/index.html')).toBe('deny');
    expect(navigationVerdict('file:///work/main/dist/renderer/index.html')).toBe('deny');
  });
});

describe('what hedgeflow://app serves', () => {
  const root = path.resolve('/opt/hedgeflow/dist/renderer');

  it('maps paths under the renderer folder, with a content type', () => {
    expect(resolveAppAsset('hedgeflow://app/index.html', root)).toEqual({
      file: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset('hedgeflow://app/', root)?.file).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset('hedgeflow://app/assets/index-abc.js?v=1', root)).toEqual({
      file: path.join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('refuses to leave the folder, however the path is spelled', () => {
    for (const url of [
      'hedgeflow://app/../../etc/passwd',
      'hedgeflow://app/%2e%2e/%2e%2e/etc/passwd',
      'hedgeflow://app/assets/%2e%2e%2f%2e%2e%2fsecret',
      'hedgeflow://app/assets%2f..%2f..%2f..%2fetc%2fpasswd',
      'hedgeflow://app/..%5c..%5csecret',
      'hedgeflow://app/index.html%00.png',
      'hedgeflow://app/%E0%A4%A',
      'hedgeflow://elsewhere/index.html',
      'https://app/index.html',
    ]) {
      const asset = resolveAppAsset(url, root);
      if (asset !== null) expect(asset.file.startsWith(root + path.sep), url).toBe(true);
    }
    expect(
      resolveAppAsset('hedgeflow://app/assets%2f..%2f..%2f..%2fetc%2fpasswd', root),
    ).toBeNull();
    expect(resolveAppAsset('hedgeflow://elsewhere/index.html', root)).toBeNull();
    expect(resolveAppAsset('hedgeflow://app/index.html%00.png', root)).toBeNull();
  });
});

describe('the update notice link (a release page of the followed repository)', () => {
  const repo = { owner: 'hedgeflow-app', name: 'hedgeflow' };
  const page = 'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v0.2.0';

  it('may open when the app follows that repository', () => {
    expect(isAllowedExternalUrl(page, repo)).toBe(true);
    expect(isAllowedExternalUrl('https://flashalpha.com/pricing', repo)).toBe(true);
  });

  it('may not open when no repository is followed (package.json names none)', () => {
    expect(isAllowedExternalUrl(page)).toBe(false);
    expect(isAllowedExternalUrl(page, null)).toBe(false);
  });

  it('opens nothing else on GitHub', () => {
    for (const url of [
      'https://github.com/',
      'https://github.com/hedgeflow-app/hedgeflow',
      'https://github.com/hedgeflow-app/hedgeflow/releases',
      'https://github.com/hedgeflow-app/hedgeflow/releases/download/v0.2.0/HedgeFlow.dmg',
      'https://github.com/other/hedgeflow/releases/tag/v0.2.0',
      `${page}?q=1`,
      'http://github.com/hedgeflow-app/hedgeflow/releases/tag/v0.2.0',
    ]) {
      expect(isAllowedExternalUrl(url, repo), url).toBe(false);
    }
  });
});
