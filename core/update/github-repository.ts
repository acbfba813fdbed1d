// The GitHub repository whose releases the update notice follows: the one package.json names in
// `repository`, in any of the forms npm accepts for GitHub. Anything else (another host, a
// malformed name, no field at all) means no repository, and so no update check.
// Hand-written rather than npm's hosted-git-info: we accept only github.com, and the owner and
// name end up in the API URL and in the openExternal allow-list, so the accepted shapes must be
// exactly these few and the characters exactly GitHub's (docs/updates.md).

export interface GitHubRepository {
  readonly owner: string;
  readonly name: string;
}

/** GitHub's rules: owners are alphanumeric with inner hyphens; names add '.', '_' and '-'. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

const FORMS: readonly RegExp[] = [
  /^github:([^/]+)\/([^/#]+)$/,
  // The npm shorthand "owner/name" (no scheme, no host).
  /^([^/:@]+)\/([^/#:]+)$/,
  /^(?:git\+)?https:\/\/github\.com\/([^/]+)\/([^/#?]+?)\/?$/,
  /^git\+ssh:\/\/git@github\.com\/([^/]+)\/([^/#?]+)$/,
  /^git@github\.com:([^/]+)\/([^/#?]+)$/,
  /^git:\/\/github\.com\/([^/]+)\/([^/#?]+)$/,
];

export function parseGitHubRepository(value: string): GitHubRepository | null {
  const text = value.trim();
  for (const form of FORMS) {
    const match = form.exec(text);
    if (match === null) continue;
    const owner = match[1]!;
    const name = match[2]!.replace(/\.git$/, '');
    if (!OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') return null;
    return { owner, name };
  }
  return null;
}

/** package.json's `repository` field: a string or `{ type, url }`; null when not GitHub. */
export function repositoryFromManifest(manifest: unknown): GitHubRepository | null {
  if (typeof manifest !== 'object' || manifest === null) return null;
  const field: unknown = (manifest as { repository?: unknown }).repository;
  if (typeof field === 'string') return parseGitHubRepository(field);
  if (typeof field === 'object' && field !== null) {
    const { type, url, directory } = field as {
      type?: unknown;
      url?: unknown;
      directory?: unknown;
    };
    // A package in a monorepo's subfolder does not own that repository's releases.
    if (directory !== undefined) return null;
    if (type !== undefined && type !== 'git') return null;
    if (typeof url === 'string') return parseGitHubRepository(url);
  }
  return null;
}

/** The page of one release: the only place the update notice links to. */
export function releasePageUrl(repository: GitHubRepository, tag: string): string {
  return `https://github.com/${repository.owner}/${repository.name}/releases/tag/${encodeURIComponent(tag)}`;
}

/**
 * True for https://github.com/OWNER/NAME/releases/tag/TAG of this repository only: default port,
 * no credentials, no query or fragment, one path segment for the tag.
 */
export function isReleasePageUrl(url: string, repository: GitHubRepository): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.hostname !== 'github.com' || u.port !== '') return false;
  if (u.username !== '' || u.password !== '' || u.search !== '' || u.hash !== '') return false;
  const prefix = `/${repository.owner}/${repository.name}/releases/tag/`;
  if (!u.pathname.startsWith(prefix)) return false;
  const tag = u.pathname.slice(prefix.length);
  return tag.length > 0 && !tag.includes('/');
}
