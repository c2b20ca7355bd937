import { Command } from 'commander';
import { runStdioServer } from '../lsp/server.js';

export function lspCommand(): Command {
  return new Command('lsp')
    .description('run the language server (diagnostics, quick fixes, lock hovers) for editors')
    .option('--stdio', 'speak the Language Server Protocol over standard input and output (the only transport)')
    .addHelpText(
      'after',
      `
Editors start it themselves; see "Editors (language server)" in the README.
  $ ddlguard lsp --stdio`,
    )
    .action(async () => {
      await runStdioServer();
    });
}
