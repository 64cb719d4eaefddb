import { MaskgateError } from '../errors.js';

/** One reason the rules do not cover the live schema; located in the YAML when the rule exists. */
export interface CoverageIssue {
  readonly kind: 'table-without-rule' | 'column-without-rule' | 'unknown-table' | 'unknown-column' | 'incompatible-masker';
  readonly table: string;
  readonly column?: string;
  readonly message: string;
  /** `rules.yaml:12:7` when the issue is about something written in the rules file. */
  readonly at?: string;
}

/** The rules leave data uncovered or name things that do not exist: exit 2 before any row is read. */
export class CoverageError extends MaskgateError {
  constructor(
    readonly issues: readonly CoverageIssue[],
    /** Ready-to-paste YAML for the uncovered tables and columns, or '' when there are none. */
    readonly snippet: string,
  ) {
    const lines = issues.map((i) => `  ${i.at ? `${i.at} ` : ''}${i.message}`);
    super(
      'COVERAGE_GAP',
      `The rules do not match the source schema (${issues.length} problem${issues.length === 1 ? '' : 's'}); nothing was read:\n${lines.join('\n')}`,
      { problems: issues.length },
      snippet ? `Add these rules (review every masker before you run):\n${snippet}` : 'Fix the rules above: a rule for a missing table or column usually hides a typo that leaves the real one unmasked.',
    );
  }
}
