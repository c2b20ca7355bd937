#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { PACKAGE_INFO } from '../package-info.js';
import { EXIT_TROUBLE, UsageError } from './errors.js';
import { explainCommand } from './explain.js';
import { lintCommand } from './lint.js';
import { lspCommand } from './lsp.js';
import { rulesCommand } from './rules.js';

const program = new Command('ddlguard')
  .description('Stops database migrations from taking production down.')
  .version(PACKAGE_INFO.version)
  .addCommand(lintCommand())
  .addCommand(rulesCommand())
  .addCommand(explainCommand())
  .addCommand(lspCommand())
  .addHelpText(
    'after',
    `
Examples:
  $ ddlguard lint migrations/
  $ ddlguard lint migrations/ --format github
  $ ddlguard explain require-concurrent-index-creation`,
  )
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander has printed its message (or the help/version text) already
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_TROUBLE;
  } else if (error instanceof UsageError) {
    process.stderr.write(`ddlguard: ${error.message}\n`);
    process.exitCode = EXIT_TROUBLE;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ddlguard: internal error: ${message}\n`);
    process.exitCode = EXIT_TROUBLE;
  }
}
