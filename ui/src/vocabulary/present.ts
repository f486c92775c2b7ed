import type { MantineColor } from "@mantine/core";
import type { Presentation, Tone } from "../bindings/types";
import { type VocabularyDomain, vocabulary } from "../bindings/vocabulary";

/** The value codes of one vocabulary domain, e.g. "active" | "paused" | "archived". */
export type VocabularyCode<D extends VocabularyDomain> = keyof (typeof vocabulary)[D] & string;

/** Every icon name the vocabulary uses; the icon map must cover all of them. */
export type VocabularyIcon = {
  [D in VocabularyDomain]: (typeof vocabulary)[D][keyof (typeof vocabulary)[D]] extends { icon: infer I } ? I : never;
}[VocabularyDomain];

/**
 * Label, tone and icon for one value. A code the bindings do not know (a newer backend) is
 * shown as its raw code in a neutral tone rather than hidden.
 */
export function present<D extends VocabularyDomain>(domain: D, code: VocabularyCode<D>): Presentation {
  const entries: Record<string, Presentation | undefined> = vocabulary[domain];
  return entries[code] ?? { label: code, tone: "neutral", icon: "" };
}

export function toneColor(tone: Tone): MantineColor {
  switch (tone) {
    case "success":
      return "green";
    case "warning":
      return "yellow";
    case "danger":
      return "red";
    case "info":
      return "blue";
    case "neutral":
      return "gray";
  }
}
