import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { type Storage, TooLargeError } from '../lib/storage/storage.js';
import { refuseControlCharacters } from './edge.js';
import { AppError, Invalid } from './errors.js';

export type UploadKind = 'pdf' | 'pdf-image' | 'csv';

const accepted: Record<UploadKind, { mimes: string[]; label: string }> = {
  pdf: { mimes: ['application/pdf'], label: 'un PDF' },
  'pdf-image': { mimes: ['application/pdf', 'image/jpeg', 'image/png'], label: 'un PDF, une image JPEG ou PNG' },
  csv: { mimes: [], label: 'un fichier CSV (texte)' },
};

/** Longest file name kept, in code points (what PostgreSQL and people count as characters). */
export const FILE_NAME_MAX = 150;

/**
 * Invisible characters a file name never needs: controls, lone surrogates, private use, and format
 * characters — among them the bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) that
 * make « facture‮fdp.exe » display as « facturexe.pdf ». The zero-width joiner and non-joiner stay:
 * emoji sequences and Persian words are written with them.
 */
const INVISIBLE = /[\p{Cc}\p{Cs}\p{Co}]|(?![\u200c\u200d])\p{Cf}/gu;
const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * A file name safe to show and to put in Content-Disposition: no path, no invisible or reserved
 * characters, at most FILE_NAME_MAX characters cut between graphemes (never inside an emoji or
 * between a letter and its accent), extension kept. It is never used to build a storage path.
 */
export function sanitizeFileName(name: string, fallback = 'document'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/\s+/gu, ' ')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(/[<>:"|?*]/g, '')
    .replace(/^[.\s]+/, '')
    .trim();
  return shorten(cleaned, FILE_NAME_MAX, fallback) || fallback;
}

/** Cuts a name to `max` code points on a grapheme boundary, keeping a short extension. */
function shorten(name: string, max: number, fallback: string): string {
  if (codePointCount(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && /^\.[\p{L}\p{N}]{1,10}$/u.test(name.slice(dot)) ? name.slice(dot) : '';
  const stem = extension ? name.slice(0, dot) : name;
  const budget = max - codePointCount(extension);
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(stem)) {
    const size = codePointCount(segment);
    if (count + size > budget) break;
    kept += segment;
    count += size;
  }
  return (kept.trimEnd() || fallback) + extension;
}

function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** 415: an upload route takes a multipart form, nothing else. */
function notMultipart() {
  return new AppError(
    415,
    'format_non_pris_en_charge',
    'Envoyez le fichier dans un formulaire (Content-Type: multipart/form-data, champ « fichier »).',
    [{ field: 'fichier', message: 'Fichier manquant.' }],
  );
}

/**
 * The multipart parser's own errors: its limits carry a status (413), anything else it throws (no
 * boundary, a body cut short, a malformed part header) is a broken request, 400.
 */
function brokenForm(error: unknown): never {
  if (error instanceof AppError) throw error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) throw error;
  throw new AppError(
    400,
    'formulaire_invalide',
    'Le formulaire envoyé est incomplet ou mal formé (envoi interrompu ?). Déposez le fichier à nouveau.',
    [{ field: 'fichier', message: 'Envoi incomplet : déposez le fichier à nouveau.' }],
  );
}

/** Checks the first bytes: the declared name or type of an upload proves nothing. */
async function checkContent(head: Buffer, kind: UploadKind): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (kind === 'csv') {
    if (detected || head.includes(0)) {
      throw Invalid(
        `Ce fichier n’est pas ${accepted.csv.label} : enregistrez votre tableau au format « CSV (séparateur : point-virgule) ».`,
        [{ field: 'fichier', message: 'Format de fichier non reconnu.' }],
        'format_refuse',
      );
    }
    return 'text/csv';
  }
  if (!detected || !accepted[kind].mimes.includes(detected.mime)) {
    throw Invalid(
      `Ce fichier n’est pas ${accepted[kind].label} (son contenu a été vérifié, pas seulement son nom).`,
      [{ field: 'fichier', message: `Déposez ${accepted[kind].label}.` }],
      'format_refuse',
    );
  }
  return detected.mime;
}

/**
 * A file received in a form, before it is checked and stored: its bytes as a stream, the name the
 * client gave, and the form's other fields. What a service takes, rather than the request.
 */
export type IncomingFile = {
  /** The bytes; `truncated` becomes true when the multipart limit cut them. */
  stream: Readable & { truncated?: boolean };
  filename: string;
  fields: Record<string, string>;
};

/** Reads the fields and opens the file of a multipart request (the route's part of an upload). */
export async function readUpload(request: FastifyRequest, options: { maxBytes: number }): Promise<IncomingFile> {
  if (!request.isMultipart()) throw notMultipart();
  const file = await request.file({ limits: { fileSize: options.maxBytes } }).catch(brokenForm);
  if (!file) throw Invalid('Aucun fichier reçu.', [{ field: 'fichier', message: 'Choisissez un fichier.' }]);
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(file.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field') fields[name] = String(value.value);
  }
  refuseControlCharacters(fields);
  return { stream: file.file, filename: file.filename, fields };
}

/**
 * Checks a received file's content and size, and stores it. Answers 413 past `maxBytes` and 422
 * for a wrong type, in French.
 */
export async function storeUpload(
  file: IncomingFile,
  storage: Storage,
  options: { kind: UploadKind; maxBytes: number; prefix: string },
): Promise<{
  key: string;
  size: number;
  sha256: string;
  name: string;
  mime: string;
  fields: Record<string, string>;
}> {
  // Errors while reading the file's bytes are the client's (a body cut short), never the disk's.
  const source = file.stream[Symbol.asyncIterator]();
  const iterator = { next: () => source.next().catch(brokenForm) };
  // file-type needs up to 4 100 bytes to recognise most formats.
  const headChunks: Buffer[] = [];
  let headLength = 0;
  while (headLength < 4100) {
    const next = await iterator.next();
    if (next.done) break;
    headChunks.push(next.value as Buffer);
    headLength += (next.value as Buffer).length;
  }
  const head = Buffer.concat(headChunks);
  if (head.length === 0) throw Invalid('Le fichier est vide.', [{ field: 'fichier', message: 'Le fichier est vide.' }]);
  const mime = await checkContent(head, options.kind);
  const rest = Readable.from(
    (async function* () {
      yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
    })(),
  );
  Object.defineProperty(rest, 'truncated', { get: () => file.stream.truncated });
  try {
    const stored = await storage.put(rest, { prefix: options.prefix, maxBytes: options.maxBytes });
    return { ...stored, name: sanitizeFileName(file.filename), mime, fields: file.fields };
  } catch (e) {
    if (e instanceof TooLargeError) {
      throw new AppError(
        413,
        'fichier_trop_volumineux',
        `Le fichier dépasse la taille maximale de ${Math.round(options.maxBytes / 1024 / 1024)} Mo.`,
        [{ field: 'fichier', message: `${Math.round(options.maxBytes / 1024 / 1024)} Mo au plus.` }],
      );
    }
    throw e;
  }
}

/** Reads, checks and stores the single file of a multipart request (routes that store it themselves). */
export async function receiveUpload(
  request: FastifyRequest,
  storage: Storage,
  options: { kind: UploadKind; maxBytes: number; prefix: string },
) {
  return storeUpload(await readUpload(request, options), storage, options);
}

/** Content-Disposition for a download: always attachment, with an RFC 5987 UTF-8 name. */
export function attachment(name: string): string {
  const safe = sanitizeFileName(name);
  const ascii =
    safe
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%]/g, '')
      .trim() || 'document';
  // RFC 5987 attr-char excludes ' ( ) * which encodeURIComponent leaves as they are.
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Reads a small text upload (a bank statement) into memory: 413 past `maxBytes`, 422 when its
 * content is not text (CSV) or XML — checked on the bytes, not the name.
 */
export async function bufferTextUpload(file: IncomingFile, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () =>
    new AppError(
      413,
      'fichier_trop_volumineux',
      `Le fichier dépasse la taille maximale de ${Math.round(maxBytes / 1024 / 1024)} Mo.`,
      [{ field: 'fichier', message: `${Math.round(maxBytes / 1024 / 1024)} Mo au plus.` }],
    );
  try {
    for await (const chunk of file.stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    brokenForm(e);
  }
  if (file.stream.truncated) throw tooLarge();
  const content = Buffer.concat(chunks);
  const detected = await fileTypeFromBuffer(content.subarray(0, 4100));
  if ((detected && !/xml/.test(detected.mime)) || content.includes(0))
    throw Invalid(
      'Ce fichier n’est ni un relevé CSV ni un relevé CAMT.053 (XML) : son contenu a été vérifié, pas seulement son nom.',
      [{ field: 'fichier', message: 'Déposez un relevé CSV ou CAMT.053.' }],
      'format_refuse',
    );
  return content;
}
