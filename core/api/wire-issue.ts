// The first problem a wire schema found, in words a reader of the JSON understands. zod says a
// missing field "received undefined", which JSON has no word for: say "missing" instead.

interface Issue {
  readonly code: string;
  readonly message: string;
  readonly expected?: unknown;
}

export function wireIssueText(issue: Issue | undefined): string {
  if (!issue) return 'invalid';
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return typeof issue.expected === 'string' ? `missing (expected ${issue.expected})` : 'missing';
  }
  return issue.message;
}
