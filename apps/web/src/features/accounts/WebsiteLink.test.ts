import { describe, expect, it } from 'vitest';
import { safeWebUrl } from './WebsiteLink.tsx';

describe('account website links', () => {
  it('links http(s) addresses only', () => {
    expect(safeWebUrl('https://www.example.com/a?b=1')).toBe('https://www.example.com/a?b=1');
    expect(safeWebUrl(' http://example.com ')).toBe('http://example.com/');
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      '\u0000javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example',
      'www.example.com',
      'not a url',
      '',
    ]) {
      expect(safeWebUrl(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
