/**
 * What a command's own option parser returns: the options, or what to print and the exit
 * status to end with (usage errors, --help, --version). Shared by iperf, wget, curl and
 * Python's http.server.
 */
import type { ExecContext } from './context';

export type ParseFailure = { readonly ok: false; readonly status: number; readonly out?: string; readonly err?: string };
export type Parsed<T> = { readonly ok: true; readonly o: T } | ParseFailure;

/** Print a parse failure's texts (help on stdout, errors on stderr); returns its exit status. */
export function reportParseFailure(ctx: ExecContext, f: ParseFailure): number {
  if (f.out) ctx.out(f.out);
  if (f.err) ctx.err(f.err);
  return f.status;
}
