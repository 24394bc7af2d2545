/** The number arm's free Operator Connect numbers, +44 20 3000 0000 upward (a range the demo tenant does not use). */
export const benchNumber = (i: number) => `+44203${String(i).padStart(7, '0')}`;
