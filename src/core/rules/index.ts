/** The validator: findings over a parsed file (and, signed in, over the tenant's subscriptions). */
export { validate, hasErrors } from './validate';
export type { Finding } from './finding';
