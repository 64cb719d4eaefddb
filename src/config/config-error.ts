import { MaskgateError } from '../errors.js';

/** One problem in a rules file, located for humans; never carries the value found there. */
export interface ConfigIssue {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
  /** Dotted path of the offending entry (`tables.public.x.columns.naam`), or '' when unknown. */
  readonly path: string;
  readonly message: string;
  /** One line telling how to fix it, when that is obvious. */
  readonly hint?: string;
}

/** Renders an issue as `file:line:col path: message`, plus an indented hint line. */
export function formatIssue(issue: ConfigIssue): string {
  const head = `${issue.file}:${issue.line}:${issue.col} ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
  return issue.hint ? `${head}\n  hint: ${issue.hint}` : head;
}

/** Every problem found in a rules file, thrown at once so users can fix them in one go. */
export class ConfigErrors extends MaskgateError {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super('CONFIG_INVALID', issues.map(formatIssue).join('\n'), {
      file: issues[0]?.file ?? '',
      issues: issues.length,
    });
  }
}
