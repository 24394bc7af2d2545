/**
 * A GitHub repository (and optional deployment environment) that may sign in as the app without a
 * secret, through a federated identity credential (entra-docs workload-identity-federation-create-
 * trust.md, GitHub Actions): issuer https://token.actions.githubusercontent.com, audience
 * api://AzureADTokenExchange, and a subject naming what GitHub's OIDC token says the job is.
 */
import { createHash } from 'node:crypto';
import { english, type Translate } from '../text/translate';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const FEDERATION_AUDIENCE = 'api://AzureADTokenExchange';

export interface GitHubTarget {
  readonly owner: string;
  readonly repo: string;
  readonly environment?: string;
}

export interface FederatedSubject {
  readonly name: string;
  readonly subject: string;
  readonly description: string;
}

/** GitHub's rule for a user or organization name: letters, digits and single hyphens inside, at most 39. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** `OWNER/REPO[:ENVIRONMENT]`, or a message in `t`'s language saying what is wrong with it. */
export function parseGitHubTarget(text: string, t: Translate = english): GitHubTarget | { readonly error: string } {
  const m = /^([^/:\s]+)\/([^/:\s]+)(?::(.+))?$/.exec(text.trim());
  if (!m) return { error: t('--github expects OWNER/REPO or OWNER/REPO:ENVIRONMENT, not "{0}".', text) };
  const [, owner, repo, environment] = m;
  if (!OWNER.test(owner))
    return {
      error: t(
        '"{0}" is not a GitHub owner name: letters, digits and single hyphens, not at the start or end, at most 39 characters.',
        owner,
      ),
    };
  if (!REPO.test(repo) || repo === '.' || repo === '..')
    return { error: t('"{0}" is not a GitHub repository name.', repo) };
  if (environment === undefined) return { owner, repo };
  const env = environment.trim();
  // GitHub: at most 255 characters; a `:` would make the token's subject ambiguous, a control character unreadable.
  if (!env || env.length > 255 || /[:\u0000-\u001f\u007f]/.test(env))
    return {
      error: t(
        '"{0}" is not a GitHub environment name: 1 to 255 characters, no ":" and no control character.',
        env.replace(/[\u0000-\u001f\u007f]/g, '?'),
      ),
    };
  return { owner, repo, environment: env };
}

/**
 * federatedidentitycredential.md name: unique per app (compared without case), up to 120
 * URL-friendly characters. The readable part loses what is not URL-friendly (`my.repo` and
 * `my-repo` read alike, so do `Repo` and `repo`), so a short hash of the exact subject ends the
 * name: two subjects never share one, and the same subject always gets the same.
 */
const credentialName = (subject: string, ...parts: string[]): string => {
  const hash = createHash('sha256').update(subject).digest('hex').slice(0, 8);
  const readable = parts
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, 120 - hash.length - 1);
  return `${readable}-${hash}`;
};

/**
 * The subjects GitHub puts in its OIDC token (GitHub docs, "About security hardening with OpenID
 * Connect", subject claims). With an environment, every job of docs/ci.md runs in it, so one subject
 * covers both; without, `plan` runs for pull requests and `apply` on the main branch.
 */
export function federatedSubjects(target: GitHubTarget): FederatedSubject[] {
  const repo = `${target.owner}/${target.repo}`;
  if (target.environment) {
    return [
      {
        name: credentialName(
          `repo:${repo}:environment:${target.environment}`,
          'github',
          target.owner,
          target.repo,
          'env',
          target.environment,
        ),
        subject: `repo:${repo}:environment:${target.environment}`,
        description: `GitHub Actions in ${repo}, environment ${target.environment}`,
      },
    ];
  }
  return [
    {
      name: credentialName(`repo:${repo}:pull_request`, 'github', target.owner, target.repo, 'pull-request'),
      subject: `repo:${repo}:pull_request`,
      description: `GitHub Actions pull requests of ${repo} (plan)`,
    },
    {
      name: credentialName(`repo:${repo}:ref:refs/heads/main`, 'github', target.owner, target.repo, 'main'),
      subject: `repo:${repo}:ref:refs/heads/main`,
      description: `GitHub Actions on the main branch of ${repo} (apply)`,
    },
  ];
}
