// Which repository the update notice follows, and which release page a link may open.
import { describe, expect, it } from 'vitest';
import {
  isReleasePageUrl,
  parseGitHubRepository,
  releasePageUrl,
  repositoryFromManifest,
} from '../../../../core/update/github-repository.js';

const REPO = { owner: 'hedgeflow-app', name: 'hedgeflow' };

describe("package.json's repository", () => {
  it.each([
    'hedgeflow-app/hedgeflow',
    'github:hedgeflow-app/hedgeflow',
    'https://github.com/hedgeflow-app/hedgeflow',
    'https://github.com/hedgeflow-app/hedgeflow.git',
    'https://github.com/hedgeflow-app/hedgeflow/',
    'git+https://github.com/hedgeflow-app/hedgeflow.git',
    'git+ssh://git@github.com/hedgeflow-app/hedgeflow.git',
    'git@github.com:hedgeflow-app/hedgeflow.git',
    'git://github.com/hedgeflow-app/hedgeflow.git',
  ])('names the GitHub repository %s', (value) => {
    expect(parseGitHubRepository(value)).toEqual(REPO);
  });

  it.each([
    '',
    'gitlab:hedgeflow-app/hedgeflow',
    'https://gitlab.com/hedgeflow-app/hedgeflow',
    'https://github.com.evil.example/hedgeflow-app/hedgeflow',
    'https://user:pass@github.com/hedgeflow-app/hedgeflow',
    'http://github.com/hedgeflow-app/hedgeflow',
    'https://github.com/hedgeflow-app',
    'https://github.com/hedgeflow-app/hedgeflow/tree/main',
    '-bad-/hedgeflow',
    'hedgeflow-app/..',
    'hedgeflow-app/hedge flow',
    'hedgeflow-app/hedgeflow?x=1',
  ])('refuses %j (no GitHub repository: no update check)', (value) => {
    expect(parseGitHubRepository(value)).toBeNull();
  });

  it('reads the string and the { type, url } forms, and nothing else', () => {
    expect(repositoryFromManifest({ repository: 'github:hedgeflow-app/hedgeflow' })).toEqual(REPO);
    expect(
      repositoryFromManifest({
        repository: { type: 'git', url: 'git+https://github.com/hedgeflow-app/hedgeflow.git' },
      }),
    ).toEqual(REPO);
    expect(repositoryFromManifest({ name: 'hedgeflow', version: '0.1.0' })).toBeNull();
    expect(
      repositoryFromManifest({ repository: { type: 'svn', url: 'hedgeflow-app/hedgeflow' } }),
    ).toBeNull();
    expect(
      repositoryFromManifest({
        repository: { type: 'git', url: 'https://github.com/o/mono.git', directory: 'apps/x' },
      }),
    ).toBeNull();
    expect(repositoryFromManifest(null)).toBeNull();
    expect(repositoryFromManifest({ repository: 42 })).toBeNull();
  });

  it('the project names none today, so the shipped app never checks', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest: unknown = JSON.parse(
      await readFile(new URL('../../../../package.json', import.meta.url), 'utf8'),
    );
    expect(repositoryFromManifest(manifest)).toBeNull();
  });
});

describe('the release page', () => {
  it('is the tag page of that repository', () => {
    const url = releasePageUrl(REPO, 'v1.2.0');
    expect(url).toBe('https://github.com/hedgeflow-app/hedgeflow/releases/tag/v1.2.0');
    expect(isReleasePageUrl(url, REPO)).toBe(true);
  });

  it('encodes a tag that would leave the page', () => {
    const url = releasePageUrl(REPO, '../../../evil/x');
    expect(new URL(url).pathname).toBe(
      '/hedgeflow-app/hedgeflow/releases/tag/..%2F..%2F..%2Fevil%2Fx',
    );
    expect(isReleasePageUrl(url, REPO)).toBe(true);
  });

  it.each([
    'https://github.com/someone-else/hedgeflow/releases/tag/v1.2.0',
    'https://github.com/hedgeflow-app/hedgeflow/releases/download/v1.2.0/HedgeFlow.dmg',
    'https://github.com/hedgeflow-app/hedgeflow/releases/tag/',
    'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v1/x',
    'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v1.2.0?x=1',
    'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v1.2.0#x',
    'https://github.com:8443/hedgeflow-app/hedgeflow/releases/tag/v1.2.0',
    'https://a:b@github.com/hedgeflow-app/hedgeflow/releases/tag/v1.2.0',
    'http://github.com/hedgeflow-app/hedgeflow/releases/tag/v1.2.0',
    'https://github.com.evil.example/hedgeflow-app/hedgeflow/releases/tag/v1.2.0',
    'https://gist.github.com/hedgeflow-app/hedgeflow/releases/tag/v1.2.0',
    'javascript:alert(1)',
    'not a url',
  ])('is not %s', (url) => {
    expect(isReleasePageUrl(url, REPO)).toBe(false);
  });
});
