/**
 * A GitHub repository (and optional deployment environment) that may sign in as the app without a
 * secret, through a federated identity credential (entra-docs workload-identity-federation-create-
 * trust.md, GitHub Actions): issuer https://token.actions.githubusercontent.com, audience
 * api://AzureADTokenExchange, and a subject naming what GitHub's OIDC token says the job is.
 */
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

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** `OWNER/REPO[:ENVIRONMENT]`, or a message in `t`'s language saying what is wrong with it. */
export function parseGitHubTarget(text: string, t: Translate = english): GitHubTarget | { readonly error: string } {
  const m = /^([^/:\s]+)\/([^/:\s]+)(?::(.+))?$/.exec(text.trim());
  if (!m) return { error: t('--github expects OWNER/REPO or OWNER/REPO:ENVIRONMENT, not "{0}".', text) };
  const [, owner, repo, environment] = m;
  if (!OWNER.test(owner)) return { error: t('"{0}" is not a GitHub owner name.', owner) };
  if (!REPO.test(repo) || repo === '.' || repo === '..')
    return { error: t('"{0}" is not a GitHub repository name.', repo) };
  return environment === undefined ? { owner, repo } : { owner, repo, environment: environment.trim() };
}

/** federatedidentitycredential.md name: unique per app, up to 120 URL-friendly characters. */
const credentialName = (...parts: string[]) =>
  parts
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, 120);

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
        name: credentialName('github', target.owner, target.repo, 'env', target.environment),
        subject: `repo:${repo}:environment:${target.environment}`,
        description: `GitHub Actions in ${repo}, environment ${target.environment}`,
      },
    ];
  }
  return [
    {
      name: credentialName('github', target.owner, target.repo, 'pull-request'),
      subject: `repo:${repo}:pull_request`,
      description: `GitHub Actions pull requests of ${repo} (plan)`,
    },
    {
      name: credentialName('github', target.owner, target.repo, 'main'),
      subject: `repo:${repo}:ref:refs/heads/main`,
      description: `GitHub Actions on the main branch of ${repo} (apply)`,
    },
  ];
}
