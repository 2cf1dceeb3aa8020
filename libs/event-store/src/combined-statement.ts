/** One SQL statement with its `$1…` parameters. */
export interface Statement {
  text: string;
  params: unknown[];
}

const STARTS_WITH_WITH = /^\s*WITH\b/i;

/**
 * Renumbered texts by offset and text. The statements are a handful of fixed texts, so the regex runs once per text
 * and offset instead of on every command; bounded all the same.
 */
const renumberedTexts = new Map<string, Map<number, string>>();
const MAX_CACHED_TEXTS = 1_000;

function renumber(text: string, offset: number): string {
  if (STARTS_WITH_WITH.test(text))
    throw new Error(`A combined write cannot have its own WITH clause: ${text.slice(0, 80)}`);
  return renumberLast(text, offset);
}

function renumberLast(text: string, offset: number): string {
  let byOffset = renumberedTexts.get(text);
  if (byOffset === undefined) {
    if (renumberedTexts.size >= MAX_CACHED_TEXTS) renumberedTexts.clear();
    byOffset = new Map();
    renumberedTexts.set(text, byOffset);
  }
  let renumbered = byOffset.get(offset);
  if (renumbered === undefined) {
    renumbered = text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    byOffset.set(offset, renumbered);
  }
  return renumbered;
}

/**
 * Several writes sent as one statement: each of `first` becomes a data-modifying CTE of `last`, its parameters
 * renumbered after those before it. PostgreSQL runs every data-modifying CTE exactly once and to completion, whether
 * or not the rest of the statement reads it, all in the statement's snapshot; so the result is the same as running
 * them one after the other in a transaction, minus the round trips. The writes must not touch the same rows (they
 * cannot see each other's effects), and none of `first` may have a `WITH` of its own (PostgreSQL allows
 * data-modifying CTEs only at the top level); `last` may, and its CTEs follow theirs. Parameters are found as
 * `$<digits>`: the texts must not contain that in literals.
 */
export function combineStatements(first: readonly Statement[], last: Statement): Statement {
  if (first.length === 0) return last;
  const params: unknown[] = [];
  const renumbered = (statement: Statement): string => {
    const offset = params.length;
    params.push(...statement.params);
    return renumber(statement.text, offset);
  };
  const ctes = first.map((statement, i) => `write_${i + 1} AS (\n${renumbered(statement)}\n)`);
  const offset = params.length;
  params.push(...last.params);
  const lastText = renumberLast(last.text, offset);
  return {
    text: STARTS_WITH_WITH.test(lastText)
      ? `WITH ${ctes.join(',\n')},\n${lastText.replace(/^\s*WITH\s+/i, '')}`
      : `WITH ${ctes.join(',\n')}\n${lastText}`,
    params,
  };
}
