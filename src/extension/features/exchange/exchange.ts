/**
 * Exchange with other tools: the commands start with Sift, their code (REFI-QDA and CSV out and
 * in, transcripts in) is loaded the first time one of them runs (dist/exchange-commands.js).
 */
import * as vscode from 'vscode';
import type { SiftContext } from '../../context';
import { report } from '../tagging';

const EXCHANGE_COMMANDS = ['sift.exportQdpx', 'sift.exportQdc', 'sift.exportCsv', 'sift.importQdpx', 'sift.importQdc', 'sift.importTranscripts'] as const;

export function registerExchange(sift: SiftContext): vscode.Disposable {
  let commands: ReadonlyMap<string, (...args: unknown[]) => unknown> | undefined;
  const run = (id: string, args: unknown[]) => {
    commands ??= (require('./exchange-commands') as typeof import('./exchange-commands')).exchangeCommands(sift, report) as ReadonlyMap<string, (...args: unknown[]) => unknown>;
    return commands.get(id)!(...args);
  };
  return vscode.Disposable.from(...EXCHANGE_COMMANDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => run(id, args))));
}
