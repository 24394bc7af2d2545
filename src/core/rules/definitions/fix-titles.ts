/**
 * The title of each kind of quick fix (fixes.ts), in English with `{0}`-style placeholders: the key of
 * its translation. A rule may give a fix a title of its own (`fixTitles` in its definition).
 */
export const FIX_TITLES = {
  messages: {
    /** `replace`: {0} the better text. */
    replace: 'Change to {0}',
    /** `suggest-sku`: {0} a part number, {1} its product name. */
    suggestSku: 'Change to {0} ({1})',
    deleteLine: 'Remove this line',
    /** `remove-from-list`: {0} the word taken out. */
    removeFromList: 'Remove {0} from this line',
    /** `add-to-assign`, to the block's first `assign` line, or as a new one where it has none. */
    addToAssignLine: 'Add {0} to the assign line',
    newAssignLine: 'Assign {0} in this block',
  },
} as const;
