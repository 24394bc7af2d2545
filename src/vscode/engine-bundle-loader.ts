import type * as EngineBundle from '../engine-bundle';

let loaded: typeof EngineBundle | undefined;

/**
 * dist/engine.js (built from src/engine-bundle.ts), required on first use. The path is relative to
 * the running bundle, dist/extension.js, where scripts/build.mjs leaves it external; no source file
 * is named engine.ts, so the two cannot be mistaken for each other. A separate bundle rather than a dynamic import:
 * esbuild
 * would inline an import(), and activation would then parse MSAL and the Graph client for nothing.
 */
export function engineBundle(): typeof EngineBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./engine.js') as typeof EngineBundle;
  return loaded;
}
