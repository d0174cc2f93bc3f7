/**
 * PostgreSQL's text and jsonb cannot hold U+0000 (the NUL character): a value containing it fails in the
 * database. Whatever a person types is checked for it first, so they hear what is wrong with their text
 * instead of "something went wrong on our side".
 */
export const hasUnstorableCharacter = (text: string): boolean => text.includes("\u0000");
