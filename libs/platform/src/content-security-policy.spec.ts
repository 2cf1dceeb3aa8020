import { addNonces, hashSource, policyWithNonce } from './content-security-policy';

describe('addNonces: a library page made to run under a policy without inline code', () => {
  const page = [
    '<!DOCTYPE html><html><head><title>Board</title>',
    '<link href="https://fonts.googleapis.com/css2?family=IBM+Plex+Sans" rel="stylesheet">',
    '<link rel="stylesheet" href="static/css/main.css">',
    '<style>body { margin: 0 }</style></head>',
    '<body><!-- <p style="color: red"> -->',
    '<script id="config" type="application/json">{"title":"<div style=\\"x\\">"}</script>',
    `<div id="root" style="display:flex;font-family:'IBM Plex Sans',sans-serif"><span style="color: &quot;red&quot;">Loading</span></div>`,
    '<svg style="position:absolute;width:0;height:0"/>',
    '<script defer src="static/js/main.js"></script></body></html>',
  ].join('\n');
  const html = addNonces(page, 'abc');

  it('puts the nonce on every <script> and <style> element, and leaves their text alone', () => {
    expect(html).toContain('<style nonce="abc">body { margin: 0 }</style>');
    expect(html).toContain(
      '<script nonce="abc" id="config" type="application/json">{"title":"<div style=\\"x\\">"}</script>',
    );
    expect(html).toContain('<script nonce="abc" defer src="static/js/main.js"></script>');
  });

  it('moves every style attribute into one rule each, in a <style> with the nonce in the head', () => {
    expect(html).toContain('<div id="root" data-csp-style="0"><span data-csp-style="1">Loading</span></div>');
    expect(html).toContain('<svg data-csp-style="2"/>');
    expect(html).toContain(
      `<style nonce="abc">[data-csp-style="0"]{display:flex;font-family:'IBM Plex Sans',sans-serif}` +
        `[data-csp-style="1"]{color: "red"}[data-csp-style="2"]{position:absolute;width:0;height:0}</style></head>`,
    );
    expect(html).toContain('<!-- <p style="color: red"> -->');
  });

  it('leaves out stylesheets from other origins and keeps its own', () => {
    expect(html).not.toContain('fonts.googleapis.com');
    expect(html).toContain('<link rel="stylesheet" href="static/css/main.css">');
  });

  it('cannot be made to close its <style> element by a style attribute', () => {
    expect(addNonces('<head></head><p style="a:b&lt;/style&gt;&lt;script&gt;">x</p>', 'n')).toBe(
      '<head><style nonce="n">[data-csp-style="0"]{a:b\\3c /style>\\3c script>}</style></head><p data-csp-style="0">x</p>',
    );
  });
});

describe('policyWithNonce', () => {
  const policy = "default-src 'self';script-src 'self' 'unsafe-inline';base-uri 'none';object-src 'none'";

  it('allows the nonce for scripts and styles and drops any unsafe-inline', () => {
    expect(policyWithNonce(policy, 'n1')).toBe(
      "default-src 'self';script-src 'self' 'nonce-n1';base-uri 'none';object-src 'none';style-src 'self' 'nonce-n1'",
    );
  });

  it('adds sources and replaces directives', () => {
    expect(
      policyWithNonce(policy, 'n2', {
        sources: { 'style-src': [hashSource('.a{fill:red}')] },
        directives: { 'base-uri': "'self'" },
      }),
    ).toBe(
      "default-src 'self';script-src 'self' 'nonce-n2';base-uri 'self';object-src 'none';" +
        "style-src 'self' 'nonce-n2' 'sha256-uvOLMGCNdRaXZ7D5FE4GjwpOKlBgbEDdYi7feZQnIeM='",
    );
  });
});
