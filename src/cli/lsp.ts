import { Command } from 'commander';

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
      // loaded only here: `ddlguard lint` (a pre-commit hook runs it on every commit) does not pay for it
      const { runStdioServer } = await import('../lsp/server.js');
      await runStdioServer();
    });
}
