import { escapeHtml } from '../../../scripts/review/escape-html';

test("escapes the five characters HTML gives meaning to, '&' first", () => {
  expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  expect(escapeHtml('plain text')).toBe('plain text');
});
