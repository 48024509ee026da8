/**
 * A LIKE/ILIKE pattern matching `text` anywhere, with the user's own `%`, `_` and `\` taken literally
 * (PostgreSQL's default LIKE escape character is the backslash).
 */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
