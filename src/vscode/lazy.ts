import type * as EngineBundle from '../engine-bundle';

let loaded: typeof EngineBundle | undefined;

/**
 * dist/engine.js, required on first use. A separate bundle rather than a dynamic import: esbuild
 * would inline an import(), and activation would then parse MSAL and the Graph client for nothing.
 */
export function engineBundle(): typeof EngineBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./engine.js') as typeof EngineBundle;
  return loaded;
}
