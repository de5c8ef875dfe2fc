import { addressLiteral } from '../syntax/hosts';
import { linePrefix } from '../syntax/lexer';
import { assignedKey, MAY_NAME_PORT } from '../syntax/names';
import type { Span } from '../text';
import type { OccurrenceDetails, OccurrenceSink } from './extractor';

/**
 * What every string `addStringReferences` records holds: a URL with a port (`://`, then the host
 * and its `:N`, with no white space, slash or quote between: `https://docs.example.com/x` has
 * none), or the `:NN` a `host:port` literal ends with, and so followed by its closing quote or the
 * line break that cuts an unclosed one short (`a[:10]` and `{ x:10, … }` are neither).
 */
const MAY_HOLD_ADDRESS = /:(?:\/\/[^\s/'"`]*:\d|\d\d+(?:['"`\r\n]|$))/;

/**
 * What a language reader looks for in a file's raw text before lexing it: the strings this module
 * records (`MAY_HOLD_ADDRESS`), a port name (`MAY_NAME_PORT`), or one of the reader's own `forms`
 * (pattern sources). Comments are in the raw text too, so the look never sees less than the code
 * holds; a file without any of them is passed over unlexed, as most modules of an application are.
 */
export function lookBeforeLexing(...forms: string[]): RegExp {
  return new RegExp([...forms, MAY_HOLD_ADDRESS.source, MAY_NAME_PORT.source].join('|'));
}

/** Words before a `name:1234` string that make it an address rather than a cache key or a label. */
const ADDRESS_CONTEXT = /addr|host|endpoint|target|server|url|uri|broker|channel|dial|connect|client|upstream|proxy|listen|bind/i;

/**
 * Records the URLs and `host:port` strings among a file's string literals as references, with the
 * key they are assigned to. Wildcard addresses (`:8080`, `0.0.0.0:80`) are left to the caller,
 * which knows whether the language writes listen addresses that way.
 */
export function addStringReferences(out: OccurrenceSink, code: string, strings: readonly Span[]): void {
  const hasUrls = code.includes('://');
  for (const s of strings) {
    // Only a literal ending in a digit can be an address, and only one holding `://` a URL: most
    // literals are neither, and are passed over without being cut out of the code.
    if (!hasUrls && !isDigit(code.charCodeAt(s.end - 1))) continue;
    const content = code.slice(s.start, s.end);
    const address = addressLiteral(content);
    const named = address !== undefined && !address.wildcard;
    // Most literals hold neither a URL nor an address: their line is never read for a key.
    if (!named && !content.includes('://')) continue;
    const prefix = linePrefix(code, s.start - 1);
    const details: OccurrenceDetails = { key: assignedKey(prefix) };
    out.addUrls(content, s.start, details);
    if (!named) continue;
    if (!address.literalHost && !ADDRESS_CONTEXT.test(prefix)) continue;
    out.addAt(s.start + address.portOffset, address.portText, 'reference', { ...details, host: address.host });
  }
}

/** Whether a character code is an ASCII digit. */
function isDigit(char: number): boolean {
  return char >= 48 && char <= 57;
}
