/**
 * A deliberately small MIME reader, enough for the mails Statutis sends through nodemailer
 * (multipart/alternative, quoted-printable or base64 parts, RFC 2047 encoded subjects).
 * `mailparser` is not a dependency of the project; this keeps the tests free of it.
 */

export type CapturedMail = {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
};

type Part = { headers: Map<string, string>; body: string };

function splitHeaders(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  // Folded header lines start with white space and continue the previous header.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(header: string | undefined, name: string): string | undefined {
  const match = header?.match(new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i'));
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeBytes(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function quotedPrintableBytes(text: string): Buffer {
  const withoutSoftBreaks = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < withoutSoftBreaks.length; i++) {
    const c = withoutSoftBreaks[i]!;
    const hex = withoutSoftBreaks.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(c.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = param(part.headers.get('content-type'), 'charset');
  if (encoding === 'base64') return decodeBytes(Buffer.from(part.body.replace(/\s+/g, ''), 'base64'), charset);
  if (encoding === 'quoted-printable') return decodeBytes(quotedPrintableBytes(part.body), charset);
  return decodeBytes(Buffer.from(part.body, 'latin1'), charset);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?R=C3=A9initialisation?=`). */
export function decodeHeader(value: string): string {
  return decodeBytes(Buffer.from(value, 'latin1'))
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? decodeBytes(Buffer.from(data, 'base64'), charset)
        : decodeBytes(quotedPrintableBytes(data.replace(/_/g, ' ')), charset),
    );
}

function collect(part: Part, out: { text: string; html: string }): void {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = param(part.headers.get('content-type'), 'boundary');
    if (!boundary) return;
    const pieces = part.body.split(`--${boundary}`);
    // pieces[0] is the preamble; the last one starts with "--" (the closing delimiter).
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      collect(splitHeaders(piece.replace(/^\r?\n/, '')), out);
    }
  } else if (type.startsWith('text/html')) {
    out.html ||= decodeBody(part);
  } else if (type.startsWith('text/')) {
    out.text ||= decodeBody(part);
  }
}

/**
 * Parses a raw RFC 5322 message into the fields the tests look at. `raw` is the message read as
 * latin1, one character per byte, so that 8-bit parts can be decoded with their own charset.
 */
export function parseMail(raw: string, envelope: { to: string[]; from: string }): CapturedMail {
  const root = splitHeaders(raw);
  const out = { text: '', html: '' };
  collect(root, out);
  return {
    to: envelope.to.map((a) => a.toLowerCase()),
    from: envelope.from,
    subject: decodeHeader(root.headers.get('subject') ?? ''),
    text: out.text,
    html: out.html,
    receivedAt: new Date().toISOString(),
  };
}
