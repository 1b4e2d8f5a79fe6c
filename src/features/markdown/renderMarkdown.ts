import MarkdownIt from 'markdown-it';

// Raw HTML is turned off, so a cell's text can never add tags, scripts or
// event handlers: anything in angle brackets is shown as text. markdown-it's
// link check drops javascript:, vbscript:, file: and non-image data: URLs.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

// Links open in a new tab, without handing that tab a reference to this page.
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Markdown to HTML that is safe to insert into the page. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
