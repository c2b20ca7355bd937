/** Text shared by the report formats that show a finding's help or link to its rule's docs. */

/**
 * A finding's message followed by its help, as one line of prose: `<message>. <help>`.
 * No second full stop when the message already ends a sentence, and just the message when there is no help.
 */
export function messageWithHelp(message: string, help: string): string {
  const trimmedHelp = help.trim();
  if (trimmedHelp === '') return message;
  const separator = /[.!?]$/.test(message.trimEnd()) ? ' ' : '. ';
  return `${message.trimEnd()}${separator}${trimmedHelp}`;
}

/** `${docsBaseUrl}/<rule-id>.md`, with no doubled slash when the base ends in one. */
export function ruleDocsUrl(docsBaseUrl: string, ruleId: string): string {
  return `${docsBaseUrl.replace(/\/+$/, '')}/${ruleId}.md`;
}
