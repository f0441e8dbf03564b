import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One error-code literal in the source, and where it is (`path:line`). */
export interface CodeLiteral {
  code: string;
  at: string;
}

const CODE_LITERAL = /(['"])([A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*)\1/g;
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;
// Tests and the catalogues themselves (`error-codes.ts`) name codes without raising them.
const SKIPPED_FILE = /(\.(spec|int-spec|e2e-spec)\.tsx?|^error-codes\.ts)$/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'gen' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !SKIPPED_FILE.test(entry.name) ? [path] : [];
  });
}

/**
 * Every `CONTEXT.REASON` string literal in the TypeScript under `roots` (tests, catalogues and
 * generated code left out): the codes a context raises, wherever it raises them (a DomainError, an HTTP exception's
 * body, a resource's not-found code, a problem the filter or a proxy writes).
 */
export function errorCodeLiterals(...roots: string[]): CodeLiteral[] {
  return roots.flatMap(sourceFiles).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        COMMENT_LINE.test(line)
          ? []
          : [...line.matchAll(CODE_LITERAL)].map((match) => ({ code: match[2], at: `${relative(process.cwd(), file)}:${index + 1}` })),
      ),
  );
}

const ENGLISH_WORDS = /\b(the|must|is|are|not|has|have|already|cannot|does|this|of|to|no)\b/i;

/**
 * Why `message` is not a short sentence a person reads in the portal (Indonesian, capitalised,
 * ended), or undefined when it is. Catches an English developer message pasted into a catalogue.
 */
export function unreadableMessage(message: string): string | undefined {
  if (!/^[A-Z]/.test(message)) return 'does not start with a capital letter';
  if (!/[.!]$/.test(message)) return 'does not end with a full stop';
  if (message.length > 160) return `is ${message.length} characters long; keep it under 160`;
  const english = ENGLISH_WORDS.exec(message);
  if (english) return `reads as English ("${english[0]}")`;
  return undefined;
}
