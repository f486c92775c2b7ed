/** The address parameter holding the search words: `/search?q=defender`. */
export const SEARCH_PARAM = "q";

/** Fewer characters would match nearly everything in every tenant: the search waits for this many. */
export const MIN_SEARCH_LENGTH = 2;

/** What the page searches for: the words without surrounding spaces, or null while they are too short. */
export function searchTerm(text: string | null): string | null {
  const term = (text ?? "").trim();
  return term.length >= MIN_SEARCH_LENGTH ? term : null;
}

/** The search an address holds (null for none). */
export function readSearch(params: URLSearchParams): string | null {
  const value = params.get(SEARCH_PARAM);
  return value === null || value.trim() === "" ? null : value;
}

/** The address parameters with `search` written in (or taken out), the others kept. */
export function writeSearch(params: URLSearchParams, search: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (search === null) next.delete(SEARCH_PARAM);
  else next.set(SEARCH_PARAM, search);
  return next;
}

/** "3 results", "1 result". */
export function resultCount(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? "result" : "results"}`;
}
