/** The CLI's subcommands. A new one (`lab train`) is a module in this folder plus one entry here. */
import { dataCommand } from './data';
import { neighboursCommand } from './neighbours';
import { trainCommand } from './train';

export interface Command {
  /** One line for `lab --help`. */
  summary: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  data: dataCommand,
  train: trainCommand,
  neighbours: neighboursCommand,
};
