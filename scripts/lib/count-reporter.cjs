// Mocha reporter: mocha's spec output, then one plain line "N passed, N failed" that
// scripts/test-all.mjs (and CI) read. Mocha's own summary format is not a contract.
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;

class CountReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures } = runner.stats;
      process.stdout.write(`${passes} passed, ${failures} failed\n`);
    });
  }
}
module.exports = CountReporter;
