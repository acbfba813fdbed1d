// Which GitHub release counts as "a newer HedgeFlow": the latest full release (not a draft, not
// marked prerelease) whose tag is a semantic version without a prerelease part, newer than the
// running version by SemVer precedence (the `semver` package, npm's own).
import semver from 'semver';
import { z } from 'zod';

/** The part of GitHub's release object we read (GET /repos/{owner}/{repo}/releases/latest). */
export const GitHubReleaseSchema = z.object({
  tag_name: z.string().min(1),
  draft: z.boolean(),
  prerelease: z.boolean(),
});
export type GitHubRelease = z.infer<typeof GitHubReleaseSchema>;

/** "v1.2.3" or "1.2.3" -> "1.2.3"; null when the tag is not a plain release version. */
export function releaseVersion(release: GitHubRelease): string | null {
  if (release.draft || release.prerelease) return null;
  const version = semver.valid(semver.clean(release.tag_name, { loose: false }));
  if (version === null || semver.prerelease(version) !== null) return null;
  return version;
}

/** True when `candidate` is a later version than `current` (build metadata ignored). */
export function isNewer(candidate: string, current: string): boolean {
  const running = semver.valid(current);
  // A running version that is not SemVer (a hand-made build) is never "behind".
  if (running === null) return false;
  return semver.gt(candidate, running);
}
