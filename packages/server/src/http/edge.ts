import type { FastifyInstance } from 'fastify';
import { Invalid } from './errors.js';

export const CONTROL_CHARACTER_MESSAGE = 'Ce champ contient un caractère invisible ou de contrôle non autorisé.';

/**
 * C0 controls except tab, line feed and carriage return; DEL; C1 controls. NUL cannot be stored by
 * PostgreSQL at all (a 500 at the driver), the others are never typed by a person: a terminal
 * escape (ESC, CSI) or a form feed in a name only ever comes from a tool or an attack.
 *
 * Deliberately allowed: U+2028/U+2029 (line and paragraph separators) are text that a copy from a
 * PDF or a word processor produces, as harmless as the line feed the edge accepts; bidi controls
 * (U+202A–U+202E, U+2066–U+2069) are needed to write Arabic or Hebrew names correctly and are
 * rendered inside their field, where they cannot disguise anything. File names, which are shown out
 * of context and decide how a file opens, drop them instead (`sanitizeFileName`).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** A lone surrogate is not Unicode text: it cannot be stored as UTF-8 either. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasForbiddenCharacter(text: string): boolean {
  return CONTROL.test(text) || LONE_SURROGATE.test(text);
}

/**
 * The paths (`temoins.0.nom`) of the strings, or object keys, holding a forbidden character.
 * Iterative: a deeply nested JSON body must not overflow the stack.
 */
export function fieldsWithControlCharacters(value: unknown, limit = 20): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && found.length < limit) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (hasForbiddenCharacter(current)) found.push(path);
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], path ? `${path}.${i}` : String(i)]);
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const childPath = path ? `${path}.${key}` : key;
        if (hasForbiddenCharacter(key)) found.push(childPath);
        else stack.push([child, childPath]);
      }
    }
  }
  return found;
}

/** Refuses the request (422 naming each field) if a value holds a control character. */
export function refuseControlCharacters(...values: unknown[]) {
  const fields = values.flatMap((v) => fieldsWithControlCharacters(v));
  if (fields.length === 0) return;
  throw Invalid(
    fields.length === 1
      ? `Le champ « ${fields[0]} » contient un caractère invisible ou de contrôle non autorisé : retirez-le puis réessayez.`
      : `${fields.length} champs contiennent un caractère invisible ou de contrôle non autorisé : retirez-les puis réessayez.`,
    fields.map((field) => ({ field, message: CONTROL_CHARACTER_MESSAGE })),
    'caractere_interdit',
  );
}

/**
 * One check at the edge, before zod and before any handler: every text of the query string, the
 * path and the JSON body is free of control characters. A route then never sees a NUL, and an export
 * is refused before its first byte is sent. Multipart fields are checked by `readUpload`.
 */
export function registerEdgeChecks(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    refuseControlCharacters(request.query, request.params, request.body);
  });
}
