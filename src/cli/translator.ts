import french from '../../l10n/bundle.l10n.fr.json';
import { bundleTranslator, english, type Translate } from '../core/text/translate';

/**
 * The language of the CLI's messages, chosen as gettext chooses it: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set. French when it starts with `fr` (`fr_FR.UTF-8`, `fr_CA`),
 * English otherwise (`C`, `POSIX`, `en_US.UTF-8`). The extension's own French bundle is the one
 * read, so the CLI and the editor say the same thing in the same words.
 */
export function cliTranslator(env: Readonly<Record<string, string | undefined>> = process.env): Translate {
  const chosen = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return /^fr([_.@-]|$)/i.test(chosen) ? bundleTranslator(french as Record<string, string>, 'fr') : english;
}
