import { Anchor, Text } from '@mantine/core';

/**
 * The address when it is an http(s) URL, else null. The server accepts only those, but rows written before it
 * did (or by other means) may hold javascript:, data: or other addresses, which must never become a link.
 */
export function safeWebUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An account's website: a link opening in a new tab for http(s) addresses, plain text for anything else. */
export function WebsiteLink({ website }: { website: string }) {
  const href = safeWebUrl(website);
  if (!href)
    return (
      <Text span size="sm" data-testid="website-text">
        {website}
      </Text>
    );
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm" data-testid="website-link">
      {website}
    </Anchor>
  );
}
