/**
 * The part of the Gogo shell language the ONOS CLI is used with: words separated by blanks,
 * '…' and "…" quotes, `;` between statements and `|` between the stages of a pipe
 * (`flows -s | grep fwd`, `apps -s | grep '\*'`). Closures, variables and redirections are
 * not interpreted: their characters stay in the words.
 */

/** Statements, each a pipeline of commands, each a list of words. */
export type GogoProgram = string[][][];

export function parseGogo(line: string): GogoProgram {
  const program: GogoProgram = [];
  let pipeline: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length) pipeline.push(words);
    words = [];
  };
  const endStatement = (): void => {
    endCommand();
    if (pipeline.length) program.push(pipeline);
    pipeline = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const end = close < 0 ? line.length : close;
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '|') {
      endCommand();
    } else if (c === ';' || c === '\n') {
      endStatement();
    } else {
      word += c;
      inWord = true;
    }
  }
  endStatement();
  return program;
}
