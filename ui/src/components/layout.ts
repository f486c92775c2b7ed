/** Height of the app header; sticky table headers sit just below it. */
export const HEADER_HEIGHT = 48;
