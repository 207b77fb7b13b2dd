/**
 * Text that any author may write, made safe to put into an XML 1.0 document (feeds) without
 * changing what a reader sees: characters XML forbids are dropped, markup characters escaped, and
 * CDATA sections split around every `]]>`. One module so that no field of a feed can be forgotten.
 */

/**
 * What XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF) and
 * UTF-16 surrogates without their other half, which no encoder can write as UTF-8.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without XML-forbidden characters: controls and noncharacters go, a lone surrogate becomes U+FFFD. */
export function xmlSafe(text: string): string {
  return text.replace(FORBIDDEN, (found) =>
    found.length === 1 && found >= '\uD800' && found <= '\uDFFF' ? '\uFFFD' : '',
  );
}

/** Character data: `&`, `<` and `>` escaped (the last so that `]]>` never appears). */
export function xmlEscape(text: string): string {
  return xmlSafe(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * A double-quoted attribute value. Tab and line breaks are written as references, since a parser
 * would otherwise turn them into spaces.
 */
export function xmlAttribute(text: string): string {
  return xmlEscape(text)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

/** A CDATA section holding exactly `text`: each `]]>` ends one section and starts the next between `]]` and `>`. */
export function xmlCdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Plain text as HTML (for feed fields that readers render as HTML). */
export function htmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
