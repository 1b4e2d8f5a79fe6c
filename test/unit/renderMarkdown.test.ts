import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/features/markdown/renderMarkdown';

describe('markdown rendering is sanitised', () => {
  it('renders markdown', () => {
    const html = renderMarkdown('# Title\n\nSome **bold** and `code`.\n\n- a\n- b');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>a</li>');
  });

  it('shows raw HTML as text: no script, no tags with event handlers', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n<a href="#" onclick="x()">y</a>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<a [^>]*onclick/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript:, vbscript: and data: links', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>']) {
      const html = renderMarkdown(`[click](${href})`);
      expect(html, href).not.toMatch(/href="(javascript|vbscript|data)/i);
    }
  });

  it('keeps http links, opening them in a new tab without an opener', () => {
    expect(renderMarkdown('[tfjs](https://js.tensorflow.org)')).toBe(
      '<p><a href="https://js.tensorflow.org" target="_blank" rel="noopener noreferrer">tfjs</a></p>\n',
    );
  });
});
